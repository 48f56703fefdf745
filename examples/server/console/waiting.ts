/**
 * How long someone has waited, as an agent reads it at a glance: "just now", "4 min",
 * "1 h 05 min", "3 d 2 h". `since` is an ISO time; an unreadable one answers "".
 */
export function waitedFor(since: string | undefined, now: number): string {
  if (!since) return '';
  const start = Date.parse(since);
  if (Number.isNaN(start)) return '';
  const minutes = Math.floor(Math.max(0, now - start) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
