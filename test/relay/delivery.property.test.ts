// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responseSchemaFor, type Envelope } from '../../src/protocol';
import { createMemoryRelayStore, createRelay, type Relay } from '../../src/relay';
import { feedbackEnvelope, postJson, postMultipart, ticketEnvelope } from './helpers';

/**
 * What can go wrong between a browser and the relay, per attempt. "after" faults let the relay
 * commit and then lose its answer; "during" lets the relay keep working after the client gave up,
 * so the retry races the abandoned request.
 */
const FAULTS = [
  'ok',
  'lose-request',
  'lose-response',
  'reset-after',
  'timeout-before',
  'timeout-during',
  '503',
  '502-after-commit',
  '429',
  '408',
] as const;
type Fault = (typeof FAULTS)[number];

interface Plan {
  kind: 'ticket' | 'feedback' | 'ticket-with-attachment';
  /** Sent by two concurrent loops at once, like two tabs flushing one outbox. */
  twoTabs: boolean;
  faults: Fault[];
}

const planArb = fc.record({
  // Multipart is the slow path to parse, so it is one submission in five: enough to cover it.
  kind: fc.constantFrom('ticket', 'ticket', 'feedback', 'feedback', 'ticket-with-attachment'),
  twoTabs: fc.boolean(),
  faults: fc.array(fc.constantFrom(...FAULTS), { maxLength: 6 }),
}) as fc.Arbitrary<Plan>;

function envelopeFor(plan: Plan): Envelope {
  if (plan.kind === 'feedback') return feedbackEnvelope();
  if (plan.kind === 'ticket') return ticketEnvelope();
  return ticketEnvelope({
    attachments: [{ part: 'attachment-0', name: 'log.txt', type: 'text/plain', size: 5 }],
  });
}

function requestFor(envelope: Envelope): Request {
  if (envelope.kind === 'feedback') return postJson('/feedback', envelope);
  if (envelope.kind === 'ticket' && envelope.payload.attachments) {
    return postMultipart('/tickets', envelope, [
      ['attachment-0', new Blob(['hello'], { type: 'text/plain' })],
    ]);
  }
  return postJson('/tickets', envelope);
}

/** A fetch that injects the plan's faults in order, then behaves. */
function faultyFetch(relay: Relay, faults: Fault[], dangling: Promise<unknown>[]) {
  return async (request: Request): Promise<Response> => {
    const fault = faults.shift() ?? 'ok';
    switch (fault) {
      case 'ok':
        return relay(request);
      case 'lose-request':
      case 'timeout-before':
        throw new TypeError(`fetch failed (${fault})`);
      case 'lose-response':
      case 'reset-after':
        await relay(request);
        throw new TypeError(`fetch failed (${fault})`);
      case 'timeout-during':
        dangling.push(relay(request));
        throw new DOMException('The operation timed out.', 'TimeoutError');
      case '503':
        return new Response(null, { status: 503, headers: { 'Retry-After': '1' } });
      case '502-after-commit':
        await relay(request);
        return new Response('bad gateway', { status: 502 });
      case '429':
        return new Response(null, { status: 429, headers: { 'Retry-After': '2' } });
      case '408':
        return new Response(null, { status: 408 });
    }
  };
}

describe('delivery through faults (property)', () => {
  it('stores every submission exactly once and acknowledges it only once it is stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(planArb, { minLength: 1, maxLength: 4 }), async (plans) => {
        let clock = 0;
        const store = createMemoryRelayStore();
        // The relay's own limiter runs on the virtual clock, so real 429s are part of the schedule too.
        // Forwarding runs once per newly created record: counting it counts what the server took in.
        const created = new Map<string, number>();
        const forward = (s: { id: string }) => void created.set(s.id, (created.get(s.id) ?? 0) + 1);
        const relay = createRelay({
          store,
          forward,
          basePath: '/api',
          rateLimit: { capacity: 4, refillPerSecond: 1 },
          clientKey: () => 'the-one-client',
          now: () => clock,
        });
        const dangling: Promise<unknown>[] = [];
        const outbox = new Map<string, Envelope>();

        const deliver = async (envelope: Envelope, faults: Fault[]) => {
          const send = faultyFetch(relay, faults, dangling);
          for (let attempt = 0; attempt < 200; attempt++) {
            let response: Response;
            try {
              response = await send(requestFor(envelope));
            } catch {
              clock += 500; // backoff, on the virtual clock
              continue;
            }
            if (response.ok || response.status === 409) {
              if (response.status !== 409) {
                const body = responseSchemaFor(envelope.kind).parse(await response.json());
                expect(body.id).toBe(envelope.id);
              }
              // The acknowledgement must mean the server has it: only now may the outbox forget it.
              expect((await store.listSubmissions()).some((s) => s.id === envelope.id)).toBe(true);
              outbox.delete(envelope.id);
              return;
            }
            expect([408, 429, 500, 502, 503, 504]).toContain(response.status);
            clock += Number(response.headers.get('Retry-After') ?? '0.5') * 1000;
          }
          throw new Error(`${envelope.id} was never acknowledged`);
        };

        const envelopes = plans.map(envelopeFor);
        for (const envelope of envelopes) outbox.set(envelope.id, envelope); // written before the first attempt
        await Promise.all(
          plans.flatMap((plan, i) => {
            const loops = [deliver(envelopes[i]!, [...plan.faults])];
            if (plan.twoTabs) loops.push(deliver(envelopes[i]!, [...plan.faults].reverse()));
            return loops;
          }),
        );
        await Promise.allSettled(dangling);

        expect(outbox.size).toBe(0);
        const stored = (await store.listSubmissions()).map((s) => s.id).sort();
        expect(stored).toEqual(envelopes.map((e) => e.id).sort());
        await Promise.resolve();
        expect(
          [...created.values()].every((n) => n === 1) && created.size === envelopes.length,
        ).toBe(true);
        for (const envelope of envelopes.filter(
          (e) => e.kind === 'ticket' && e.payload.attachments,
        )) {
          expect(
            new TextDecoder().decode(
              (await store.getAttachment(envelope.id, 'attachment-0'))!.bytes,
            ),
          ).toBe('hello');
        }
      }),
      { numRuns: 1500 },
    );
    // 1,500 generated runs: about 15 s idle, past 90 s on a 2-core machine shared by two test
    // runs and more; the limit is there to catch a hang, not to time the work.
  }, 300_000);
});
