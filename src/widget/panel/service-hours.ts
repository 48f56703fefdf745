import type { ServiceHours } from '../types';

/** The offset of `timeZone` from UTC at an instant, in ms (wall clock minus UTC). */
function offsetAt(timeZone: string, at: number): number {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at))
    parts[p.type] = p.value;
  const wall = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour! % 24,
    +parts.minute!,
    +parts.second!,
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** The date (year, month 0–11, day, weekday 0 = Sunday) the wall clock of `timeZone` shows at an instant. */
function dateIn(
  timeZone: string,
  at: number,
): { y: number; m: number; d: number; weekday: number } {
  const local = new Date(at + offsetAt(timeZone, at));
  return {
    y: local.getUTCFullYear(),
    m: local.getUTCMonth(),
    d: local.getUTCDate(),
    weekday: local.getUTCDay(),
  };
}

/** The instant at which `timeZone`'s wall clock shows the date and time; twice through, for DST edges. */
function instant(timeZone: string, y: number, m: number, d: number, hhmm: string): number {
  const [h, min] = hhmm.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m, d, h, min);
  const first = guess - offsetAt(timeZone, guess);
  return guess - offsetAt(timeZone, first);
}

/** Today's service window as instants, and whether support is open at `now`. */
export interface ServiceWindow {
  open: boolean;
  from: Date;
  to: Date;
  days: number[];
}

/**
 * Today's service hours (today in the team's zone) as instants, so the view can show them in the
 * user's own time zone; a window past midnight (`22:00`–`02:00`) ends the next day.
 */
export function serviceWindow(hours: ServiceHours, now = Date.now()): ServiceWindow {
  const days = hours.days ?? [0, 1, 2, 3, 4, 5, 6];
  const today = dateIn(hours.timeZone, now);
  const from = instant(hours.timeZone, today.y, today.m, today.d, hours.from);
  let to = instant(hours.timeZone, today.y, today.m, today.d, hours.to);
  if (to <= from) to += 24 * 3600 * 1000;
  return {
    open: days.includes(today.weekday) && now >= from && now < to,
    from: new Date(from),
    to: new Date(to),
    days,
  };
}

/** Weekday names of the days, as a range when they follow each other ("Mon–Fri"), in the locale. */
export function dayNames(days: number[], locale: string): string {
  // 2024-01-07 was a Sunday: day n is 7 + n January.
  const name = (n: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
      Date.UTC(2024, 0, 7 + n),
    );
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (sorted.length === 7) return `${name(1)}–${name(0)}`;
  return contiguous && sorted.length > 2
    ? `${name(sorted[0]!)}–${name(sorted.at(-1)!)}`
    : sorted.map(name).join(', ');
}
