/**
 * What Prometheus 2.42 computes for an SLO's generated rules on the input of a generated test, so
 * the test can say what the alert renders (burn rate, budget left) and when it fires. It follows
 * the engine: `rate()` is `extrapolatedRate` over the samples in the closed range [t − w, t];
 * every rule group is evaluated at every tick of the test's evaluation interval (as promtool does);
 * `sum_over_time` adds the recorded samples of the range. promtool then checks every prediction.
 */

import { goG } from './go-format.js';

const MINUTE = 60_000;

/** A counter sampled once a minute from t = 0: values[k] at k minutes. */
export type Samples = readonly number[];

/** Prometheus 2.42's `rate(x[range])` at time t, or undefined (fewer than 2 samples). */
export function rateAt(values: Samples, tMs: number, rangeMs: number): number | undefined {
  const first = Math.max(0, Math.ceil((tMs - rangeMs) / MINUTE));
  const last = Math.min(values.length - 1, Math.floor(tMs / MINUTE));
  if (last - first < 1) return undefined;
  const firstValue = values[first]!;
  const lastValue = values[last]!;
  let result = lastValue - firstValue;
  let previous = 0;
  for (let k = first; k <= last; k++) {
    if (values[k]! < previous) result += previous; // counter reset
    previous = values[k]!;
  }
  let durationToStart = (first * MINUTE - (tMs - rangeMs)) / 1000;
  const durationToEnd = (tMs - last * MINUTE) / 1000;
  const sampledInterval = ((last - first) * MINUTE) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (last - first);
  if (result > 0 && firstValue >= 0) {
    const durationToZero = sampledInterval * (firstValue / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < threshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd < threshold ? durationToEnd : averageDurationBetweenSamples / 2;
  // In this order: one factor, then one product (2.42 divides the factor by the range, not the
  // product; the last bit differs, and `%.2f` of a burn rate on a tie shows it).
  const factor = extrapolateToInterval / sampledInterval / (rangeMs / 1000);
  return result * factor;
}

/** `sum(rate(…))` over the series a selector takes: undefined when none has a rate. */
function sumRates(series: readonly Samples[], tMs: number, rangeMs: number): number | undefined {
  let sum: number | undefined;
  for (const s of series) {
    const r = rateAt(s, tMs, rangeMs);
    if (r !== undefined) sum = sum === undefined ? r : sum + r;
  }
  return sum;
}

/** `sum_over_time`: 2.42 adds the samples with Kahan-Neumaier compensation. */
export function sumOverTime(values: readonly number[]): number {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return Number.isFinite(sum) ? sum + c : sum;
}

/** The SLI over the test series: which series each side sums. */
export interface SimulatedSli {
  /** `errors`: errors / total; `good` (and latency): (total − good) / total. */
  kind: 'errors' | 'good';
  /** The series the errors (or good) selector takes. */
  part: readonly Samples[];
  /** The series the total selector takes. */
  total: readonly Samples[];
}

export interface SimulatedTier {
  longMs: number;
  shortMs: number;
  burnRate: number;
}

export interface Simulation {
  /** Error ratio over a window at t, as the ratio rules record it. */
  ratio(windowMs: number, tMs: number): number | undefined;
  /** `slo:error_budget_remaining:ratio` at t. */
  budgetRemaining(tMs: number): number | undefined;
  /** Whether the alert fires at t, and its value (the long-window burn rate of the first line that holds). */
  alert(tiers: readonly SimulatedTier[], tMs: number, forMs?: number): { firing: boolean; value?: number };
}

export interface SimulationOptions {
  sli: SimulatedSli;
  budget: number;
  windowMs: number;
  baseWindowMs: number;
  tickMs: number;
}

export function simulate({ sli, budget, windowMs, baseWindowMs, tickMs }: SimulationOptions): Simulation {
  const errorsAndTotal = (rangeMs: number, tMs: number): [number, number] | undefined => {
    const total = sumRates(sli.total, tMs, rangeMs);
    if (total === undefined) return undefined;
    // `(sum(rate(part)) or 0 * sum(rate(total)))`: no part series with a rate counts as 0.
    const part = sumRates(sli.part, tMs, rangeMs) ?? 0 * total;
    return [sli.kind === 'errors' ? part : total - part, total];
  };
  // Recorded samples of the base-window rates, at each tick (the period ratio sums them).
  const recorded = new Map<number, [number, number]>();
  const base = (tMs: number) => {
    if (!recorded.has(tMs)) {
      const value = errorsAndTotal(baseWindowMs, tMs);
      if (value) recorded.set(tMs, value);
    }
    return recorded.get(tMs);
  };
  const periodRatio = (tMs: number): number | undefined => {
    const errors: number[] = [];
    const total: number[] = [];
    for (let t = 0; t <= tMs; t += tickMs) {
      if (t < tMs - windowMs) continue;
      const sample = base(t);
      if (!sample) continue;
      errors.push(sample[0]);
      total.push(sample[1]);
    }
    return errors.length === 0 ? undefined : sumOverTime(errors) / sumOverTime(total);
  };
  const ratio = (rangeMs: number, tMs: number): number | undefined => {
    if (rangeMs === windowMs) return periodRatio(tMs);
    const value = rangeMs === baseWindowMs ? base(tMs) : errorsAndTotal(rangeMs, tMs);
    return value ? value[0] / value[1] : undefined;
  };
  const condition = (tiers: readonly SimulatedTier[], tMs: number): number | undefined => {
    for (const tier of tiers) {
      const long = ratio(tier.longMs, tMs);
      const short = ratio(tier.shortMs, tMs);
      if (long === undefined || short === undefined) continue;
      if (long / budget > tier.burnRate && short / budget > tier.burnRate) return long / budget;
    }
    return undefined;
  };
  return {
    ratio,
    budgetRemaining(tMs) {
      const period = periodRatio(tMs);
      return period === undefined ? undefined : 1 - period / budget;
    },
    alert(tiers, tMs, forMs = 0) {
      const value = condition(tiers, tMs);
      if (value === undefined) return { firing: false };
      // Pending since the first tick of an unbroken run of true conditions; firing once `for` has passed.
      for (let t = tMs - tickMs; t >= 0 && t >= tMs - forMs; t -= tickMs) {
        if (condition(tiers, t) === undefined) return { firing: false };
      }
      return tMs >= forMs ? { firing: true, value } : { firing: false };
    },
  };
}

/** Prometheus' humanizePercentage: Go's `%.4g%%` of v × 100. */
export function humanizePercentage(v: number): string {
  return `${goG(v * 100, 4)}%`;
}
