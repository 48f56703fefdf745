import { KefuError } from '../errors';
import { createResilientStore } from '../storage';
import { createLeaseLocks, type LockManagerLike } from './locks';
import { checkCapacity, createEntry, ENTRY_PREFIX } from './outbox-entry';
import { listenToPage, sendKeepalive } from './page-events';
import { retryDelay } from '../shared/retry-timing';
import type { Outbox, OutboxEntry, OutboxEvent, OutboxOptions, SendOutcome } from './types';

// How soon to look again at entries that were due but busy (in flight, or locked by another tab).
const BUSY_RETRY_MS = 2000;
// In memory a submission lives only as long as the page: it is tried at least this often, so it
// goes soon after the server is back rather than after a long backoff the user may not wait out.
const MEMORY_MAX_BACKOFF_MS = 30_000;
const noop = () => {};

/**
 * A durable outbox: each submission is stored before its first attempt and deleted only once the
 * server acknowledged it; failed attempts are retried with backoff (persisted, so a reload honours
 * it), one tab flushes at a time, and no envelope is ever sent twice at once.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createOutbox(options: OutboxOptions): Outbox {
  const {
    transport,
    maxEntries = 50,
    maxBytes = 20 * 1024 * 1024,
    random = Math.random,
    now = Date.now,
  } = options;
  const emit = (event: OutboxEvent) => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      // An app listener's bug must not break delivery; it still surfaces as an uncaught error.
      queueMicrotask(() => {
        throw error;
      });
    }
  };
  const store =
    options.store ??
    createResilientStore({
      dbName: 'kefu-outbox',
      onFallback: (cause) =>
        emit({
          type: 'storage-unavailable',
          error: new KefuError(
            'storage_unavailable',
            'Storage is unavailable: submissions are kept in memory and lost if the page closes',
            { cause },
          ),
        }),
    });
  let locks: LockManagerLike | undefined;
  // Resolved on first use, not at creation, so that creating an outbox touches no browser global.
  const lock = <T>(name: string, fn: () => Promise<T>) =>
    (locks ??=
      (options.locks === undefined &&
        (globalThis.navigator?.locks as LockManagerLike | undefined)) ||
      options.locks ||
      createLeaseLocks()).request(`kefu-outbox:${name}`, { ifAvailable: true }, (held) =>
      held ? fn() : undefined,
    );
  const key = (id: string) => ENTRY_PREFIX + id;
  const backoff = () =>
    store.kind === 'memory'
      ? {
          ...options.retry,
          maxMs: Math.min(options.retry?.maxMs ?? 300_000, MEMORY_MAX_BACKOFF_MS),
        }
      : options.retry;
  // The entries as last read, for `pagehide` and atRisk(), which cannot wait for the store.
  const known = new Map<string, OutboxEntry>();
  // Envelopes whose request has left and whose answer is not settled yet, kept synchronously so
  // that nothing (a flush, the pagehide keepalive) sends one again while it is in flight.
  const inFlight = new Set<string>();
  const attemptTimeoutMs = transport.timeoutMs ?? 15_000;
  const aborter = new AbortController();
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unlisten: (() => void) | undefined;
  let flushing: Promise<void> | undefined;
  let again = false;
  let eager = false;
  let lastQueuedAt = 0;

  const gone = () => new KefuError('destroyed', 'This outbox was destroyed');
  const alive = () => {
    if (destroyed) throw gone();
  };

  async function list(): Promise<OutboxEntry[]> {
    const all = (await store.entries<OutboxEntry>())
      .filter(([k]) => k.startsWith(ENTRY_PREFIX))
      .map(([, entry]) => entry);
    all.sort((a, b) => a.queuedAt - b.queuedAt);
    known.clear();
    for (const entry of all) known.set(entry.id, entry);
    return all;
  }

  // Entries whose predecessor was delivered or refused: the time they took from it while it
  // waited (attempt(), below) no longer holds, so they are due now. When the predecessor left
  // early (back online), that time was its backoff: a message typed just after the network came
  // back waited a minute or more behind a message already delivered.
  const released = new Set<string>();

  // A message that waited for this one (delivered or refused) to keep the conversation's order
  // goes now. Read from the store: one enqueued during this flush may be missing from `known`.
  const wakeFollowers = async (id: string) => {
    const followers = (await list()).filter((e) => e.after === id && e.state === 'pending');
    // Never sent: an entry sent before found its predecessor gone, and keeps its own backoff.
    for (const e of followers) if (!e.attempts) released.add(e.id);
    if (followers.length) void flush().catch(noop);
  };

  async function settle(entry: OutboxEntry, outcome: SendOutcome): Promise<void> {
    const { id } = entry;
    if (outcome.kind === 'sent') {
      // Delivered is delivered: if the delete fails, a later flush resends and the server dedupes.
      await store.del(key(id)).catch(noop);
      known.delete(id);
      emit({ type: 'sent', id, body: outcome.body });
      await wakeFollowers(id);
      return;
    }
    // Discarded while in flight: writing it back would resurrect it.
    if (!(await store.get(key(id)))) return;
    const { error } = outcome;
    entry.lastError = {
      code: error.code,
      message: error.message,
      field: error.field,
      status: error.status,
    };
    let delayMs = 0;
    if (outcome.kind === 'rejected') entry.state = 'rejected';
    else {
      // The attempt was counted before it left; now the answer sets the real schedule.
      const { retryAfterMs } = outcome;
      if (retryAfterMs !== undefined) entry.lastRetryAfterMs = retryAfterMs;
      delayMs = retryDelay(entry.attempts, retryAfterMs, { ...backoff(), random });
      entry.nextAttemptAt = now() + delayMs;
      entry.notBefore = retryAfterMs === undefined ? undefined : now() + retryAfterMs;
    }
    await store.set(key(id), entry);
    known.set(id, entry);
    emit(
      outcome.kind === 'rejected'
        ? { type: 'rejected', id, error }
        : { type: 'retrying', id, attempt: entry.attempts, delayMs, error },
    );
    if (outcome.kind === 'rejected') await wakeFollowers(id);
  }

  // `early` (back online): the backoff was spent offline, so only the server's Retry-After holds.
  const due = (entry: OutboxEntry | undefined, early: boolean): entry is OutboxEntry =>
    entry?.state === 'pending' &&
    (released.has(entry.id) || (early ? (entry.notBefore ?? 0) : entry.nextAttemptAt) <= now());

  // The schedule written before a request leaves, for the case where its answer is never read
  // (a reload, a killed tab): the attempt counts, and the next one waits for the backoff, for the
  // last Retry-After this envelope received, and for this request's own timeout, since until then
  // it may still be on its way and its answer may be a Retry-After that nobody will read.
  const beforeSending = (entry: OutboxEntry, at: number): OutboxEntry => {
    const attempts = entry.attempts + 1;
    const waitMs = Math.max(entry.lastRetryAfterMs ?? 0, attemptTimeoutMs);
    return {
      ...entry,
      attempts,
      nextAttemptAt: at + retryDelay(attempts, waitMs, { ...backoff(), random }),
      // Also binds `online`, which skips the backoff: the request may still be on its way.
      notBefore: at + waitMs,
    };
  };

  // One attempt under the envelope's lock, which also keeps other tabs from sending it at the
  // same time; undefined when locked, in flight here, gone or not due.
  const attempt = (id: string, early = false): Promise<SendOutcome | undefined> =>
    inFlight.has(id)
      ? Promise.resolve(undefined)
      : lock(id, async () => {
          // Another tab may have delivered (and deleted) or retried it since we listed it.
          const stored = await store.get<OutboxEntry>(key(id));
          if (destroyed || inFlight.has(id) || !due(stored, early)) return;
          // Sent only after the entry it follows was delivered (or refused): order is kept.
          const before = stored.after && (await store.get<OutboxEntry>(key(stored.after)));
          if (before && before.state === 'pending') {
            // One in flight here wakes its followers when answered; its stored schedule is the
            // one for a lost answer (its timeout and more), which its follower must not take on.
            if (before.nextAttemptAt > stored.nextAttemptAt && !inFlight.has(before.id)) {
              const waiting = { ...stored, nextAttemptAt: before.nextAttemptAt };
              await store.set(key(id), waiting);
              known.set(id, waiting);
            }
            return;
          }
          inFlight.add(id);
          released.delete(id);
          try {
            const entry = beforeSending(stored, now());
            await store.set(key(id), entry);
            known.set(id, entry);
            const outcome = await transport.send(entry, { signal: aborter.signal });
            // After destroy() the entry stays as written before the send: the next outbox
            // resends once that attempt's timeout passed, and the server dedupes.
            if (!destroyed) await settle(entry, outcome);
            return outcome;
          } finally {
            inFlight.delete(id);
          }
        });

  // `busy`: some due entry was skipped because its send is in flight (here or in another tab).
  async function schedule(busy: boolean): Promise<void> {
    const pending = (await list()).filter((entry) => entry.state === 'pending');
    if (destroyed) return;
    clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return;
    const wait = Math.min(...pending.map((entry) => entry.nextAttemptAt)) - now();
    // A due entry that is busy elsewhere gets a look again soon, rather than a spin. Delays past
    // 2^31-1 ms would fire at once; waking early is harmless since flush re-checks due times.
    timer = setTimeout(
      () => void flush().catch(noop),
      Math.min(wait > 0 ? wait : busy ? BUSY_RETRY_MS : 0, 2 ** 31 - 1),
    );
  }

  async function run(): Promise<void> {
    let busy = false;
    try {
      while (again && !destroyed) {
        const early = eager;
        again = eager = false;
        const flushed = await lock('flush', async () => {
          for (const entry of await list())
            if (due(entry, early)) busy = !(await attempt(entry.id, early)) || busy;
          return true;
        });
        busy ||= !flushed;
      }
    } catch (error) {
      // A failing store must not turn the timer into a hot loop against the server.
      busy = true;
      throw error;
    } finally {
      flushing = undefined;
      await schedule(busy);
    }
  }

  function flush(early = false): Promise<void> {
    if (destroyed) return Promise.reject(gone());
    // A flush asked for during a flush runs once more after it: new entries may have come in.
    again = true;
    eager ||= early;
    return (flushing ??= run());
  }

  return {
    async enqueue(envelope, attachments = [], { secret, after } = {}) {
      alive();
      const entry = await createEntry(envelope, attachments, now());
      if (secret) entry.secret = secret;
      if (after) entry.after = after;
      // Strictly increasing, so two submissions in one millisecond keep their order.
      entry.queuedAt = lastQueuedAt = Math.max(entry.queuedAt, lastQueuedAt + 1);
      checkCapacity(
        entry,
        (await list()).filter((e) => e.id !== entry.id),
        maxEntries,
        maxBytes,
      );
      try {
        await store.set(key(entry.id), entry);
      } catch (cause) {
        throw new KefuError(
          'storage_unavailable',
          'The submission could not be stored, so it was not sent',
          { cause },
        );
      }
      known.set(entry.id, entry);
      emit({ type: 'queued', id: entry.id });
      // The entry is stored whatever happens now; if the store failed while settling the attempt,
      // it stays pending and is looked at again after BUSY_RETRY_MS (the default store never fails:
      // it falls back to memory).
      const outcome = await attempt(entry.id).catch(noop);
      if (outcome?.kind === 'rejected') throw outcome.error;
      await schedule(!outcome);
      const durable = store.kind !== 'memory';
      return outcome?.kind === 'sent'
        ? { id: entry.id, status: 'sent', body: outcome.body, durable }
        : { id: entry.id, status: 'queued', durable };
    },
    flush: () => flush(),
    start() {
      alive();
      unlisten ??= listenToPage(
        (early) => void flush(early).catch(noop),
        // Stored durably, an entry waits for the next visit: a keepalive's answer is never read,
        // so a Retry-After it carried would be lost and the next page would send too early. In
        // memory the entry dies with the page, so it gets this one last attempt.
        () =>
          store.kind === 'memory' &&
          sendKeepalive(
            transport,
            [...known.values()].filter((entry) => !inFlight.has(entry.id)),
            now(),
          ),
      );
      void flush().catch(noop);
    },
    get durable() {
      return store.kind !== 'memory';
    },
    atRisk() {
      if (store.kind !== 'memory') return 0;
      return [...known.values()].filter((entry) => entry.state === 'pending').length;
    },
    async entries() {
      alive();
      return list();
    },
    async discard(id) {
      alive();
      await store.del(key(id));
      known.delete(id);
    },
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      unlisten?.();
      aborter.abort();
    },
  };
}
