// @vitest-environment node
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../examples/server/server';
import type { TicketEnvelope } from '../../../src/protocol';
import { createMemoryRelayStore, type RelayStore, ticketNumber } from '../../../src/relay';
import { messageEnvelope, replyEnvelope, ticketEnvelope } from '../../relay/helpers';
import { type AgentClient, signInAgent, startTestServer } from '../helpers';

const BASE = Date.parse('2026-11-02T08:00:00.000Z');
const at = (second: number) => new Date(BASE + second * 1000).toISOString();

/** Stores a ticket as the relay would have received it `second` seconds after BASE. */
async function plant(store: RelayStore, second: number, payload: Record<string, unknown>) {
  const envelope = ticketEnvelope(payload) as TicketEnvelope;
  await store.insert({ envelope, attachments: [], receivedAt: at(second) });
  return envelope.id;
}

/** The list page's ticket rows as a browser reads them: id and the text of each cell. */
async function rowsOf(agent: AgentClient) {
  const response = await agent.get('/inbox');
  expect(response.status).toBe(200);
  const page = await response.text();
  const doc = new Window().document;
  doc.body.innerHTML = page.slice(page.indexOf('<main>'), page.indexOf('</main>') + 7);
  const rows = [...doc.querySelectorAll('tr[data-entry]')].map((tr) => ({
    id: tr.getAttribute('data-entry'),
    cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
  }));
  return { rows, summary: doc.querySelector('.summary')?.textContent };
}

/** A store that counts how often the list page reads tickets, one by one or as a listing. */
function counting<S extends RelayStore>(store: S) {
  const reads = { getTicket: 0, listTickets: 0 };
  const counted: S = {
    ...store,
    getTicket: (id) => ((reads.getTicket += 1), store.getTicket(id)),
    listTickets: (options) => ((reads.listTickets += 1), store.listTickets(options)),
  };
  return { store: counted, reads };
}

/** The rows of one list page and the ticket reads it took. */
async function listed(agent: AgentClient, reads: { getTicket: number; listTickets: number }) {
  Object.assign(reads, { getTicket: 0, listTickets: 0 });
  const page = await rowsOf(agent);
  return { ...page, reads: { ...reads } };
}

// Columns of a row: waiting, kind, number, title, watching, user, status, unread, helpdesk, updated.
const [WAITING, NUMBER, TITLE, WATCHING, STATUS, UNREAD] = [0, 2, 3, 4, 6, 7];

describe('the console list on a memory store with more tickets than the list shows', () => {
  let server: RunningServer;
  let agent: AgentClient;
  const ids: string[] = [];
  const { store, reads } = counting(createMemoryRelayStore());
  beforeAll(async () => {
    // 201 open tickets nobody answered: all wait, so the list shows the 200 waiting longest,
    // oldest first, while the 200 most recently updated are tickets 1 to 200.
    for (let i = 0; i <= 200; i++)
      ids.push(
        await plant(
          store,
          i,
          i === 0
            ? {
                subject: 'Oldest ticket, planted-7f3a',
                priority: 'urgent',
                vip: true,
                context: { title: 'Moonlit River', episode: 'S1E3', contentId: 'drama-881' },
              }
            : { subject: `Ticket ${i}`, ...(i === 199 ? { priority: 'urgent' } : {}) },
        ),
      );
    server = await startTestServer({ store });
    agent = await signInAgent(server);
  }, 30_000); // the sign-in runs scrypt
  afterAll(() => server.close());

  it('shows the 200 waiting longest, oldest first, each with its number, watch context and flags', async () => {
    const { rows, summary, reads: taken } = await listed(agent, reads);
    // Each of the 200 read once.
    expect(taken).toEqual({ listTickets: 0, getTicket: 200 });
    expect(summary).toBe('200 waiting for an answer · 200 in all');
    expect(rows.map((r) => r.id)).toEqual(ids.slice(0, 200));
    for (const row of rows) expect(row.cells[NUMBER]).toBe(ticketNumber(row.id!));
    // The oldest is not among the 200 most recently updated tickets, yet keeps what it carries.
    expect(rows[0]!.cells[TITLE]).toBe('Oldest ticket, planted-7f3a');
    expect(rows[0]!.cells[WAITING]).not.toBe('–');
    expect(rows[0]!.cells[WATCHING]).toBe('Moonlit River · S1E3 · drama-881');
    expect(rows[0]!.cells[STATUS]).toBe('open urgent VIP');
    expect(rows[1]!.cells[WATCHING]).toBe('');
    expect(rows[1]!.cells[STATUS]).toBe('open');
    expect(rows[199]!.cells[STATUS]).toBe('open urgent');
  });
});

describe('the console list on a store without conversations', () => {
  let server: RunningServer;
  let agent: AgentClient;
  const ids: string[] = [];
  const { conversations: _, ...withoutConversations } = createMemoryRelayStore();
  const { store, reads } = counting(withoutConversations);
  beforeAll(async () => {
    ids.push(
      await plant(store, 0, { subject: 'Answered already', category: 'account' }),
      await plant(store, 1, {
        category: 'playback',
        description: '  Black screen\n\nafter   the ad,\tplanted-91c2  ',
        vip: true,
      }),
      await plant(store, 2, { subject: '  Subtitles out of sync  ', priority: 'urgent' }),
    );
    await store.addAgentReply(ids[0]!, 'Fixed on our side.', at(3));
    const follow = replyEnvelope(ids[2]!, 'Still out of sync, planted-e5b0');
    await store.insert({ envelope: follow, attachments: [], receivedAt: at(4) });
    server = await startTestServer({ store });
    agent = await signInAgent(server);
  }, 30_000);
  afterAll(() => server.close());

  it('lists tickets as the relay titles them: waiting longest first, then the answered', async () => {
    const { rows, summary, reads: taken } = await listed(agent, reads);
    expect(taken).toEqual({ listTickets: 1, getTicket: 0 }); // the listing the list is made of
    expect(summary).toBe('2 waiting for an answer · 3 in all');
    expect(rows.map((r) => r.id)).toEqual([ids[1], ids[2], ids[0]]);
    expect(rows.map((r) => r.cells[TITLE])).toEqual([
      '[playback] Black screen after the ad, planted-91c2',
      'Subtitles out of sync',
      'Answered already',
    ]);
    expect(rows.map((r) => r.cells[NUMBER])).toEqual([ids[1]!, ids[2]!, ids[0]!].map(ticketNumber));
    expect(rows.map((r) => r.cells[STATUS])).toEqual(['open VIP', 'open urgent', 'open']);
    expect(rows[2]!.cells[WAITING]).toBe('–');
    // Nothing can mark a ticket read without conversations, so no reply counts as unread forever.
    expect(rows.map((r) => r.cells[UNREAD])).toEqual(['', '', '']);
  });
});

describe('the console list with a few tickets among conversations', () => {
  let server: RunningServer;
  let agent: AgentClient;
  const ids: string[] = [];
  const { store, reads } = counting(createMemoryRelayStore());
  beforeAll(async () => {
    for (let i = 0; i < 3; i++)
      ids.push(await plant(store, i, { subject: `Few ${i}`, vip: i === 1, priority: 'urgent' }));
    const opening = messageEnvelope('Is the live match on tonight? planted-3d8e');
    await store.insert({ envelope: opening, attachments: [], receivedAt: at(3) });
    server = await startTestServer({ store });
    agent = await signInAgent(server);
  }, 30_000);
  afterAll(() => server.close());

  it('reads each listed ticket once', async () => {
    const { rows, reads: taken } = await listed(agent, reads);
    expect(taken).toEqual({ listTickets: 0, getTicket: 3 });
    expect(rows.map((r) => r.id)).toEqual([...ids, rows[3]!.id]);
    expect(rows.map((r) => [r.cells[NUMBER], r.cells[STATUS]])).toEqual([
      [ticketNumber(ids[0]!), 'open urgent'],
      [ticketNumber(ids[1]!), 'open urgent VIP'],
      [ticketNumber(ids[2]!), 'open urgent'],
      ['', 'waiting'],
    ]);
    expect(rows[3]!.cells[TITLE]).toBe('Is the live match on tonight? planted-3d8e');
  });
});
