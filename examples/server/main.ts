import { connectorFromEnv } from './connector-env';
import { connectPostgres } from './postgres';
import { startServer } from './server';

// `npm start`: the reference server on http://localhost:5178 (PORT overrides), no test controls.
const port = process.env.PORT === undefined ? 5178 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}
const origins =
  process.env.KEFU_ALLOWED_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean) ?? [];
// KEFU_RT_URL (and KEFU_RT_TOKEN, or KEFU_RT_USER and KEFU_RT_PASSWORD) and its siblings for the
// other helpdesks (see connector-env.ts) turn forwarding on; without them nothing leaves the server.
let connector: ReturnType<typeof connectorFromEnv>;
try {
  connector = connectorFromEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
// KEFU_DATABASE_URL=postgres://… runs this as one of many instances on PostgreSQL; without it, SQLite.
const postgres = process.env.KEFU_DATABASE_URL
  ? await connectPostgres(process.env.KEFU_DATABASE_URL, { forwardQueue: Boolean(connector) })
  : undefined;
const server = await startServer({
  ...(connector ? { connector } : {}),
  port,
  host: process.env.HOST ?? '127.0.0.1',
  allowedOrigins: origins,
  ...postgres?.options,
  // KEFU_RATE_LIMIT=off for load tests from one address; KEFU_QUIET=1 drops the per-request log lines.
  ...(process.env.KEFU_RATE_LIMIT === 'off' ? { rateLimit: false } : {}),
  // KEFU_IDENTITY_KEY (≥ 32 bytes) verifies the app's signed user tokens (README, "Who may read
  // and write a ticket"); without it, a ticket secret is the only proof of authorship.
  ...(process.env.KEFU_IDENTITY_KEY
    ? { identity: { hmacKey: process.env.KEFU_IDENTITY_KEY } }
    : {}),
  quiet: process.env.KEFU_QUIET === '1',
});
const shown = server.url.replace('127.0.0.1', 'localhost');
console.log(`kefu support server: ${shown}
  relay endpoint  ${shown}/api
  inbox           ${shown}/inbox
  example app     ${shown}/video-app/
  forwarding to   ${connector ? connector.name : 'no helpdesk (set KEFU_RT_URL, …; see README "Connectors")'}`);

const stop = () => {
  void server
    .close()
    .then(() => postgres?.stop())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
