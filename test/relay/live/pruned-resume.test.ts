import { describe, expect, it } from 'vitest';
import { createMemoryRelayStore, createRelay } from '../../../src/relay';
import { BASE, messageEnvelope, postJson, proof, SECRET } from '../helpers';

// A stream or long poll resumed from a cursor older than events the log pruned: the client is
// told which threads to read again (a reset), before the events that survive, never left to
// miss them in silence; and its cursor moves past the loss so the next connection is plain.

const OLD = Date.parse('2026-10-01T10:00:00.000Z');
const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const EDGE = '2026-11-01T10:00:00.000Z';

async function prunedLog() {
  let clock = OLD;
  const store = createMemoryRelayStore();
  const relay = createRelay({
    store,
    basePath: '/api',
    rateLimit: false,
    now: () => clock,
    // The first heartbeat follows the backlog: a reader waits for it, never for a fixed time.
    streams: { heartbeatMs: 20 },
  });
  const open = async (body: string) => {
    const envelope = messageEnvelope(body);
    expect((await relay(postJson('/conversations', envelope, { headers: proof }))).status).toBe(
      201,
    );
    return envelope.id;
  };
  const old = await open('old question');
  const c = store.conversations!;
  const afterFirst = (await c.readEvents({ after: '0', scope: 'all' }))[0]!.id;
  await c.setConversationStatus(old, 'closed', new Date(OLD).toISOString());
  clock = NOW;
  const live = await open('live question');
  await c.addAgentMessage(live, {
    body: 'planted-live-answer',
    agentName: 'Ana',
    at: new Date(NOW).toISOString(),
  });
  // Someone else's conversation: the log's end is past the last event these proofs may see.
  const other = messageEnvelope('someone else');
  const otherProof = { 'Kefu-Ticket-Secret': 'another-secret-Qm9vS2VmdTEyMzQ1Njc4OTA' };
  await relay(postJson('/conversations', other, { headers: otherProof }));
  const end = await c.lastEventId();
  expect(end).toBe('9');
  const run = await c.pruneLog!({ before: EDGE, after: '0', limit: 100 });
  expect(run.removed).toBe(3);
  const headers = { 'Kefu-Stream-Proofs': `${old}:${SECRET},${live}:${SECRET}` };
  return { relay, old, live, afterFirst, end, headers };
}

/** Reads SSE frames until `stop` says enough, then cancels the stream. */
async function framesOf(response: Response, stop: (text: string) => boolean) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!stop(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  await reader.cancel();
  return text
    .split('\n\n')
    .filter((frame) => frame && !frame.startsWith(':'))
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!);
      return event === 'reset' || event === 'cursor'
        ? `${event}:${JSON.stringify(data)}`
        : `${data.type}:${data.message?.body ?? data.status}`;
    });
}

describe('a resume from before pruned events', () => {
  it('streams a reset naming the thread that lost events, then the survivors, then the cursor', async () => {
    const p = await prunedLog();
    const response = await p.relay(
      new Request(`${BASE}/stream`, { headers: { ...p.headers, 'Last-Event-ID': p.afterFirst } }),
    );
    const frames = await framesOf(response, (t) => t.includes(': hb'));
    expect(frames).toEqual([
      `reset:${JSON.stringify({ conversationIds: [p.old], ticketIds: [], through: '3' })}`,
      'message:live question',
      'status:waiting',
      'message:planted-live-answer',
      'status:active',
      `cursor:${JSON.stringify({ last: p.end })}`,
    ]);
  });

  it('streams no reset from the pruned point itself, nor from the cursor it was given', async () => {
    const p = await prunedLog();
    for (const from of ['3', p.end]) {
      const response = await p.relay(
        new Request(`${BASE}/stream`, { headers: { ...p.headers, 'Last-Event-ID': from } }),
      );
      const frames = await framesOf(response, (t) => t.includes(': hb'));
      expect(frames.filter((f) => f.startsWith('reset') || f.startsWith('cursor'))).toEqual([]);
      if (from === '3') expect(frames.length).toBe(4);
    }
  });

  it('answers a long poll with the reset, the survivors and a cursor past the loss', async () => {
    const p = await prunedLog();
    const poll = async (after: string) =>
      (
        await p.relay(
          new Request(`${BASE}/events/poll?after=${after}&wait=0`, { headers: p.headers }),
        )
      ).json() as Promise<{ events: { type: string }[]; last: string; reset?: unknown }>;
    const first = await poll('0');
    expect(first.reset).toEqual({ conversationIds: [p.old], ticketIds: [], through: '3' });
    expect(first.events.map((e) => e.type)).toEqual(['message', 'status', 'message', 'status']);
    expect(first.last).toBe(p.end);
    const next = await poll(first.last);
    expect(next).toEqual({ events: [], last: p.end });
    // A poll from the pruned point needs no reset either.
    expect((await poll('3')).reset).toBeUndefined();
  });

  it('never tells one user of another user’s pruned threads', async () => {
    const p = await prunedLog();
    const response = await p.relay(
      new Request(`${BASE}/events/poll?after=0&wait=0`, {
        headers: { 'Kefu-Stream-Proofs': `${p.live}:${SECRET}` },
      }),
    );
    const body = (await response.json()) as { reset?: unknown; events: unknown[] };
    expect(body.reset).toBeUndefined();
    expect(body.events).toHaveLength(4);
  });
});
