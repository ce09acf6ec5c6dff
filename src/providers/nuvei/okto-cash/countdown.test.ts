import { describe, expect, it } from 'vitest';
import { announcementStep, formatDuration, HOUR_MS, MINUTE_MS } from './countdown.ts';

describe('time left', () => {
  it('steps announcements by hours, then quarter hours in the last hour, then minutes in the last five', () => {
    expect(announcementStep(5 * HOUR_MS + 1)).toBe(6 * HOUR_MS);
    expect(announcementStep(5 * HOUR_MS)).toBe(5 * HOUR_MS);
    expect(announcementStep(HOUR_MS)).toBe(60 * MINUTE_MS);
    expect(announcementStep(44 * MINUTE_MS)).toBe(45 * MINUTE_MS);
    expect(announcementStep(16 * MINUTE_MS)).toBe(30 * MINUTE_MS);
    expect(announcementStep(5 * MINUTE_MS)).toBe(5 * MINUTE_MS);
    expect(announcementStep(3 * MINUTE_MS + 1)).toBe(4 * MINUTE_MS);
    expect(announcementStep(0)).toBe(0);
  });

  it('changes the announcement at most once per step, never every second', () => {
    const steps = new Set<number>();
    for (let left = 2 * HOUR_MS; left >= 0; left -= 1000) steps.add(announcementStep(left));
    // 2 h and 1 h, then 45/30/15 minutes, then 5..1 minutes, then 0.
    expect([...steps]).toEqual([
      2 * HOUR_MS,
      HOUR_MS,
      45 * MINUTE_MS,
      30 * MINUTE_MS,
      15 * MINUTE_MS,
      5 * MINUTE_MS,
      4 * MINUTE_MS,
      3 * MINUTE_MS,
      2 * MINUTE_MS,
      MINUTE_MS,
      0,
    ]);
  });

  it('words durations with Intl units in the shopper’s language, largest two units', () => {
    expect(formatDuration(2 * HOUR_MS + 15 * MINUTE_MS, 'en')).toBe('2 hours 15 minutes');
    expect(formatDuration(26 * HOUR_MS + 5 * MINUTE_MS, 'en')).toBe('1 day 2 hours');
    expect(formatDuration(30_000, 'en')).toBe('1 minute');
    expect(formatDuration(0, 'en')).toBe('0 minutes');
    expect(formatDuration(3 * MINUTE_MS, 'el')).toBe('3 λεπτά');
  });
});
