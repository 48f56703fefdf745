import type { ProductEvent } from '../protocol';

/** Options of {@link createEventBatcher}. */
export interface EventBatcherOptions {
  /** Sends one batch; resolves true when the server took it (2xx). */
  send: (events: ProductEvent[], keepalive: boolean) => Promise<boolean>;
  /** Events per batch; a full batch is sent at once. @default 20 */
  maxBatch?: number;
  /** How long an event waits for others before its batch is sent. @default 10000 */
  delayMs?: number;
  /** Events kept while the server cannot be reached; the oldest are dropped past it. @default 100 */
  maxQueued?: number;
}

/** Collects anonymous product events and sends them in small batches. */
export interface EventBatcher {
  track(event: Omit<ProductEvent, 'at'> & { at?: string }): void;
  /** Sends what is queued now; with `keepalive` (pagehide) the request may outlive the page. */
  flush(keepalive?: boolean): Promise<void>;
  destroy(): void;
}

/**
 * Batches events such as `search-no-result` and `article-unhelpful` so the support team learns
 * which answers are missing. They carry no user and no envelope: a query and a time, nothing that
 * identifies anyone. Losing some is acceptable (they are statistics), so they live in memory, not
 * in the outbox, and a failed batch is put back once and then dropped with the next failure.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createEventBatcher(options: EventBatcherOptions): EventBatcher {
  const { send, maxBatch = 20, delayMs = 10_000, maxQueued = 100 } = options;
  let queue: ProductEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;
  let retried = false;

  const flush = async (keepalive = false) => {
    clearTimeout(timer);
    timer = undefined;
    if (!queue.length) return;
    const batch = queue.splice(0, maxBatch);
    let ok = false;
    try {
      ok = await send(batch, keepalive);
    } catch {
      ok = false;
    }
    if (!ok && !retried) {
      retried = true;
      queue = [...batch, ...queue].slice(-maxQueued);
    } else if (ok) retried = false;
    if (queue.length && !destroyed) schedule();
  };
  const schedule = () => {
    timer ??= setTimeout(() => void flush(), delayMs);
  };

  return {
    track(event) {
      if (destroyed) return;
      queue.push({ ...event, at: event.at ?? new Date().toISOString() } as ProductEvent);
      if (queue.length > maxQueued) queue.shift();
      if (queue.length >= maxBatch) void flush();
      else schedule();
    },
    flush,
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      queue = [];
    },
  };
}
