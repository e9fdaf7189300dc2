/**
 * promtool's expanding notation for test input values, as documented for `promtool test rules`:
 * `a+bxn` / `a-bxn` / `axn` are n+1 samples, `_xn` n missing ones, `_` one missing, `stale` a
 * staleness marker. Sample i is at i × interval from the start of the case.
 */
export type Slot = 'sample' | 'missing' | 'stale';

const NUMBER = String.raw`[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|inf|nan|0x[0-9a-f]+)`;
const EXPANDING = new RegExp(`^(${NUMBER})(?:([-+](?:\\d+\\.?\\d*|\\.\\d+)(?:e[-+]?\\d+)?))?x(\\d+)$`, 'i');
const SINGLE = new RegExp(`^${NUMBER}$`, 'i');

/** The slots the notation expands to, or undefined when it is not the notation (promtool reports that). */
export function expandSeriesValues(values: string, limit = 100_000): Slot[] | undefined {
  const slots: Slot[] = [];
  for (const token of values.trim().split(/\s+/)) {
    if (token === '') continue;
    let missing: RegExpExecArray | null;
    let expanding: RegExpExecArray | null;
    if (token === '_') slots.push('missing');
    else if (token === 'stale') slots.push('stale');
    else if ((missing = /^_x(\d+)$/.exec(token))) slots.push(...new Array<Slot>(Number(missing[1])).fill('missing'));
    else if ((expanding = EXPANDING.exec(token))) slots.push(...new Array<Slot>(Number(expanding[3]) + 1).fill('sample'));
    else if (SINGLE.test(token)) slots.push('sample');
    else return undefined;
    if (slots.length > limit) return undefined;
  }
  return slots;
}

/**
 * Whether a series gives a rule anything to read at `atMs`: a sample no older than `windowMs`
 * (the 5-minute lookback, or the longest range the rule reads) and no staleness marker after it.
 */
export function visibleAt(slots: readonly Slot[], intervalMs: number, atMs: number, windowMs: number): boolean {
  for (let i = Math.min(slots.length - 1, Math.floor(atMs / intervalMs)); i >= 0; i--) {
    const t = i * intervalMs;
    if (atMs - t > windowMs) return false;
    if (slots[i] === 'stale') return false;
    if (slots[i] === 'sample') return true;
  }
  return false;
}

/** Time of the last sample (ms from the start), or undefined when there is none. */
export function lastSampleMs(slots: readonly Slot[], intervalMs: number): number | undefined {
  const i = slots.lastIndexOf('sample');
  return i < 0 ? undefined : i * intervalMs;
}
