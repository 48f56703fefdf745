import type { OutboxEntry } from './types';

/** What browsers let keepalive requests of one page carry in flight, all together. */
export const KEEPALIVE_BUDGET = 65_536;

/**
 * Listens for the moments to flush (`online`, the page becoming visible) and for the page going
 * away (`pagehide`); returns the function that removes all three listeners. Does nothing outside
 * a browser, so a server-side render can start an outbox.
 */
export function listenToPage(wake: () => void, hide: () => void): () => void {
  if (typeof document === 'undefined') return () => {};
  const visible = () => document.visibilityState === 'visible' && wake();
  addEventListener('online', wake);
  addEventListener('pagehide', hide);
  document.addEventListener('visibilitychange', visible);
  return () => {
    removeEventListener('online', wake);
    removeEventListener('pagehide', hide);
    document.removeEventListener('visibilitychange', visible);
  };
}

/**
 * The pending entries worth one keepalive attempt as the page goes away, oldest first, while
 * their bodies fit the shared 64 KB budget (with room for multipart framing). Entries whose
 * `Retry-After` has not passed are left alone: no request goes before the server said it would
 * accept one.
 */
export function keepaliveBatch(entries: Iterable<OutboxEntry>, now: number): OutboxEntry[] {
  let budget = KEEPALIVE_BUDGET;
  const batch: OutboxEntry[] = [];
  for (const entry of entries) {
    const cost = entry.bytes + 512 * (1 + (entry.attachments?.length ?? 0));
    if (entry.state !== 'pending' || (entry.notBefore ?? 0) > now || cost > budget) continue;
    budget -= cost;
    batch.push(entry);
  }
  return batch;
}
