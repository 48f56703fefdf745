// @vitest-environment node
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  createForwarder,
  createRelay,
  type Connector,
  type ForwarderOptions,
  type RelayStore,
  type StoredSubmission,
} from '../../src/relay';
import { createPostgresRateLimiter, createPostgresRelayStore } from '../../src/relay/postgres';
import { usePostgres, type TestPostgres } from '../helpers/postgres';
import { errorOf, postJson, postMultipart, ticketEnvelope } from './helpers';

let server: TestPostgres;
const keep = usePostgres((c) => (server = c));

/** Two instances: each its own pool (its own connections), one database. */
async function twoInstances(options: { forwardQueue?: boolean } = {}) {
  const config = await server.createDatabase();
  return Promise.all(
    [0, 1].map(async () => {
      const pool = new pg.Pool({ ...config, max: 8 });
      pool.on('error', () => undefined); // idle connections cut by a stopped server must not crash the run
      keep(pool);
      const store = await createPostgresRelayStore({ pool, ...options });
      return { pool, store, config };
    }),
  );
}

/** A forwarder on `store` whose helpdesk is `deliver`: it records nothing of its own, so the test sees every call. */
const forwarderOn = (
  store: RelayStore,
  deliver: (s: StoredSubmission) => Promise<unknown>,
  options: Partial<ForwarderOptions> = {},
) => {
  const connector: Connector = {
    name: 'desk',
    deliver: async (s) => (await deliver(s), `D-${s.id}`),
  };
  return createForwarder({ store, connector, log: () => undefined, ...options });
};

const relayOn = (
  store: RelayStore,
  extra: Parameters<typeof createRelay>[0] extends infer O ? Partial<O> : never = {},
) => createRelay({ store, basePath: '/api', rateLimit: false, ...extra });

describe('two relay instances on one PostgreSQL', () => {
  it('makes exactly one ticket per envelope when 2,000 envelopes reach both instances at the same moment', async () => {
    const [a, b] = await twoInstances();
    const relays = [relayOn(a!.store), relayOn(b!.store)];
    const envelopes = Array.from({ length: 2000 }, () => ticketEnvelope());
    const statuses: number[] = [];
    for (let i = 0; i < envelopes.length; i += 100) {
      const wave = envelopes.slice(i, i + 100);
      const answers = await Promise.all(
        wave.flatMap((e) => relays.map((relay) => relay(postJson('/tickets', e)))),
      );
      statuses.push(...answers.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(2000);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2000);
    const { rows } = await a!.pool.query(
      'SELECT count(*)::int AS tickets, count(DISTINCT id)::int AS ids FROM kefu_tickets',
    );
    expect(rows[0]).toEqual({ tickets: 2000, ids: 2000 });
    // 4,000 requests on one PostgreSQL: 4-8 s on a quiet 2-core machine, 33-41 s at a load
    // average of 20, over 60 s at 30. The limit is there to catch a hang, not to time it.
  }, 180_000);

  it('finishes a crashed instance’s claimed forwards on the other instance once its lease passes, each once', async () => {
    const [a, b] = await twoInstances({ forwardQueue: true });
    const relay = relayOn(a!.store);
    const ids = Array.from({ length: 30 }, () => ticketEnvelope());
    for (const e of ids) expect((await relay(postJson('/tickets', e))).status).toBe(201);

    let crashedHolds = 0;
    let resumeCrashed!: () => void;
    const hung = new Promise<void>((resolve) => (resumeCrashed = resolve));
    const lost: string[] = [];
    // Instance A claims everything, then "dies" inside its first forward: it never completes.
    const crashed = forwarderOn(a!.store, () => (crashedHolds++, hung), {
      instanceId: 'a',
      leaseMs: 400,
      batch: 50,
      log: (line) => lost.push(line),
    });
    const crashedRound = crashed.runOnce();
    await expect
      .poll(
        async () =>
          (
            await a!.pool.query(
              "SELECT count(*)::int AS n FROM kefu_forward_queue WHERE claimed_by = 'a'",
            )
          ).rows[0].n,
      )
      .toBe(30);

    const sent: StoredSubmission[] = [];
    const survivor = forwarderOn(b!.store, async (s) => void sent.push(s), {
      instanceId: 'b',
      leaseMs: 10_000,
      batch: 50,
    });
    expect(await survivor.runOnce()).toBe(0); // the leases are live: nothing to take yet
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await survivor.runOnce()).toBe(30);
    expect(new Set(sent.map((s) => s.id))).toEqual(new Set(ids.map((e) => e.id)));
    expect(sent).toHaveLength(30);

    // The dead instance wakes up late: its completion is refused, nothing is marked twice.
    resumeCrashed();
    expect(await crashedRound).toBe(0);
    expect(crashedHolds).toBe(1);
    expect(lost).toEqual([
      expect.stringMatching(
        /lost the lease on [\w-]+ before settling; another worker took it over/,
      ),
    ]);
    const { rows } = await b!.pool.query(
      "SELECT count(*)::int AS done, count(*) FILTER (WHERE claimed_by = 'b')::int AS by_b FROM kefu_forward_queue WHERE done_at IS NOT NULL",
    );
    expect(rows[0]).toEqual({ done: 30, by_b: 30 });
    expect(await survivor.runOnce()).toBe(0);
  }, 30_000);

  it('finishes the work of an instance process killed mid-forward, each item once', async () => {
    const [a, b] = await twoInstances({ forwardQueue: true });
    const relay = relayOn(a!.store);
    const envelopes = Array.from({ length: 20 }, () => ticketEnvelope());
    for (const e of envelopes) await relay(postJson('/tickets', e));

    const script = fileURLToPath(new URL('./fixtures/forward-worker-process.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, JSON.stringify({ ...a!.config, max: 2 })],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on(
          'data',
          (chunk: Buffer) => String(chunk).includes('forwarding') && resolve(),
        );
        child.once('exit', (code) =>
          reject(new Error(`the worker process exited (${code}) before claiming`)),
        );
      });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const claimed = (
      await b!.pool.query(
        "SELECT count(*)::int AS n FROM kefu_forward_queue WHERE claimed_by = 'doomed' AND done_at IS NULL",
      )
    ).rows[0].n;
    expect(claimed).toBe(20);

    const sent: string[] = [];
    const survivor = forwarderOn(b!.store, async (s) => void sent.push(s.id), {
      instanceId: 'survivor',
      batch: 100,
    });
    await expect.poll(() => survivor.runOnce(), { timeout: 5000, interval: 200 }).toBe(20);
    expect(sent.sort()).toEqual(envelopes.map((e) => e.id).sort());
    expect(await survivor.runOnce()).toBe(0);
  }, 30_000);

  it('stores a multipart attachment through the relay and answers 413 for one over the store’s limit', async () => {
    const { pool } = (await twoInstances())[0]!;
    const relay = relayOn(await createPostgresRelayStore({ pool, maxAttachmentBytes: 1000 }));
    const meta = (size: number) => ({
      part: 'attachment-0',
      name: 'log.txt',
      type: 'text/plain',
      size,
    });
    const small = ticketEnvelope({ attachments: [meta(5)] });
    expect(
      (
        await relay(
          postMultipart('/tickets', small, [
            ['attachment-0', new Blob(['hello'], { type: 'text/plain' })],
          ]),
        )
      ).status,
    ).toBe(201);
    const big = ticketEnvelope({ attachments: [meta(1001)] });
    const refused = await relay(
      postMultipart('/tickets', big, [
        ['attachment-0', new Blob(['x'.repeat(1001)], { type: 'text/plain' })],
      ]),
    );
    expect(refused.status).toBe(413);
    expect(await errorOf(refused)).toMatchObject({
      code: 'payload_too_large',
      field: 'payload.attachments',
    });
    const { rows } = await pool.query('SELECT id FROM kefu_submissions');
    expect(rows).toEqual([{ id: small.id }]);
  });

  it('retries a failed forward later instead of dropping it', async () => {
    const [a] = await twoInstances({ forwardQueue: true });
    await relayOn(a!.store)(postJson('/tickets', ticketEnvelope()));
    // random 0.5 of a 60 s first backoff: the retry is due in 30 s.
    const worker = forwarderOn(a!.store, async () => Promise.reject(new Error('helpdesk down')), {
      backoff: { baseMs: 60_000, random: () => 0.5 },
    });
    expect(await worker.runOnce()).toBe(0);
    const { rows } = await a!.pool.query(
      "SELECT attempts, last_error, done_at, claimed_by, claimed_until > now() + interval '25 seconds' AS backing_off FROM kefu_forward_queue",
    );
    expect(rows[0]).toMatchObject({
      attempts: 1,
      last_error: 'error: helpdesk down',
      done_at: null,
      claimed_by: null,
      backing_off: true,
    });
    expect(await worker.runOnce()).toBe(0);
    expect((await a!.pool.query('SELECT attempts FROM kefu_forward_queue')).rows[0]).toEqual({
      attempts: 1,
    });
  });

  it('holds one client to one limit across instances and tells it when to come back', async () => {
    const [a, b] = await twoInstances();
    const limited = [a!, b!].map(({ pool, store }) =>
      relayOn(store, {
        rateLimit: createPostgresRateLimiter({ pool, capacity: 5, refillPerSecond: 0.1 }),
        trustProxy: true,
      }),
    );
    const from = (ip: string) => ({ headers: { 'X-Forwarded-For': ip } });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limited[i % 2]!(postJson('/tickets', ticketEnvelope(), from('203.0.113.7'))),
      ),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(
      (await limited[1]!(postJson('/tickets', ticketEnvelope(), from('198.51.100.2')))).status,
    ).toBe(201);
  });

  it('reports not ready and answers writes 503 with Retry-After while the database is down, and recovers when it is back', async () => {
    const [a] = await twoInstances();
    const errors: unknown[] = [];
    const relay = relayOn(a!.store, { onError: (e) => errors.push(e) });
    const probe = () => relay(new Request('https://support.example/api/readyz'));
    expect((await probe()).status).toBe(200);
    server.pause();
    try {
      const down = await probe();
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({
        status: 'unavailable',
        reason: 'The store cannot take writes.',
      });
      expect((await relay(new Request('https://support.example/api/healthz'))).status).toBe(200);
      // A write meets 503, which the SDK retries after Retry-After; nothing half-stored is acknowledged.
      const refused = await relay(postJson('/tickets', ticketEnvelope()));
      expect(refused.status).toBe(503);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      server.resume();
    }
    await expect.poll(async () => (await probe()).status, { timeout: 10_000 }).toBe(200);
    expect((await relay(postJson('/tickets', ticketEnvelope()))).status).toBe(201);
  }, 30_000);
});
