/**
 * Alertmanager 0.25 time intervals, pure: parse a period's fields the way Alertmanager does
 * (timeinterval.go) and tell whether an instant falls inside. Used by the routing simulation
 * (mute and active time intervals of routes) and by the schema, which refuses what Alertmanager
 * would refuse.
 *
 *  - times: `HH:MM` ranges, start inclusive, end exclusive, 00:00 to 24:00;
 *  - weekdays: `monday:friday`, `sunday` (0 = Sunday; a range may not wrap: `saturday:sunday` is refused);
 *  - daysOfMonth: `1:5`, `-1` (last day), `-7:-1`; negative days count from the month's end and ranges
 *    are clamped to the month, exactly as Alertmanager does;
 *  - months: `january:march`, `12`; years: `2026:2027`;
 *  - names are case-insensitive; every field given must match; location is an IANA zone (default UTC).
 */
import type { TimeIntervalModel, TimePeriodModel } from './alertmanager.js';

interface Range {
  begin: number;
  end: number;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

type Member = (text: string) => number | string;

const integer: Member = (t) => (/^[+-]?\d+$/.test(t) ? Number(t) : `${JSON.stringify(t)} is not a number`);
const weekday: Member = (t) => (WEEKDAYS.includes(t) ? WEEKDAYS.indexOf(t) : `${JSON.stringify(t)} is not a weekday (sunday … saturday)`);
const month: Member = (t) => {
  if (MONTHS.includes(t)) return MONTHS.indexOf(t) + 1;
  const n = integer(t);
  return typeof n === 'number' ? n : `${JSON.stringify(t)} is not a month (january … december, or 1 … 12)`;
};

/** `a:b` or `a`, lower-cased first (Alertmanager's stringableRangeFromString). An error is a string. */
function range(text: string, member: Member): Range | string {
  const parts = text.toLowerCase().split(':');
  if (parts.length > 2) return `cannot parse range ${JSON.stringify(text)}`;
  const [b, e] = [member(parts[0]!), member(parts[1] ?? parts[0]!)];
  if (typeof b === 'string') return b;
  if (typeof e === 'string') return e;
  return { begin: b, end: e };
}

export function parseWeekdays(text: string): Range | string {
  const r = range(text, weekday);
  if (typeof r === 'string') return r;
  return r.begin > r.end ? `weekday range ${JSON.stringify(text)} ends before it starts (split it: ['saturday', 'sunday'])` : r;
}

export function parseDaysOfMonth(text: string): Range | string {
  const r = range(text, integer);
  if (typeof r === 'string') return r;
  for (const d of [r.begin, r.end]) if (d === 0 || d < -31 || d > 31) return `${d} is not a day of the month (1 … 31, or -1 … -31 from the end)`;
  if (r.begin < 0 && r.end > 0) return `in ${JSON.stringify(text)} the end day must be negative when the start day is`;
  const check = (d: number) => (d < 0 ? 28 + d : d);
  return check(r.begin) > check(r.end) ? `in ${JSON.stringify(text)} the end day is always before the start day` : r;
}

export function parseMonths(text: string): Range | string {
  const r = range(text, month);
  if (typeof r === 'string') return r;
  return r.begin > r.end ? `month range ${JSON.stringify(text)} ends before it starts` : r;
}

export function parseYears(text: string): Range | string {
  const r = range(text, integer);
  if (typeof r === 'string') return r;
  return r.begin > r.end ? `year range ${JSON.stringify(text)} ends before it starts` : r;
}

/** `HH:MM` → minutes of the day (the schema already checked the format). */
export function minuteOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** Whether the IANA zone exists (as Go's time.LoadLocation would find it). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in a zone. */
interface Wall {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: Date, zone: string): Wall {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'long',
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    weekday: WEEKDAYS.indexOf(String(parts['weekday']).toLowerCase()),
    minute: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const inside = (n: number, r: Range) => n >= r.begin && n <= r.end;
const parsed = (r: Range | string): Range[] => (typeof r === 'string' ? [] : [r]);

/** Alertmanager's TimeInterval.ContainsTime for one period. */
export function periodContains(period: TimePeriodModel, instant: Date): boolean {
  const t = wallClock(instant, period.location ?? 'UTC');
  if (period.times.length > 0 && !period.times.some((r) => t.minute >= minuteOfDay(r.start) && t.minute < minuteOfDay(r.end))) return false;
  if (period.daysOfMonth.length > 0) {
    const dim = daysInMonth(t.year, t.month);
    const clamp = (n: number) => Math.min(Math.max(n, -dim), dim);
    const days = period.daysOfMonth.flatMap((d) => parsed(parseDaysOfMonth(d)));
    const any = days.some((r) => {
      const begin = r.begin < 0 ? dim + r.begin + 1 : r.begin;
      const end = r.end < 0 ? dim + r.end + 1 : r.end;
      if (begin > dim) return false;
      return inside(t.day, { begin: clamp(begin), end: clamp(end) });
    });
    if (!any) return false;
  }
  if (period.months.length > 0 && !period.months.flatMap((m) => parsed(parseMonths(m))).some((r) => inside(t.month, r))) return false;
  if (period.weekdays.length > 0 && !period.weekdays.flatMap((w) => parsed(parseWeekdays(w))).some((r) => inside(t.weekday, r))) return false;
  if (period.years.length > 0 && !period.years.flatMap((y) => parsed(parseYears(y))).some((r) => inside(t.year, r))) return false;
  return true;
}

/** A named time interval holds the instant when one of its periods does. */
export function intervalContains(interval: TimeIntervalModel, instant: Date): boolean {
  return interval.periods.some((p) => periodContains(p, instant));
}
