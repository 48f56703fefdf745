// One instance of the reference server (relay + static files) on a shared PostgreSQL, in its own
// process, so a fault test can kill it with SIGKILL: no shutdown, no goodbye to its clients, its
// sockets reset by the kernel, as a crashed or OOM-killed instance. argv: the pool config as JSON,
// a data directory, and the Host the front proxy forwards. Prints `ready <url>` once listening.
import pg from 'pg';
import { createPostgresAgentStore } from '../../../examples/server/console-auth';
import { startServer } from '../../../examples/server/server';
import { createPostgresRelayStore } from '../../../src/relay';

const [config, dataDir, frontHost] = process.argv.slice(2);
const pool = new pg.Pool({ ...(JSON.parse(config!) as pg.PoolConfig), max: 10 });
const server = await startServer({
  port: 0,
  quiet: true,
  rateLimit: false,
  dataDir: dataDir!,
  allowedHosts: [frontHost!],
  store: await createPostgresRelayStore({ pool }),
  agents: await createPostgresAgentStore(pool),
});
process.stdout.write(`ready ${server.url}\n`);
