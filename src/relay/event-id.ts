/**
 * True when event id `a` comes after `b`. Ids are decimal strings of up to 19 digits (beyond a
 * double's exact range), compared by length first, then digit by digit.
 */
export function eventAfter(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

const EVENT_ID = /^(0|[1-9]\d{0,18})$/;

/** True for an event id as the wire carries it ('0' included). */
export const isEventId = (value: string): boolean => EVENT_ID.test(value);
