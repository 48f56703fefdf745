// Shared by the adapters only, so an adapter's chunk pulls in nothing of the capturing code.

/** bit/s → kbit/s, undefined for nothing or zero. */
export function kbps(bps: number | undefined): number | undefined {
  return bps ? Math.round(bps / 1000) : undefined;
}
