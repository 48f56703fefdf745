import type { IncomingMessage, ServerResponse } from 'node:http';
import { isEventId, type StreamEvent } from '../../../src/protocol';
import type { ConversationStore, PrunedSince } from '../../../src/relay';
import type { AgentSession } from '../console-auth';

/** Timings of the console's own event stream. */
export interface FeedTimings {
  /** A comment at least this often keeps proxies from closing an idle stream. @default 20 s */
  heartbeatMs: number;
  /** Read the log this often even without a wake-up (a store without `subscribe`). @default 2 s */
  safetyReadMs: number;
  /** An on-duty agent's presence is renewed this often while a console page is open. @default 30 s */
  presenceMs: number;
}

const DEFAULT_TIMINGS: FeedTimings = {
  heartbeatMs: 20_000,
  safetyReadMs: 2_000,
  presenceMs: 30_000,
};
/** Console pages one agent may keep streaming at once (tabs); more answer 429. */
export const MAX_FEEDS_PER_AGENT = 20;

/** Where a stream starts: `Last-Event-ID`, else `?after=` (`latest`: only what comes next). */
function afterOf(req: IncomingMessage, url: URL): string {
  const header = req.headers['last-event-id'];
  const value = (typeof header === 'string' ? header : undefined) ?? url.searchParams.get('after');
  if (value === 'latest') return value;
  return value && isEventId(value) ? value : '0';
}

const frame = (event: StreamEvent) =>
  `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

// No id: the page's cursor stays where it was, and the reload it asks for renders a new one.
const resetFrame = (lost: PrunedSince) => `event: reset\ndata: ${JSON.stringify(lost)}\n\n`;

/**
 * `GET /inbox/events`: the log as Server-Sent Events for the console's script, read through the
 * store (never through a user's stream), for a signed-in agent only. `?conversation=<id>` keeps
 * one conversation's events, `?ticket=<id>` one ticket's; `?after=` or `Last-Event-ID` resumes (`?after=latest`: from now). While it is open, an agent on
 * duty stays on duty (their presence is renewed), and closing the last page lets it lapse.
 * A page resuming from a cursor older than events the log pruned since (it slept through the
 * retention window) is sent `event: reset` first, naming the threads that lost events: what it
 * shows is out of date, and it must not be left to miss them in silence.
 */
export function createEventFeed(
  conversations: ConversationStore,
  timings: Partial<FeedTimings> = {},
) {
  const t = { ...DEFAULT_TIMINGS, ...timings };
  const open = new Map<string, number>();
  const closers = new Set<() => void>();
  const stream = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    session: AgentSession,
  ): void => {
    const agentId = session.agent.id;
    const count = open.get(agentId) ?? 0;
    if (count >= MAX_FEEDS_PER_AGENT) {
      res.writeHead(429, { 'Retry-After': '30', 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Too many console pages are open; close some and reload.\n');
    }
    open.set(agentId, count + 1);
    const only = url.searchParams.get('conversation') ?? undefined;
    const ticket = url.searchParams.get('ticket') ?? undefined;
    const scope = only
      ? { conversationIds: [only.slice(0, 200)] }
      : ticket
        ? { ticketIds: [ticket.slice(0, 200)] }
        : ('all' as const);
    let after = afterOf(req, url);
    // Whether this connection has asked the store what pruning took after its cursor.
    let resumed = after === 'latest';
    let reading = false;
    let again = false;
    let closed = false;

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');

    // One read at a time; a wake-up during a read asks for one more, so nothing appended is missed.
    const read = async (): Promise<void> => {
      if (closed) return;
      if (reading) return void (again = true);
      reading = true;
      try {
        do {
          again = false;
          if (after === 'latest') after = await conversations.lastEventId();
          if (!resumed) {
            const lost = await conversations.prunedSince?.(scope, after);
            if (closed) return;
            if (lost) res.write(resetFrame(lost));
            resumed = true;
          }
          const events = await conversations.readEvents({ after, scope, limit: 500 });
          if (closed) return;
          for (const event of events) res.write(frame(event));
          if (events.length) after = events.at(-1)!.id;
          if (events.length === 500) again = true;
        } while (again && !closed);
      } catch {
        // The next wake-up or safety read tries again; the agent's page keeps its place (`after`).
      } finally {
        reading = false;
      }
    };

    const renewPresence = async () => {
      const mine = (await conversations.listPresence()).find((p) => p.agentId === agentId);
      if (mine?.state === 'on-duty')
        await conversations.setPresence(
          { agentId, name: session.agent.name },
          'on-duty',
          new Date().toISOString(),
        );
    };

    const unsubscribe = conversations.subscribe?.(() => void read()) ?? (() => undefined);
    const timers = [
      setInterval(() => res.write(': hb\n\n'), t.heartbeatMs),
      setInterval(() => void read(), t.safetyReadMs),
      setInterval(() => void renewPresence().catch(() => undefined), t.presenceMs),
    ];
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const timer of timers) clearInterval(timer);
      closers.delete(end);
      open.set(agentId, (open.get(agentId) ?? 1) - 1);
      if (!open.get(agentId)) open.delete(agentId);
    };
    const end = () => (close(), res.end());
    closers.add(end);
    req.once('close', close);
    res.once('close', close);
    void renewPresence().catch(() => undefined);
    void read();
  };
  return {
    stream,
    /** Ends every open stream (the server is shutting down; the pages reconnect elsewhere). */
    closeAll: () => {
      for (const end of [...closers]) end();
    },
  };
}

/** The console's event streams, as {@link createEventFeed} makes them. */
export type EventFeed = ReturnType<typeof createEventFeed>;
