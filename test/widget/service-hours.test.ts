import { describe, expect, it } from 'vitest';
import { dayNames, serviceWindow } from '../../src/widget/panel/service-hours';

describe('service hours', () => {
  const hours = { timeZone: 'Asia/Shanghai', from: '09:00', to: '21:00' };

  it("gives today's window as instants, whatever the user's zone", () => {
    // 2026-11-23 10:00 in Shanghai is 02:00 UTC.
    const w = serviceWindow(hours, Date.UTC(2026, 10, 23, 2, 0));
    expect(w.from.toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(w.to.toISOString()).toBe('2026-11-23T13:00:00.000Z');
    expect(w.open).toBe(true);
    expect(serviceWindow(hours, Date.UTC(2026, 10, 23, 14, 0)).open).toBe(false);
  });

  it('uses the date in the team zone, not in UTC', () => {
    // 23:30 UTC on the 22nd is already 07:30 on the 23rd in Shanghai.
    const w = serviceWindow(hours, Date.UTC(2026, 10, 22, 23, 30));
    expect(w.from.toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(w.open).toBe(false);
  });

  it('is closed on days the team does not work, and runs past midnight when `to` is earlier than `from`', () => {
    // 2026-11-22 is a Sunday.
    expect(
      serviceWindow({ ...hours, days: [1, 2, 3, 4, 5] }, Date.UTC(2026, 10, 22, 4, 0)).open,
    ).toBe(false);
    const night = serviceWindow(
      { timeZone: 'UTC', from: '22:00', to: '02:00' },
      Date.UTC(2026, 10, 23, 23, 0),
    );
    expect(night.open).toBe(true);
    expect(night.to.toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });

  it('follows daylight saving time in the team zone', () => {
    // New York: 09:00 is 14:00 UTC in winter and 13:00 UTC in summer.
    expect(
      serviceWindow(
        { timeZone: 'America/New_York', from: '09:00', to: '17:00' },
        Date.UTC(2026, 0, 15, 15),
      ).from.toISOString(),
    ).toBe('2026-01-15T14:00:00.000Z');
    expect(
      serviceWindow(
        { timeZone: 'America/New_York', from: '09:00', to: '17:00' },
        Date.UTC(2026, 6, 15, 15),
      ).from.toISOString(),
    ).toBe('2026-07-15T13:00:00.000Z');
  });

  it('names the days as a range when they follow each other', () => {
    expect(dayNames([1, 2, 3, 4, 5], 'en')).toBe('Mon–Fri');
    expect(dayNames([0, 1, 2, 3, 4, 5, 6], 'en')).toBe('Mon–Sun');
    expect(dayNames([0, 6], 'en')).toBe('Sun, Sat');
    expect(dayNames([1, 2, 3, 4, 5], 'zh-CN')).toBe('周一–周五');
  });
});
