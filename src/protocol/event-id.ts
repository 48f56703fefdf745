/**
 * The wire form of an event id: `'0'` ("before every event": `?after=0`, `Last-Event-ID: 0`) or
 * a positive integer of up to 19 digits (a PostgreSQL bigint), without leading zeros. Plain
 * code, no schema: the browser's log reader checks ids with it too.
 */
export const EVENT_ID_PATTERN = /^(0|[1-9]\d{0,18})$/;

/** True for an event id as the wire carries it ('0' included). */
export const isEventId = (value: string): boolean => EVENT_ID_PATTERN.test(value);

/**
 * True when event id `a` comes after `b`. Ids are decimal strings of up to 19 digits (beyond a
 * double's exact range), compared by length first, then digit by digit.
 */
export function eventAfter(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}
