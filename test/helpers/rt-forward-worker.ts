// A forward worker in its own process over a SQLite store file, so a test or bench can kill it
// with SIGKILL mid-forward, as a crashed server would die. argv: db path, RT URL, RT token,
// instance id. It prints "ready" once started and one line per failed attempt.
import Database from 'better-sqlite3';
import { createSqliteRelayStore } from '../../examples/server/sqlite-store';
import { createForwarder, createRequestTrackerConnector } from '../../src/relay';

const [dbPath, url, token, instanceId] = process.argv.slice(2) as [string, string, string, string];
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
const store = createSqliteRelayStore(db);
const connector = createRequestTrackerConnector({ url, auth: { token }, timeoutMs: 5000 });
const forwarder = createForwarder({
  store,
  connector,
  instanceId,
  leaseMs: 1500,
  batch: 5,
  idleMs: 50,
  backoff: { baseMs: 50, maxMs: 400 },
  log: (line) => process.stdout.write(`${line}\n`),
});
forwarder.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => void forwarder.stop().then(() => (db.close(), process.exit(0))));
