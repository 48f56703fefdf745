// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { PROBE_PAGES } from '../../examples/server/sqlite-probe';
import type { RunningServer } from '../../examples/server/server';
import { ticketEnvelope } from '../relay/helpers';
import { postEnvelope, startTestServer } from './helpers';

// Readiness that means it: SQLite answers `SELECT 1` on a full disk while every insert fails with
// SQLITE_FULL. The disk is filled with SQLite's own cap, `max_page_count`, which fails writes with
// the same SQLITE_FULL ("database or disk is full") as a full file system does.
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const ready = async (server: RunningServer) => (await fetch(`${server.url}/readyz`)).status;
// A ticket of about 19 KB: it needs new pages, so it fails on a full database.
const bigTicket = () => ticketEnvelope({ description: `黑屏 ${'x'.repeat(19_000)}` });

describe('the reference server /readyz on SQLite', () => {
  it('answers 503 while the database is full and writes fail, and 200 again once they succeed', async () => {
    const server = await startTestServer();
    running.push(server);
    const db = server.db!;
    expect((await postEnvelope(server, '/tickets', bigTicket())).status).toBe(201);
    expect(await ready(server)).toBe(200);

    // Full: not one page more than the file holds, and no free pages inside it.
    db.exec('VACUUM');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect((await postEnvelope(server, '/tickets', bigTicket())).status).toBe(503);
    expect(await ready(server)).toBe(503);

    // Room again: readiness comes back with the writes.
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 1000}`);
    expect(await ready(server)).toBe(200);
    expect((await postEnvelope(server, '/tickets', bigTicket())).status).toBe(201);
  });

  it('counts free pages as room: ready with exactly the probe room left, not ready one page short', async () => {
    const server = await startTestServer();
    running.push(server);
    const db = server.db!;
    db.exec('VACUUM');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + PROBE_PAGES}`);
    expect(await ready(server)).toBe(200);
    db.pragma(`max_page_count = ${pages + PROBE_PAGES - 1}`);
    expect(await ready(server)).toBe(503);
  });

  it('answers 503 when the database file has become read-only', async () => {
    const server = await startTestServer();
    running.push(server);
    expect(await ready(server)).toBe(200);
    // query_only refuses every write on this connection, as a read-only mount would.
    server.db!.pragma('query_only = ON');
    expect(await ready(server)).toBe(503);
    expect((await postEnvelope(server, '/tickets', ticketEnvelope())).status).toBe(503);
    server.db!.pragma('query_only = OFF');
    expect(await ready(server)).toBe(200);
  });
});
