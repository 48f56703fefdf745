import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../examples/server/server';

// The reference server with `npm start`'s defaults, in its own process for the security bench.
const server = await startServer({
  port: 0,
  quiet: true,
  dataDir: mkdtempSync(join(tmpdir(), 'kefu-bench-security-')),
});
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
