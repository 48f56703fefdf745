import type { OutboxEntry, Transport } from './types';

/** What browsers let keepalive requests of one page carry in flight, all together. */
export const KEEPALIVE_BUDGET = 65_536;

/**
 * Listens for the moments to flush (`online`, then `wake(true)`; the page becoming visible, then
 * `wake(false)`) and for the page going away (`pagehide`); returns the function that removes all
 * three listeners. Does nothing outside a browser, so a server-side render can start an outbox.
 */
export function listenToPage(wake: (online: boolean) => void, hide: () => void): () => void {
  if (typeof document === 'undefined') return () => {};
  const online = () => wake(true);
  const visible = () => document.visibilityState === 'visible' && wake(false);
  addEventListener('online', online);
  addEventListener('pagehide', hide);
  document.addEventListener('visibilitychange', visible);
  return () => {
    removeEventListener('online', online);
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

/**
 * One keepalive attempt per entry of {@link keepaliveBatch}, started synchronously, not awaited and
 * never settled: the page may be gone before the answer. The outbox uses it only when its entries
 * live in memory and would die with the page; durable entries wait for the next visit, since a
 * Retry-After in an answer nobody reads cannot be honoured. No lock either: an async lock grant
 * would come after the page is gone; the Idempotency-Key makes an overlap harmless.
 */
export function sendKeepalive(
  transport: Transport,
  entries: Iterable<OutboxEntry>,
  now: number,
): void {
  for (const entry of keepaliveBatch(entries, now))
    transport.send(entry, { keepalive: true }).catch(() => {});
}
