import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from './free-port';

/** A throwaway PostgreSQL cluster on 127.0.0.1, owned by the test that started it. */
export interface TestPostgres {
  host: '127.0.0.1';
  port: number;
  /** A new empty database each call, so each store under test starts from nothing. */
  createDatabase(): Promise<pg.PoolConfig>;
  /** Stops the server (fast shutdown) and deletes its data directory. */
  stop(): Promise<void>;
  /** Stops the server but keeps the data, to show what clients see while it is down. */
  pause(): void;
  /** Starts it again on the same port after {@link TestPostgres.pause}. */
  resume(): void;
}

/** The directory of Debian's PostgreSQL server binaries, or a reason why there is none. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    : [];
  if (versions.length === 0) {
    // Loud on purpose: a PostgreSQL suite that skips itself would look green while testing nothing.
    throw new Error(
      'PostgreSQL server binaries are missing (no /usr/lib/postgresql/*/bin/initdb); install them with `apt-get install -y postgresql` (.ci/run does).',
    );
  }
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

/**
 * Starts a cluster in a temp directory on a random free loopback port. initdb refuses to run as
 * root, so as root the cluster is made and run by the `postgres` system user.
 */
export async function startTestPostgres(options: { fsync?: boolean } = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'kefu-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const result = spawnSync(cmd as string, argv as string[], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0)
      throw new Error(
        `${tool} failed (${result.status}): ${result.stderr || result.stdout || result.error?.message}`,
      );
  };
  const data = join(dir, 'data');
  run('initdb', [
    '-D',
    data,
    '-U',
    'kefu',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  // Loopback only, the socket in our own temp dir; fsync off unless a bench wants real commits.
  const serverArgs = `-h 127.0.0.1 -p ${port} -k ${dir} -c max_connections=200${options.fsync ? '' : ' -F'}`;
  const start = () =>
    run('pg_ctl', [
      'start',
      '-w',
      '-t',
      '30',
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-o',
      serverArgs,
    ]);
  // Smart first: pg.Pool#end resolves before its sockets are closed, and a fast stop racing them
  // sends those closing clients a FATAL that surfaces as an unhandled error. Fast if someone lingers.
  const stopServer = () => {
    try {
      run('pg_ctl', ['stop', '-w', '-t', '5', '-m', 'smart', '-D', data]);
    } catch {
      run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
    }
  };
  start();
  let running = true;
  let counter = 0;
  const admin = { host: '127.0.0.1', port, user: 'kefu', database: 'postgres' };
  return {
    host: '127.0.0.1',
    port,
    async createDatabase() {
      const name = `kefu_${process.pid}_${++counter}`;
      const client = new pg.Client(admin);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return { ...admin, database: name };
    },
    async stop() {
      if (running) stopServer();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
    pause() {
      // Fast: the point is to cut the connections of pools that are still in use.
      run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
      running = false;
    },
    resume() {
      start();
      running = true;
    },
  };
}

/**
 * For one test file: starts a throwaway cluster before its tests (handed to `onStart`) and, after
 * them, ends every pool passed to the returned `keep` and stops the cluster. A file's own
 * `afterAll`, registered after this call, runs before it (vitest runs after-hooks as a stack).
 */
export function usePostgres(onStart: (cluster: TestPostgres) => void): (pool: pg.Pool) => pg.Pool {
  let cluster: TestPostgres | undefined;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    cluster = await startTestPostgres();
    onStart(cluster);
  }, 60_000);
  // Ending many pools and a fast shutdown can outlast the default 10 s on a busy 2-core machine.
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await cluster?.stop();
  }, 60_000);
  return (pool) => {
    pools.push(pool);
    return pool;
  };
}
