import { connectorFromEnv } from './connector-env';
import { connectPostgres } from './postgres';
import { startServer } from './server';

// `npm start`: the reference server on http://localhost:5178 (PORT overrides), no test controls.
const port = process.env.PORT === undefined ? 5178 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}
const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((o) => o.trim())
    .filter(Boolean) ?? [];
const origins = list(process.env.KEFU_ALLOWED_ORIGINS);
// KEFU_TRUST_PROXY=10.0.0.0/8,loopback: the proxies whose X-Forwarded-For is believed ("true": any).
const trustProxy =
  process.env.KEFU_TRUST_PROXY === 'true' ? true : list(process.env.KEFU_TRUST_PROXY);
// KEFU_PUBLIC_URL=https://support.example.com: the name users reach it by (allowed as Host), and
// over https the console's cookies are Secure.
const publicUrl = process.env.KEFU_PUBLIC_URL ? new URL(process.env.KEFU_PUBLIC_URL) : undefined;
const allowedHosts = [
  ...list(process.env.KEFU_ALLOWED_HOSTS),
  ...(publicUrl ? [publicUrl.host] : []),
];
// KEFU_RT_URL (and KEFU_RT_TOKEN, or KEFU_RT_USER and KEFU_RT_PASSWORD) and its siblings for the
// other helpdesks (see connector-env.ts) turn forwarding on; without them nothing leaves the server.
let connector: ReturnType<typeof connectorFromEnv>;
try {
  connector = connectorFromEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
// KEFU_LOG_RETENTION_DAYS: days the live-support event log keeps events of closed or idle
// conversations and tickets (default 30); "off" keeps everything.
const retention = process.env.KEFU_LOG_RETENTION_DAYS;
const retentionDays =
  retention === undefined || retention === 'off' ? undefined : Number(retention);
if (retentionDays !== undefined && !(retentionDays >= 1)) {
  console.error(
    `KEFU_LOG_RETENTION_DAYS must be a number of days ≥ 1, or "off", not "${retention}".`,
  );
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
  allowedHosts,
  trustProxy,
  secureCookies: publicUrl?.protocol === 'https:',
  ...postgres?.options,
  // KEFU_RATE_LIMIT=off for load tests from one address; KEFU_QUIET=1 drops the per-request log lines.
  ...(process.env.KEFU_RATE_LIMIT === 'off' ? { rateLimit: false } : {}),
  // KEFU_IDENTITY_KEY (≥ 32 bytes) verifies the app's signed user tokens (README, "Who may read
  // and write a ticket"); without it, a ticket secret is the only proof of authorship.
  ...(process.env.KEFU_IDENTITY_KEY
    ? { identity: { hmacKey: process.env.KEFU_IDENTITY_KEY } }
    : {}),
  quiet: process.env.KEFU_QUIET === '1',
  ...(retention === 'off' ? { logRetention: false as const } : {}),
  ...(retentionDays === undefined ? {} : { logRetention: { retentionDays } }),
});
const shown = publicUrl ? publicUrl.origin : server.url.replace('127.0.0.1', 'localhost');
// The first agent signs in with a one-time link (24 h); later ones are invited from the console.
const firstAgent =
  (await server.auth.agentCount()) === 0
    ? `\n  first agent     ${shown}${await server.auth.createInvite()}  (one-time sign-in link, 24 h)`
    : '';
console.log(`kefu support server: ${shown}
  relay endpoint  ${shown}/api
  agent console   ${shown}/inbox${firstAgent}
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
