import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { createPostgresAgentStore } from '../../../examples/server/console-auth';
import { createPostgresRelayStore, type RelayStore } from '../../../src/relay';
import { startTestPostgres } from '../../helpers/postgres';
import { launchChromium } from './browser';

const SCRIPT = fileURLToPath(new URL('./relay-instance-process.ts', import.meta.url));

/** One reference-server instance in a process of its own. */
export interface RelayProcess {
  url: string;
  port: number;
  /** SIGKILL: no shutdown, the kernel resets its sockets. Resolves once the process is gone. */
  kill(): Promise<void>;
}

async function startRelayProcess(
  config: pg.PoolConfig,
  dataDir: string,
  frontHost: string,
): Promise<RelayProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', SCRIPT, JSON.stringify(config), dataDir, frontHost],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error('a relay process did not start in 60 s')),
      60_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const ready = /ready (\S+)/.exec(out);
      if (ready) clearTimeout(timer), resolve(ready[1]!);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`a relay process exited (${code}) before listening`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A load balancer in front of the instances, at the TCP level: each connection goes to the first
 * instance that accepts it, so everything (the page, its stream, its posts) is on the first one
 * until it dies; then a refused connection moves on to the next. The page's origin never changes,
 * so its IndexedDB (outbox, conversations, cursor) survives the failover, as behind a real one.
 */
async function startFrontProxy(ports: () => number[]) {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const clients = new Set<Socket>();
  const server = createServer((client) => {
    track(client);
    clients.add(client);
    client.on('close', () => clients.delete(client));
    let upstream: Socket | undefined;
    client.on('close', () => upstream?.destroy());
    const tryFrom = (index: number) => {
      const port = ports()[index];
      if (port === undefined || client.destroyed) return void client.destroy();
      const next = connect(port, '127.0.0.1');
      track(next);
      let connected = false;
      next.once('connect', () => {
        connected = true;
        upstream = next;
        // Data the browser sent meanwhile waited in the client socket (paused until piped).
        client.pipe(next);
        next.pipe(client);
      });
      next.once('error', () => (connected ? client.destroy() : tryFrom(index + 1)));
      next.once('close', () => connected && client.destroy());
    };
    tryFrom(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    /** Resets every browser connection, as a network that goes away does. */
    cut() {
      for (const client of clients) client.resetAndDestroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * What the fault runs need: one throwaway PostgreSQL, two reference-server instances on it in
 * their own processes behind a front proxy (the user's page and stream on the first), the agent
 * writing through a relay store of its own on the same database (what the console on another
 * instance does: the write NOTIFYs the others), and Chromium.
 */
export async function startFaultBed() {
  const postgres = await startTestPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-faults-'));
  const instances: RelayProcess[] = [];
  let pool: pg.Pool | undefined;
  let proxy: Awaited<ReturnType<typeof startFrontProxy>> | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await Promise.all(instances.map((i) => i.kill()));
    await proxy?.close();
    // The store keeps one pooled connection LISTENing, which pool.end() would wait for forever;
    // the cluster is stopped right after, which ends it.
    if (pool) await Promise.race([pool.end(), new Promise((r) => setTimeout(r, 1000))]);
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = await postgres.createDatabase();
    pool = new pg.Pool({ ...config, max: 4 });
    // Migrations run here, once, before the instances start.
    const store: RelayStore = await createPostgresRelayStore({ pool });
    await createPostgresAgentStore(pool);
    proxy = await startFrontProxy(() => instances.map((i) => i.port));
    const front = `127.0.0.1:${proxy.port}`;
    for (const name of ['first', 'second'])
      instances.push(await startRelayProcess(config, join(dataDir, name), front));
    browser = await launchChromium();
    return {
      /** The front proxy's origin: the page, the relay at `/api`. */
      url: `http://${front}`,
      store,
      browser,
      /**
       * Resets the browser's open connections: Chromium's offline mode fails new requests but
       * leaves an open stream flowing, which a real network drop would not.
       */
      cutConnections: () => proxy!.cut(),
      /** The first carries the user until it is killed; the second takes over. */
      instances,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What {@link startFaultBed} resolves to. */
export type FaultBed = Awaited<ReturnType<typeof startFaultBed>>;
