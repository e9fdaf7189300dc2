import type { AlertTestCase } from '../api/tests.js';
import type { TestCaseModel } from './types.js';
import type { SloAlertModel, SloModel } from './slo.js';
import { durationMs } from '../duration.js';
import { compare, decimal, format, mul, shift, sub, toNumber, type Decimal } from './slo-decimal.js';
import { sliTestSeries, type SliTestSeries } from './slo-sli.js';
import { syntaxAlone, type SyntaxOf } from './promql-table.js';
import { goFixed } from './go-format.js';
import { humanizePercentage, simulate, type Simulation } from './slo-simulate.js';
import { seriesText } from './slo-series.js';
import { BASE_WINDOW, BUDGET_REMAINING_ANNOTATION, BURN_RATE_ANNOTATION } from './slo-names.js';

/**
 * The unit tests every SLO alert gets, generated (run by promtool like every other test):
 *
 * - the first line of the table (the page's 14.4× over 1h/5m), when its long window is at most 6h:
 *   a burn 25% above its rate after good traffic fires by the end of the long window (the time
 *   the workbook gives: a 14.4× burn has spent 2% of a 30d budget in 1h), or that plus the
 *   alert's `for`, and has not fired at three quarters of it; the burn_rate it renders is this
 *   line's long window, so a table without the line fails the case;
 * - every other line: a steady burn 25% above its rate, from the start, fires 10 minutes in (or
 *   once a `for` has passed): every window sees the same ratio from the second sample on, so a
 *   longer run (days at the evaluation interval would take promtool minutes) proves nothing more;
 * - a steady burn at half the lowest rate of the table (0.5× for the workbook's) stays quiet, as long;
 * - a good/total (or latency) SLI: a total outage, every event failing and the good series gone
 *   from every window the alert reads, fires (`sum` over no good series is empty, not 0).
 *
 * What each case expects (fires or not, the burn rate and the budget left it renders) is what
 * Prometheus computes on its input (src/model/slo-simulate.ts); promtool checks it.
 *
 * promtool evaluates every loaded rule at every tick of a test's evaluation interval, whatever the
 * groups' own intervals: at the alert group's 1m, a day of series is 1,440 evaluations of every
 * rule. The tests tick at the base window instead (sloTestInterval), every time a case names is on
 * a tick, and the simulation ticks the same: the input is still sampled every minute and every
 * window still reads it all, only the evaluations between two checked times are fewer.
 */
const TIMED_LIMIT_MS = 6 * 3_600_000;
const MARGIN = decimal('1.25');
const MINUTE = 60_000;
/**
 * How long a steady burn runs before it is checked, at least. A counter growing at one rate from 0
 * gives every window the same error ratio from its second sample on (`rate()` extrapolates no
 * further back than the counter's zero, and both series are read over the same samples), so ten
 * minutes show a 3d/6h line as a 6h run of series did, for 2 ticks of promtool's evaluation instead of 72.
 */
const STEADY_MINUTES = 10;

/**
 * The evaluation interval of an SLO alert's tests: the first multiple of its group's interval that
 * reaches the base window and is a whole number of minutes (the input samples are a minute apart).
 */
export function sloTestInterval(groupInterval: string): string {
  const groupMs = durationMs(groupInterval)!;
  let n = Math.max(1, Math.ceil(durationMs(BASE_WINDOW)! / groupMs));
  while ((n * groupMs) % MINUTE !== 0) n++;
  return durationText(n * groupMs);
}

/** `1h30m`-style text of a whole number of minutes or seconds. */
export function durationText(ms: number): string {
  const units: Array<[string, number]> = [['d', 86_400_000], ['h', 3_600_000], ['m', MINUTE], ['s', 1000]];
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out === '' ? '0s' : out;
}

interface Phase {
  minutes: number;
  /** Error ratio during the phase. */
  ratio: Decimal;
}

/** Per-minute increments of the two test series for an error ratio, at `perMinute` events a minute. */
function slopes(series: SliTestSeries, ratio: Decimal, perMinute: Decimal): [number, number] {
  const bad = mul(ratio, perMinute);
  const good = sub(perMinute, bad);
  const part = series.kind === 'errors' ? bad : good;
  const other = series.partInTotal ? (series.kind === 'errors' ? good : bad) : perMinute;
  return [toNumber(part), toNumber(other)];
}

/** promtool's notation for a counter growing by `step` a minute over phases: `0+0x60 150+150x59`. */
function valuesText(steps: Array<{ minutes: number; step: number }>): string {
  let value = 0;
  const parts: string[] = [];
  for (const { minutes, step } of steps) {
    if (minutes <= 0) continue;
    if (parts.length === 0) {
      parts.push(`0+${step}x${minutes}`);
      value = step * minutes;
    } else {
      parts.push(minutes === 1 ? `${value + step}` : `${value + step}+${step}x${minutes - 1}`);
      value += step * minutes;
    }
  }
  return parts.join(' ');
}

function samples(steps: Array<{ minutes: number; step: number }>): number[] {
  const out = [0];
  for (const { minutes, step } of steps) for (let i = 0; i < minutes; i++) out.push(out[out.length - 1]! + step);
  return out;
}

/** Tests of an SLO alert, evaluated every `testInterval` (sloTestInterval of the alert group's interval). */
export function sloAlertTests(slo: SloModel, alert: SloAlertModel, ids: Record<string, string>, testInterval: string, syntax: SyntaxOf = syntaxAlone): Array<TestCaseModel<AlertTestCase>> {
  const series = sliTestSeries(slo.sli, syntax);
  if ('problem' in series) return []; // slo/test-series reports it
  const budget = toNumber(slo.budget);
  if (!(budget > 0 && budget < 1) || alert.burnRates.length === 0) return []; // slo/objective reports it
  const tickMs = durationMs(testInterval)!;
  const tick = tickMs / MINUTE;
  /** Minutes rounded up (or down) onto a tick. */
  const upToTick = (minutes: number) => Math.ceil(minutes / tick) * tick;
  const downToTick = (minutes: number) => Math.floor(minutes / tick) * tick;
  const forMs = alert.for !== undefined ? durationMs(alert.for)! : 0;
  const tiers = alert.burnRates.map((b) => ({ longMs: b.longMs, shortMs: b.shortMs, burnRate: toNumber(b.burnRate) }));
  const longest = Math.max(...tiers.map((t) => t.longMs));
  const lowest = alert.burnRates.map((b) => b.burnRate).reduce((a, b) => (compare(a, b) <= 0 ? a : b));
  const quietBurn = compare(decimal('0.5'), lowest) < 0 ? decimal('0.5') : shift(mul(lowest, decimal(5)), 1);

  // Events a minute: a power of ten large enough that every error count is whole.
  const ratios = [...alert.burnRates.map((b) => mul(mul(b.burnRate, MARGIN), slo.budget)), mul(quietBurn, slo.budget)];
  const perMinute = decimal(`1e${Math.max(2, ...ratios.map((r) => r.scale))}`);

  /** `partPhases`: how many of the phases the part's series lasts (it has no samples after them). */
  const makeCase = (name: string, phases: Phase[], atMs: number, quietAt?: string[], partPhases = phases.length): TestCaseModel<AlertTestCase> => {
    const steps = phases.map((p) => ({ minutes: p.minutes, slopes: slopes(series, p.ratio, perMinute) }));
    const partSteps = steps.slice(0, partPhases).map((s) => ({ minutes: s.minutes, step: s.slopes[0] }));
    const otherSteps = steps.map((s) => ({ minutes: s.minutes, step: s.slopes[1] }));
    const part = samples(partSteps);
    const other = samples(otherSteps);
    const sim: Simulation = simulate({
      sli: { kind: series.kind, part: [part], total: series.partInTotal ? [part, other] : [other] },
      budget,
      windowMs: slo.windowMs,
      baseWindowMs: durationMs(BASE_WINDOW)!,
      tickMs,
    });
    const { firing, value } = sim.alert(tiers, atMs, forMs);
    const remaining = sim.budgetRemaining(atMs);
    return {
      name: `${alert.severity}: ${name} ${firing ? 'fires' : 'stays quiet'} at ${durationText(atMs)}`,
      interval: '1m',
      input: [
        ...(partSteps.length > 0 ? [{ series: seriesText(series.part.name, series.part.labels), values: valuesText(partSteps) }] : []),
        { series: seriesText(series.other.name, series.other.labels), values: valuesText(otherSteps) },
      ],
      ...(quietAt ? { quietAt } : {}),
      at: durationText(atMs),
      expect: firing
        ? [
            {
              labels: ids,
              annotations: {
                [BURN_RATE_ANNOTATION]: goFixed(value!, 2),
                [BUDGET_REMAINING_ANNOTATION]: remaining === undefined ? '' : humanizePercentage(remaining),
              },
            },
          ]
        : [],
    };
  };

  // A steady burn from the start: checked once every window holds it and any `for` has passed
  // (the first tick has a rate, the condition holds from there on).
  const steadyMinutes = upToTick(Math.max(STEADY_MINUTES, tick + forMs / MINUTE));

  const cases: Array<TestCaseModel<AlertTestCase>> = [];
  alert.burnRates.forEach((line, i) => {
    const burn = mul(line.burnRate, MARGIN);
    const ratio = mul(burn, slo.budget);
    if (compare(ratio, decimal(1)) >= 0) return; // slo/burn-rate reports a line that cannot fire
    const what = `${format(burn)}× burn (line ${format(line.burnRate)}× over ${line.long}/${line.short}, +25%)`;
    const within = line.longMs / MINUTE;
    if (i === 0 && line.longMs <= TIMED_LIMIT_MS) {
      // Good traffic first, long enough that no other line fires before this one should; the burn
      // then checked at three quarters of the long window and at its end (or the ticks nearest).
      // Three quarters of the long window in, or that plus the `for` (earlier, quiet proves nothing;
      // the condition, true from four fifths of the window on, has not held for the `for` yet).
      const early = forMs > 0 ? downToTick(Math.max(tick, downToTick((within * 3) / 4)) + forMs / MINUTE) : Math.max(tick, downToTick((within * 3) / 4));
      // By the end of the long window, and once a `for` has passed too: checked any earlier, the
      // case would say the alert stays quiet, which a table without this line passes as well.
      const burnt = upToTick(within + forMs / MINUTE);
      let healthy = upToTick(within);
      const earlyCase = (h: number) =>
        makeCase(`${what} after ${durationText(h * MINUTE)} of good traffic, ${durationText(early * MINUTE)} in,`, [{ minutes: h, ratio: decimal(0) }, { minutes: early, ratio }], (h + early) * MINUTE);
      let quiet = earlyCase(healthy);
      while (quiet.expect.length > 0 && healthy * 2 * MINUTE <= Math.max(longest, line.longMs * 2)) quiet = earlyCase((healthy *= 2));
      const share = Number(((toNumber(line.burnRate) * line.longMs * 100) / slo.windowMs).toPrecision(4));
      const spent = `${share}% of the budget spent at ${format(line.burnRate)}×`;
      const end =
        forMs > 0
          ? `${durationText(burnt * MINUTE)} in (${spent} by ${line.long}, then for ${alert.for}),`
          : `${burnt === within ? line.long : durationText(burnt * MINUTE)} in (${spent}),`;
      const phases = [{ minutes: healthy, ratio: decimal(0) }, { minutes: burnt, ratio }];
      if (quiet.expect.length === 0) {
        // One case, checked quiet early (`quietAt`) and at the end: promtool's evaluation at the
        // early time reads only the samples up to it, the input of the early case above, for one
        // storage and one run of ticks instead of two replaying the same first hours.
        const earlyAt = durationText((healthy + early) * MINUTE);
        cases.push(makeCase(`${what} after ${durationText(healthy * MINUTE)} of good traffic stays quiet ${durationText(early * MINUTE)} in (at ${earlyAt}); ${end}`, phases, (healthy + burnt) * MINUTE, [earlyAt]));
      } else {
        cases.push(quiet, makeCase(`${what} after ${durationText(healthy * MINUTE)} of good traffic, ${end}`, phases, (healthy + burnt) * MINUTE));
      }
    } else {
      cases.push(makeCase(`steady ${what}`, [{ minutes: steadyMinutes, ratio }], steadyMinutes * MINUTE));
    }
  });
  cases.push(makeCase(`steady ${format(quietBurn)}× burn`, [{ minutes: steadyMinutes, ratio: mul(quietBurn, slo.budget) }], steadyMinutes * MINUTE));
  if (series.kind === 'good') {
    // A total outage: every event fails and the good series stop (a deploy that only returns 500s,
    // no 2xx series left). Checked once they are out of every short window the alert reads: the
    // good rate is then absent, not 0, and the rules must count it as 0 for any line to fire. When
    // that is further than the timed cases go, the good series never appear at all (the same state).
    const longestShort = Math.max(...tiers.map((t) => t.shortMs)) / MINUTE;
    const gone = upToTick(steadyMinutes + longestShort + 1 + forMs / MINUTE);
    if (gone * MINUTE <= TIMED_LIMIT_MS) {
      const phases = [{ minutes: steadyMinutes, ratio: decimal(0) }, { minutes: gone - steadyMinutes, ratio: decimal(1) }];
      cases.push(makeCase(`outage: every event fails after ${durationText(steadyMinutes * MINUTE)} of good traffic, the good series gone,`, phases, gone * MINUTE, undefined, 1));
    } else {
      cases.push(makeCase('outage: every event fails, no good series,', [{ minutes: steadyMinutes, ratio: decimal(1) }], steadyMinutes * MINUTE, undefined, 0));
    }
  }
  return cases;
}
