import { KefuError } from '../errors';

/** The days of a week, as {@link ServiceHours} names them. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** One day of the week. */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * When agents answer: weekly ranges in the support team's own time zone. A range whose `to` is
 * earlier than its `from` runs past midnight into the next day; `to: '24:00'` ends at midnight.
 *
 * @example
 * { timeZone: 'Asia/Shanghai', weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '21:00' }] }
 */
export interface ServiceHours {
  /** An IANA time zone, e.g. `Asia/Shanghai`: daylight saving is followed. */
  timeZone: string;
  /** The ranges support is open. An empty list means never open (leave a message). */
  weekly: readonly { days: readonly Weekday[]; from: string; to: string }[];
}

/** Whether support is open at an instant, and when it opens next when it is not. */
export interface OpenState {
  open: boolean;
  /** The next opening (ISO 8601), when closed and some range exists. */
  opensAt?: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function invalid(field: string, message: string): never {
  throw new KefuError('invalid_config', `createRelay: \`${field}\` ${message}`, { field });
}

/** Checks service hours and answers the function that tells whether they are open at an instant. */
export function createServiceHours(hours: ServiceHours): (nowMs: number) => OpenState {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: hours.timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    invalid(
      'serviceHours.timeZone',
      `is "${String(hours.timeZone).slice(0, 60)}", not an IANA time zone like "Asia/Shanghai".`,
    );
  }
  if (!Array.isArray(hours.weekly)) invalid('serviceHours.weekly', 'must be a list of ranges.');
  // Minutes of the week (Sunday 00:00 = 0) at which each range starts and ends.
  const spans: [number, number][] = [];
  hours.weekly.forEach((range, index) => {
    const field = `serviceHours.weekly.${index}`;
    if (!TIME.test(range.from) || range.from === '24:00')
      invalid(`${field}.from`, `is "${range.from}"; write a time as "HH:MM" (00:00 to 23:59).`);
    if (!TIME.test(range.to))
      invalid(`${field}.to`, `is "${range.to}"; write a time as "HH:MM" (00:00 to 24:00).`);
    if (!Array.isArray(range.days) || range.days.length === 0)
      invalid(`${field}.days`, `must list days among ${WEEKDAYS.join(', ')}.`);
    const from = minutesOf(range.from);
    let to = minutesOf(range.to);
    if (to <= from) to += 24 * 60;
    for (const day of range.days) {
      const d = WEEKDAYS.indexOf(day);
      if (d < 0) invalid(`${field}.days`, `has "${day}"; use ${WEEKDAYS.join(', ')}.`);
      spans.push([d * 1440 + from, d * 1440 + to]);
    }
  });
  const WEEK = 7 * 1440;
  const minuteOfWeek = (ms: number) => {
    const parts = format.formatToParts(new Date(ms));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    const day = WEEKDAYS.indexOf(get('weekday').toLowerCase().slice(0, 3) as Weekday);
    return day * 1440 + Number(get('hour')) * 60 + Number(get('minute'));
  };
  const openAt = (ms: number) => {
    const m = minuteOfWeek(ms);
    // A span past Saturday midnight covers the first minutes of the week too.
    return spans.some(([from, to]) => (m >= from && m < to) || (m + WEEK >= from && m + WEEK < to));
  };
  return (nowMs) => {
    if (openAt(nowMs)) return { open: true };
    if (spans.length === 0) return { open: false };
    // Coarse steps of 15 minutes find the opening within a week, whatever daylight saving did;
    // minute steps back from there find its first minute.
    const start = Math.floor(nowMs / 60_000) * 60_000;
    for (let t = start + 60_000; t <= start + 8 * 24 * 3_600_000; t += 15 * 60_000) {
      if (!openAt(t)) continue;
      let first = t;
      while (first - 60_000 > nowMs && openAt(first - 60_000)) first -= 60_000;
      return { open: false, opensAt: new Date(first).toISOString() };
    }
    return { open: false };
  };
}
