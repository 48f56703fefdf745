import { KefuError } from '../errors';
import { eventAfter, type StreamEvent } from '../protocol';
import type { LogEntry } from './conversation-store';
import { RelayError } from './relay-error';
import { createTypingThrottle, type TypingThrottle } from './typing-throttle';
import type { StreamOptions } from './options';
import type { RelayStore } from './store';
import { createLoopLateness, createOpenPacing } from './open-pacing';
import { defaultOpensBurst, streamAdmissionOf } from './stream-admission';
import { createStreamTokens, type StreamTokens } from './stream-token';
import { unavailable, type RetryAfterRange } from './unavailable';

/** What a stream may read: the threads it proved and, with a verified token, a user's all. */
export interface ProvenScope {
  conversationIds: string[];
  ticketIds: string[];
  userId?: string;
}

/** One open stream or long poll, as the hub feeds it. */
export interface LiveSubscriber {
  scope: ProvenScope;
  /** New events of its scope, oldest first. */
  deliver(events: StreamEvent[]): void;
  /** The instance is shutting down: end the stream (the client resumes elsewhere). */
  close(): void;
}

/** The live streams of one relay instance: caps, the shared reader of the log, tokens. */
export interface LiveStreams {
  /**
   * Refuses a new stream with 503 at once, before its proofs are read, while the instance opens
   * as many as `opensPerSecond` allows; takes nothing (`admit` does).
   */
  gate(client: string): void;
  /**
   * Counts a new stream or long poll of `client`; throws 429/503 past the caps and the rate of
   * opens. Answers its release; `{ poll: true }` lets the client's next poll continue it.
   */
  admit(client: string, kind?: { poll: true }): () => void;
  /**
   * Feeds `subscriber` every event appended after this call resolves (the reader's position is
   * settled first, so a backlog read after it misses nothing). Answers the unsubscribe.
   */
  subscribe(subscriber: LiveSubscriber): Promise<() => void>;
  /** Ends every open stream: on shutdown, so clients resume on another instance. */
  closeAll(): void;
  /** Streams open now. */
  readonly open: number;
  /** The rate new streams open at now (`Infinity` without admission). */
  readonly opensPerSecond: number;
  readonly heartbeatMs: number;
  readonly maxBufferedBytes: number;
  readonly tokens: StreamTokens;
  /** Throttles the users' typing signals per conversation, per instance. */
  readonly typingThrottle: TypingThrottle;
}

const PAGE = 500;
/** How long after the last open the loop's lateness is still sampled for pacing. */
const PACING_MS = 10_000;

function invalid(field: string, message: string): never {
  throw new KefuError('invalid_config', `createRelay: \`streams.${field}\` ${message}`, {
    field: `streams.${field}`,
  });
}

const whole = (value: number, min: number) => Number.isInteger(value) && value >= min;

/**
 * Makes the live streams of a relay instance. One reader per instance follows the log (woken by
 * the store, with a periodic read as the safety net) and hands each event to the streams whose
 * scope it falls in, found through an index by conversation, ticket and user: 10,000 open streams
 * cost one read of the log per change, not 10,000. The reader runs only while streams are open.
 */
export function createLiveStreams(
  store: RelayStore,
  options: StreamOptions,
  retryAfter: Required<RetryAfterRange>,
  now: () => number = Date.now,
): LiveStreams {
  const maxStreams = options.maxStreams ?? 20_000;
  if (!whole(maxStreams, 1)) invalid('maxStreams', 'must be a whole number ≥ 1.');
  const maxPerClient = options.maxStreamsPerClient ?? 6;
  if (!whole(maxPerClient, 1)) invalid('maxStreamsPerClient', 'must be a whole number ≥ 1.');
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  if (!(heartbeatMs >= 10 && heartbeatMs <= 25_000))
    invalid('heartbeatMs', 'must be 10 to 25000 milliseconds (proxies close a silent stream).');
  const logPollMs = options.logPollMs ?? 2000;
  if (!(logPollMs >= 10 && logPollMs <= 60_000))
    invalid('logPollMs', 'must be 10 to 60000 milliseconds.');
  const maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
  if (!whole(maxBufferedBytes, 1024)) invalid('maxBufferedBytes', 'must be ≥ 1024 bytes.');
  const tokens = createStreamTokens(options.tokenKey);
  const admission = streamAdmissionOf(options, maxPerClient);
  // The rate follows what the process can serve: lower while its loop runs late (a busy
  // machine), back up to `opensPerSecond` while it keeps time and opens use it, down toward what
  // they use when they do not. Sampled only while opens come; the first opens after an idle
  // spell (a restart's wave) start slow, from the floor.
  const ceiling = admission?.perSecond ?? Infinity;
  const pacing = admission && options.followLoad !== false ? createOpenPacing(ceiling) : undefined;
  // Refused while starting slow, a crowd is told slots at the full rate: told at the floor's, it
  // would come back spread over five times as long as the process, soon at the full rate, needs.
  const paceAt = (rate: number) =>
    admission!.setRate(
      rate,
      options.opensBurst ?? defaultOpensBurst(rate),
      pacing!.startingSlow ? ceiling : rate,
    );
  if (pacing) paceAt(pacing.perSecond);
  // Each window's opens, as a rate over the time it took: the rate grows only while they use it.
  // A window in which the meter refused one used all of it, however few it admitted: the rate was
  // the limit (as TCP counts a window validated when it was cwnd-limited). Counting admitted
  // opens alone, a crowd told slots one by one, each coming back with its own jitter, looked like
  // an unused rate: in a loaded run it sat at the floor, refusing the crowd again (9,256 503s).
  let metered = 0;
  let refused = 0;
  /** Starts a window's count: what the meter admitted and refused so far. */
  const countFromNow = () => {
    metered = admission!.metered;
    refused = admission!.refused;
  };
  const lateness =
    pacing &&
    createLoopLateness((lateMs, windowMs) => {
      const used =
        admission!.refused > refused
          ? pacing.perSecond
          : ((admission!.metered - metered) * 1000) / Math.max(1, windowMs);
      countFromNow();
      paceAt(pacing.observe(lateMs, used));
    });
  const busy = (seconds: number) =>
    new RelayError(
      503,
      'unavailable',
      'This server is opening as many streams as it can; retry after the Retry-After seconds.',
      undefined,
      { 'Retry-After': String(seconds) },
    );

  const perClient = new Map<string, number>();
  let open = 0;
  const subscribers = new Set<LiveSubscriber>();
  const index = new Map<string, Set<LiveSubscriber>>();
  const keysOf = ({ conversationIds, ticketIds, userId }: ProvenScope) => [
    ...conversationIds.map((id) => `c:${id}`),
    ...ticketIds.map((id) => `t:${id}`),
    ...(userId === undefined ? [] : [`u:${userId}`]),
  ];

  let cursor: string | undefined;
  let starting: Promise<void> | undefined;
  let pumping = false;
  let again = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let unwake: (() => void) | undefined;

  const dispatch = (entries: LogEntry[]) => {
    // Each subscriber gets its events of this batch in one call, in log order.
    const batches = new Map<LiveSubscriber, StreamEvent[]>();
    for (const { event, userId } of entries) {
      const keys = [
        event.conversationId !== undefined ? `c:${event.conversationId}` : undefined,
        event.ticketId !== undefined ? `t:${event.ticketId}` : undefined,
        userId !== undefined ? `u:${userId}` : undefined,
      ];
      const reached = new Set<LiveSubscriber>();
      for (const key of keys)
        if (key) for (const subscriber of index.get(key) ?? []) reached.add(subscriber);
      for (const subscriber of reached) {
        const batch = batches.get(subscriber) ?? [];
        batch.push(event);
        batches.set(subscriber, batch);
      }
    }
    for (const [subscriber, events] of batches) {
      try {
        subscriber.deliver(events);
      } catch {
        // One broken stream must not keep the others from their events.
      }
    }
  };

  // Reads the log from the cursor to its end; a wake during a read makes it read once more.
  const pump = async (): Promise<void> => {
    if (pumping) {
      again = true;
      return;
    }
    const conversations = store.conversations;
    if (!conversations || cursor === undefined) return;
    pumping = true;
    try {
      do {
        again = false;
        for (;;) {
          const entries = await conversations.readLog(cursor, PAGE);
          const fresh = entries.filter((e) => eventAfter(e.event.id, cursor!));
          if (fresh.length) {
            cursor = fresh[fresh.length - 1]!.event.id;
            dispatch(fresh);
          }
          if (entries.length < PAGE) break;
        }
      } while (again && subscribers.size > 0);
    } catch {
      // The store is down: the next wake or the periodic read tries again from the same cursor.
    } finally {
      pumping = false;
    }
  };

  const start = async () => {
    const conversations = store.conversations;
    if (!conversations) return;
    cursor = await conversations.lastEventId();
    unwake = conversations.subscribe?.(() => void pump());
    timer = setInterval(() => void pump(), logPollMs);
    (timer as { unref?: () => void }).unref?.();
  };

  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    unwake?.();
    unwake = undefined;
    cursor = undefined;
    starting = undefined;
  };

  return {
    get open() {
      return open;
    },
    get opensPerSecond() {
      return admission?.perSecond ?? Infinity;
    },
    heartbeatMs,
    maxBufferedBytes,
    tokens,
    typingThrottle: createTypingThrottle(),
    gate(client) {
      if (lateness?.wanted(PACING_MS)) {
        countFromNow();
        paceAt(pacing!.restart());
      }
      const wait = admission?.peek(now(), client) ?? 0;
      if (wait > 0) throw busy(wait);
    },
    admit(client, kind) {
      const mine = perClient.get(client) ?? 0;
      // 429 first: it is this client that holds too many, whatever the instance's load.
      if (mine >= maxPerClient)
        throw new RelayError(
          429,
          'rate_limited',
          `This client already holds ${mine} streams; one per browser is enough (close the others).`,
          undefined,
          { 'Retry-After': String(5 + Math.floor(Math.random() * 26)) },
        );
      if (open >= maxStreams)
        throw unavailable(
          'This server holds as many streams as it can; retry after the Retry-After seconds.',
          retryAfter,
        );
      const wait = admission?.take(now(), client) ?? 0;
      if (wait > 0) throw busy(wait);
      open += 1;
      perClient.set(client, mine + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (kind?.poll) admission?.pollEnded(now(), client);
        open -= 1;
        const left = (perClient.get(client) ?? 1) - 1;
        if (left > 0) perClient.set(client, left);
        else perClient.delete(client);
      };
    },
    async subscribe(subscriber) {
      subscribers.add(subscriber);
      for (const key of keysOf(subscriber.scope)) {
        const set = index.get(key) ?? new Set();
        set.add(subscriber);
        index.set(key, set);
      }
      const unsubscribe = () => {
        if (!subscribers.delete(subscriber)) return;
        for (const key of keysOf(subscriber.scope)) {
          const set = index.get(key);
          set?.delete(subscriber);
          if (set?.size === 0) index.delete(key);
        }
        if (subscribers.size === 0) stop();
      };
      try {
        starting ??= start();
        await starting;
      } catch (error) {
        starting = undefined;
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    closeAll() {
      lateness?.stop();
      for (const subscriber of [...subscribers]) {
        try {
          subscriber.close();
        } catch {
          // Closing one stream must not keep the others open.
        }
      }
    },
  };
}
