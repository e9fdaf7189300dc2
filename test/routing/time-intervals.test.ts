// Alertmanager 0.25's time intervals (timeinterval.go), as the routing simulation judges them.
import { describe, expect, it } from 'vitest';
import type { TimePeriodModel } from '../../src/model/alertmanager.js';
import { parseDaysOfMonth, parseMonths, parseWeekdays, periodContains } from '../../src/model/time-intervals.js';

const period = (p: Partial<TimePeriodModel>): TimePeriodModel => ({ times: [], weekdays: [], daysOfMonth: [], months: [], years: [], ...p });
const at = (iso: string) => new Date(iso);

describe('time intervals', () => {
  it('times: start inclusive, end exclusive, in the period location', () => {
    const nights = period({ times: [{ start: '22:00', end: '24:00' }, { start: '00:00', end: '07:00' }], location: 'America/Sao_Paulo' });
    expect(periodContains(nights, at('2026-11-26T01:00:00Z'))).toBe(true); // 22:00 in São Paulo
    expect(periodContains(nights, at('2026-11-26T00:59:00Z'))).toBe(false); // 21:59
    expect(periodContains(nights, at('2026-11-26T09:59:00Z'))).toBe(true); // 06:59
    expect(periodContains(nights, at('2026-11-26T10:00:00Z'))).toBe(false); // 07:00: end is exclusive
    // The same instant in UTC (no location) is another wall clock.
    expect(periodContains(period({ times: [{ start: '22:00', end: '24:00' }] }), at('2026-11-26T01:00:00Z'))).toBe(false);
  });

  it('weekdays: ranges, case-insensitive names, judged in the location', () => {
    const weekend = period({ weekdays: ['Saturday', 'sunday'], location: 'America/Sao_Paulo' });
    expect(periodContains(weekend, at('2026-11-28T23:30:00-03:00'))).toBe(true); // Saturday night
    expect(periodContains(weekend, at('2026-11-30T02:00:00Z'))).toBe(true); // Sunday 23:00 in São Paulo, Monday in UTC
    expect(periodContains(weekend, at('2026-11-30T03:00:00Z'))).toBe(false); // Monday 00:00 there
    expect(periodContains(period({ weekdays: ['monday:friday'] }), at('2026-11-25T12:00:00Z'))).toBe(true);
    expect(parseWeekdays('saturday:sunday')).toMatch(/ends before it starts/);
    expect(parseWeekdays('funday')).toMatch(/not a weekday/);
  });

  it('days of month: negative days count from the end of that month, clamped to it', () => {
    const lastDay = period({ daysOfMonth: ['-1'] });
    expect(periodContains(lastDay, at('2026-02-28T12:00:00Z'))).toBe(true);
    expect(periodContains(lastDay, at('2028-02-28T12:00:00Z'))).toBe(false); // leap year: the 29th is last
    expect(periodContains(lastDay, at('2028-02-29T12:00:00Z'))).toBe(true);
    const lastWeek = period({ daysOfMonth: ['-7:-1'] });
    expect(periodContains(lastWeek, at('2026-11-24T00:00:00Z'))).toBe(true); // 30 - 7 + 1 = 24
    expect(periodContains(lastWeek, at('2026-11-23T23:59:00Z'))).toBe(false);
    // A begin after the month's end never matches (31 in a 30-day month); an end is clamped.
    expect(periodContains(period({ daysOfMonth: ['31'] }), at('2026-11-30T12:00:00Z'))).toBe(false);
    expect(periodContains(period({ daysOfMonth: ['25:31'] }), at('2026-11-30T12:00:00Z'))).toBe(true);
    expect(parseDaysOfMonth('0')).toMatch(/not a day of the month/);
    expect(parseDaysOfMonth('-3:5')).toMatch(/must be negative/);
    expect(parseDaysOfMonth('10:5')).toMatch(/always before/);
  });

  it('months and years, names or numbers; every given field must hold', () => {
    const december2026 = period({ months: ['december'], years: ['2026'] });
    expect(periodContains(december2026, at('2026-12-24T12:00:00Z'))).toBe(true);
    expect(periodContains(december2026, at('2027-12-24T12:00:00Z'))).toBe(false);
    expect(periodContains(period({ months: ['1:3'] }), at('2026-03-31T23:00:00Z'))).toBe(true);
    expect(periodContains(period({ months: ['1:3'] }), at('2026-03-31T23:00:00-03:00'))).toBe(false); // April 1st in UTC
    expect(parseMonths('march:january')).toMatch(/ends before it starts/);
    const both = period({ weekdays: ['saturday'], times: [{ start: '09:00', end: '12:00' }] });
    expect(periodContains(both, at('2026-11-28T10:00:00Z'))).toBe(true);
    expect(periodContains(both, at('2026-11-28T13:00:00Z'))).toBe(false);
    expect(periodContains(both, at('2026-11-27T10:00:00Z'))).toBe(false);
  });
});
