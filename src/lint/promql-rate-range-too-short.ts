import type { AnalyzedExpression, Check, Finding } from './check.js';
import { at, ownerName } from './check.js';
import { formatMs } from './rules-select.js';
import { jobLabel, jobsOf, jobsSurelyRead } from './scrape-jobs.js';
import { durationMs } from '../duration.js';
import type { Model, RuleGroupModel, ScrapeJobModel } from '../model/types.js';
import { callArgument, type CallRef, type SelectorRef } from '../promql/analyze.js';
import { firstExpressionOf } from '../promql/parse.js';
import { mayHoldGrafanaVariables } from '../promql/grafana-variables.js';
import type { FlatTree } from '../promql/flat-tree.js';

/**
 * What a range function needs of its range, in intervals of what writes the series: under `error`
 * it is mostly useless, under `warning` one missed scrape spoils it. `effect` says what it returns then.
 * - two samples (a difference, a slope, a count of changes): rate() and its kin, the advice being 4;
 * - one sample (a value over the range): the *_over_time functions.
 */
interface RangeNeed {
  samples: 1 | 2;
  error: number;
  warning: number;
  /** What it returns with too few samples. */
  effect: string;
}

const RATE_LIKE: RangeNeed = { samples: 2, error: 2, warning: 4, effect: 'returns nothing' };
/** With one sample these return 0 (no change, no spread): a value, but one that means nothing. */
const ZERO_WITH_ONE: RangeNeed = { samples: 2, error: 2, warning: 2, effect: 'always returns 0' };
const ONE_SAMPLE: RangeNeed = { samples: 1, error: 1, warning: 2, effect: 'returns nothing' };

const RANGE_FUNCTIONS: ReadonlyMap<string, RangeNeed> = new Map([
  ...['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'holt_winters', 'double_exponential_smoothing'].map((f) => [f, RATE_LIKE] as const),
  ...['resets', 'changes', 'stddev_over_time', 'stdvar_over_time', 'mad_over_time'].map((f) => [f, ZERO_WITH_ONE] as const),
  ...[
    'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'quantile_over_time', 'last_over_time',
    'first_over_time', 'present_over_time', 'ts_of_min_over_time', 'ts_of_max_over_time', 'ts_of_last_over_time', 'ts_of_first_over_time',
  ].map((f) => [f, ONE_SAMPLE] as const),
  // Between samples it sees none and says the series is absent: an alert on it fires though the series is there.
  ['absent_over_time', { ...ONE_SAMPLE, effect: 'returns 1 as if the series were absent' }],
]);

/** "fewer than 2 intervals", "less than 1 interval". */
const fewerThan = (n: number) => (n === 1 ? 'less than 1 interval' : `fewer than ${n} intervals`);

/** What writes the series and how often, for the message (put into words only for a finding). */
function writerOf(group: RuleGroupModel | undefined, jobs: ScrapeJobModel[], intervalMs: number, every = false): string {
  if (group) return `rule group ${group.name} records it every ${formatMs(intervalMs)}`;
  const names = [...new Set(jobs.map(jobLabel))];
  if (names.length === 0) return `the scrape interval is ${formatMs(intervalMs)}`;
  if (names.length === 1) return `job "${names[0]}" scrapes it every ${formatMs(intervalMs)}`;
  const listed = names.map((n) => `"${n}"`).join(', ');
  // Of the jobs that surely write it, the slowest decides; of the jobs that only may, the fastest.
  if (!every) return `jobs ${listed} may scrape it, the fastest every ${formatMs(intervalMs)}`;
  const slowest = [...new Set(jobs.filter((j) => j.intervalMs === intervalMs).map(jobLabel))].map((n) => `"${n}"`).join(', ');
  return `jobs ${listed} scrape it, the slowest (${slowest}) every ${formatMs(intervalMs)}`;
}

/** A range the analysis read in place of a Grafana macro or variable (which it reads as `5m`): as the user wrote it. */
function grafanaRange(e: AnalyzedExpression, s: SelectorRef): string | undefined {
  if (e.toExpr === undefined) return undefined;
  const written = /^\s*\[\s*(\[\[[^\]]*\]\]|[^\]:]*?)\s*\]/.exec(e.expr.slice(e.toExpr(s.to)))?.[1];
  return written?.startsWith('$') || written?.startsWith('[[') ? written : undefined;
}

/** `[[name]]` and `[[name:format]]`, Grafana's older form, as `$name` (what the macros below are matched as). */
function dollarForm(written: string): string {
  const bracketed = /^\[\[([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\]\]$/.exec(written);
  return bracketed ? `$${bracketed[1]}` : written;
}

// Grafana's macros: `$__range` is the dashboard's whole time range; `$__interval` the time per
// point, which shrinks to the data source's scrape interval (its `timeInterval`) on a short time range.
const RANGE_MACRO = /^\$(?:__range|\{__range\}|__range_[sm]s|\{__range_[sm]s\})$/;
const INTERVAL_MACRO = /^\$(?:__interval|\{__interval\})$/;
// `$__rate_interval` is max($__interval + scrape interval, 4 × scrape interval), the scrape interval
// being the data source's (`timeInterval`, which totem-mon provisions as the global scrape interval):
// at least 4 × that, and no more on a short time range. A job scraped slower than that gets fewer.
const RATE_INTERVAL_MACRO = /^\$(?:__rate_interval|\{__rate_interval\})$/;

/** The smallest value of `$__rate_interval` on the provisioned data source, in ms. */
function smallestRateIntervalMs(model: Model): { ms: number; value: string } {
  const scrapeMs = durationMs(model.prometheus.scrapeInterval) ?? 15_000;
  return { ms: 4 * scrapeMs, value: `${formatMs(4 * scrapeMs)}: 4 × the data source's scrape interval, ${formatMs(scrapeMs)}` };
}

/**
 * The smallest value a variable used as a range (`[$window]`, `[[window]]`) can take on the panel's
 * dashboard, in ms: an interval variable's, a custom variable's whose values are all durations, a
 * constant's. Undefined when its value is not known offline (a text box, a query, a custom value
 * that is no duration, a name the dashboard does not define).
 */
function smallestValueMs(model: Model, e: AnalyzedExpression, written: string): { ms: number; value: string } | undefined {
  const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(dollarForm(written))?.[1];
  const dashboard = model.dashboards.find((d) => d.path.every((step, i) => e.path[i] === step));
  const variable = dashboard?.variables.find((v) => v.name === name);
  const values =
    variable?.type === 'interval' ? variable.values : variable?.type === 'custom' ? variable.values.map((v) => v.value) : variable?.type === 'constant' ? [variable.value] : [];
  let smallest: { ms: number; value: string } | undefined;
  for (const value of values) {
    const ms = durationMs(value);
    // An interval variable's values are durations (its schema says so); another's may be anything.
    if (ms === undefined) {
      if (variable?.type === 'interval') continue;
      return undefined;
    }
    if (smallest === undefined || ms < smallest.ms) smallest = { ms, value };
  }
  return smallest;
}

/** What a range argument may be written as around a subquery: `sq offset 1h`, `sq @ end()`, `(sq)`. */
const AROUND_SUBQUERY = new Set(['SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr', 'ParenExpr']);

/** A subquery a range function reads (`rate(x[5m:1m])`, `max_over_time((…)[1h:] offset 1d)`), as written. */
interface SubqueryArgument {
  from: number;
  to: number;
  /** Range and step as the user wrote them (`$__range`, not its stand-in), the step undefined when omitted. */
  range: string;
  step: string | undefined;
  rangeMs: number | undefined;
  stepMs: number | undefined;
}

/** The text the user wrote for a span of the analysed text (a panel's Grafana variables as written). */
function written(e: AnalyzedExpression, from: number, to: number): string {
  return e.toExpr ? e.expr.slice(e.toExpr(from), e.toExpr(to)) : e.text.slice(from, to);
}

/** The subquery a call reads as its range argument, through offset, @ and parentheses; undefined when none. */
function subqueryArgument(e: AnalyzedExpression, call: CallRef): SubqueryArgument | undefined {
  for (let index = 0; index < call.argKinds.length; index++) {
    // The argument kinds first: a call's argument nodes are found again on every read.
    if (!AROUND_SUBQUERY.has(call.argKinds[index]!)) continue;
    const arg = callArgument(call, index);
    if (!arg) return undefined;
    let node = arg.node;
    while (node >= 0 && arg.tree.name(node) !== 'SubqueryExpr' && AROUND_SUBQUERY.has(arg.tree.name(node))) node = firstExpressionOf(arg.tree, node);
    if (node >= 0 && arg.tree.name(node) === 'SubqueryExpr') return subqueryAt(e, arg.tree, node);
  }
  return undefined;
}

/** A subquery node's span, range and step. */
function subqueryAt(e: AnalyzedExpression, tree: FlatTree, node: number): SubqueryArgument | undefined {
  // Its DurationExpr children: the range, then the step when one is written (`[5m:]` has none).
  const durations: number[] = [];
  const end = tree.endOf(node);
  for (let c = tree.firstChild(node); c >= 0; c = tree.next(c, end)) if (tree.name(c) === 'DurationExpr') durations.push(c);
  const [range, step] = durations;
  if (range === undefined) return undefined;
  const rangeText = written(e, tree.from(range), tree.to(range));
  const stepText = step === undefined ? undefined : written(e, tree.from(step), tree.to(step));
  return {
    from: tree.from(node),
    to: tree.to(node),
    range: rangeText,
    step: stepText,
    rangeMs: durationMs(rangeText),
    stepMs: stepText === undefined ? undefined : durationMs(stepText),
  };
}

/**
 * A range function over a subquery (`rate(x[5m:1m])`, `max_over_time(rate(x[5m])[1h:])`) sees the
 * points the subquery evaluates its expression at: one every step (the step after `:`, or the
 * global evaluation interval when it is left out), at multiples of the step in the range
 * (Prometheus 3: left-open; 2.x: closed), so a range of n steps holds n points (n + 1 in 2.x at an
 * aligned instant) and one under n steps fewer than n at some or most evaluations. The steps are
 * the subquery's own, whatever writes the series below: under `samples` steps is an error.
 * A Grafana variable in the range or step (`[$__range:]`, `[1h:$__interval]`) is not judged, nor
 * a subquery without a step when the default step is unknown (`evaluationMs` undefined).
 */
function judgeSubquery(e: AnalyzedExpression, call: CallRef, need: RangeNeed, evaluationMs: number | undefined, report: (f: Finding) => void): void {
  const sq = subqueryArgument(e, call);
  if (!sq || sq.rangeMs === undefined || mayHoldGrafanaVariables(sq.range) || (sq.step !== undefined && mayHoldGrafanaVariables(sq.step))) return;
  const stepMs = sq.step === undefined ? evaluationMs : sq.stepMs;
  if (stepMs === undefined || stepMs <= 0) return;
  const n = need.samples;
  if (sq.rangeMs >= n * stepMs) return;
  const fn = call.name;
  const brackets = `[${sq.range}:${sq.step ?? ''}]`;
  const steps = sq.step === undefined ? `one every ${formatMs(stepMs)}, the global evaluation interval, as no step is written` : `one every ${sq.step}`;
  // Under one step rate() never has two points; between one and two it has one at some evaluations.
  const holds = n === 2 ? (sq.rangeMs <= stepMs ? 'it holds one point most of the time' : 'it holds one point at some evaluations') : 'it holds no point at some evaluations';
  const fewer = n === 2 ? 'with fewer than 2 points' : 'with no point';
  const longer = `[${formatMs(n * stepMs)}:${sq.step ?? ''}]`;
  const shorter = Math.floor(sq.rangeMs / n);
  report({
    severity: 'error',
    message: `${ownerName(e)}: ${fn}() over the subquery ${brackets} ${n === 1 ? 'is shorter than its step' : `spans fewer than ${n} of its steps`} (${steps}): ${holds}, and ${fewer} ${fn}() ${need.effect}`,
    hint:
      shorter >= 1000
        ? `make the range at least ${n === 1 ? 'one step' : `${n} steps`} (${longer}) or the step at most ${formatMs(shorter)} ([${sq.range}:${formatMs(shorter)}])`
        : `make the range at least ${n === 1 ? 'one step' : `${n} steps`} (${longer})`,
    ...at(e, sq.from, sq.to),
  });
}

/**
 * What writes a series and how often: a rule group, or the job(s) that scrape it, with the interval
 * that judges a range (`slowest`) and a subquery's step (`intervalMs`, the fastest).
 */
interface Writer {
  intervalMs: number;
  jobs: ScrapeJobModel[];
  group: RuleGroupModel | undefined;
  /**
   * The range's judge: the slowest of the jobs that surely write the series (every one's series
   * are in the result, and a range too short for one empties those), with them; else the fastest candidate's.
   */
  slowest: { intervalMs: number; jobs: ScrapeJobModel[]; every: boolean };
}

/**
 * A subquery evaluates its expression once per step (the step after `:`, or the global evaluation
 * interval when none is written); a step shorter than the interval at which the series it reads
 * are written (scrape interval, or a recorded series' rule group's) evaluates it again and again
 * on the same samples: wasted work, and a resolution the data does not have, though not wrong
 * values (a warning). Judged only when what writes every series it reads is known (catalogue
 * metrics with their jobs, recorded series), against the fastest of them, whatever the range (a
 * Grafana variable there too); a step with a Grafana variable, or left out where the default step
 * is unknown (`evaluationMs` undefined), is not.
 */
function judgeSubqueryStep(e: AnalyzedExpression, call: CallRef, evaluationMs: number | undefined, writer: (s: SelectorRef) => Writer | undefined, report: (f: Finding) => void): void {
  const sq = subqueryArgument(e, call);
  // The step alone counts: a Grafana range (`[$__range:5s]`, `[$__rate_interval:5s]`) does not
  // change how often the expression is evaluated; a variable step (`[1h:$__interval]`) is unknown.
  if (!sq || (sq.step !== undefined && mayHoldGrafanaVariables(sq.step))) return;
  const stepMs = sq.step === undefined ? evaluationMs : sq.stepMs;
  if (stepMs === undefined || stepMs <= 0) return;
  const read = e.analysis.selectors.filter((s) => s.from >= sq.from && s.to <= sq.to);
  if (read.length === 0) return;
  let fastest: Writer | undefined;
  for (const s of read) {
    const w = writer(s);
    if (!w) return; // what writes this one is not known: not judged
    if (!fastest || w.intervalMs < fastest.intervalMs) fastest = w;
  }
  if (!fastest || stepMs >= fastest.intervalMs) return;
  const brackets = `[${sq.range}:${sq.step ?? ''}]`;
  const every = sq.step === undefined ? `every ${formatMs(stepMs)} (the global evaluation interval, as no step is written)` : `every ${sq.step}`;
  const series = read.length > 1 ? 'the series it reads are written' : 'the series it reads is written';
  report({
    severity: 'warning',
    message: `${ownerName(e)}: the subquery ${brackets} in ${call.name}() evaluates its expression ${every}, more often than ${series} (${writerOf(fastest.group, fastest.jobs, fastest.intervalMs)}): most evaluations see the same samples again, wasted work and a resolution the data does not have`,
    hint: `use a step of at least ${formatMs(fastest.intervalMs)} ([${sq.range}:${formatMs(fastest.intervalMs)}])`,
    ...at(e, sq.from, sq.to),
  });
}

/**
 * rate() needs two samples in its range, avg_over_time() and the other *_over_time functions one.
 * The interval that matters is the real one of what writes the series: the scrape interval of the
 * job(s) that scrape it (its `job` matchers narrow them), or for a recorded series the evaluation
 * interval of its rule group.
 * - rate()-like: under 2 intervals at most one sample most of the time, so the result is mostly
 *   empty (error); under 4 intervals one missed scrape empties it (warning, as Prometheus' own advice);
 * - resets(), changes(), stddev_over_time()…: under 2 intervals one sample, so always 0 (error);
 * - *_over_time(): under 1 interval often no sample at all (error); under 2 one missed scrape
 *   empties it (warning).
 * With several jobs: the slowest of those that surely write the series (the jobs a `job=~"a|b"`
 * matcher lists, those the metric declares, its exporter's), whose series a range too short for
 * its interval empties; when only candidates are known (no matcher, `job=~"shop-.*"`), the fastest
 * one: no finding unless it holds for all of them.
 * In panels, Grafana's `$__interval` is a warning for functions that need two samples (short time
 * ranges empty the panel; it never gets shorter than the scrape interval, which one sample needs),
 * an interval variable's smallest value counts as the range (a custom variable's of durations, a
 * constant's too), and so does `$__rate_interval`'s (4 × the data source's scrape interval);
 * `$__range` is left alone, and so is a variable whose value is not known offline (the analysis
 * reads it as 5m, which says nothing of it). `[[name]]` is read as `$name`. Messages quote the range as written.
 */
export const promqlRateRangeTooShort: Check = {
  id: 'promql/rate-range-too-short',
  severity: 'warning',
  description:
    'Range functions span enough intervals of what writes the series: rate()-like 4 (2 at the very least), *_over_time 2 (1 at the very least); over a subquery, enough of its own steps, and a step no shorter than the interval its series are written at.',
  run({ expressions, model, catalogue }, report) {
    const globalMs = durationMs(model.prometheus.scrapeInterval) ?? 60_000;
    const groups = new Map(model.ruleGroups.map((g) => [g.name, g]));
    // A subquery without a step takes the global evaluation interval; a Thanos or Mimir querier or
    // ruler takes its own default (a flag of theirs, unknown here): such subqueries are not judged.
    const rulers = model.outputs.some((o) => o.profile === 'thanos' || o.profile === 'mimir');
    const evaluationMs = rulers ? undefined : (durationMs(model.prometheus.evaluationInterval) ?? 60_000);
    // A selector's writer depends on its series name and its `job` matchers alone: selectors that
    // share them (every read of one metric, as a rule set's alerts read them) share one answer.
    /** `$__rate_interval`'s smallest value, the same for every panel: worked out once, when first met. */
    let rateIntervalMs: { ms: number; value: string } | undefined;
    // Most selectors have no `job` matcher: their name is the key (no key string to build).
    const byName = new Map<string | undefined, Writer | undefined>();
    const byNameAndJob = new Map<string, Writer | undefined>();
    const writerFor = (s: SelectorRef): Writer | undefined => {
      // Each part with its length before it: no two selectors' parts read as one key.
      let withJob: string | undefined;
      for (const m of s.matchers) if (m.label === 'job') withJob = `${withJob ?? `${s.name?.length ?? -1}:${s.name ?? ''}`}${m.op}${m.value.length}:${m.value}`;
      const memo: Map<string | undefined, Writer | undefined> = withJob === undefined ? byName : byNameAndJob;
      const key = withJob ?? s.name;
      let writer = memo.get(key);
      if (writer === undefined && !memo.has(key)) memo.set(key, (writer = writerOfSelector(s)));
      return writer;
    };
    /** What writes a selector's series and how often (the fastest candidate); undefined when no job does. */
    const writerOfSelector = (s: SelectorRef): Writer | undefined => {
      const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
      const group = entry?.record ? groups.get(entry.record.group) : undefined;
      if (group) return { intervalMs: group.intervalMs, jobs: [], group, slowest: { intervalMs: group.intervalMs, jobs: [], every: false } };
      const jobs = model.prometheus.scrapeJobs.length > 0 ? jobsOf(model, s, entry) : [];
      if (jobs.length === 0 && model.prometheus.scrapeJobs.length > 0) return undefined;
      const intervalMs = jobs.length > 0 ? Math.min(...jobs.map((j) => j.intervalMs)) : globalMs;
      const sure = jobs.length > 0 ? jobsSurelyRead(model, s, entry) : [];
      const slowest = sure.length > 0 ? { intervalMs: Math.max(...sure.map((j) => j.intervalMs)), jobs: sure, every: true } : { intervalMs, jobs, every: false };
      return { intervalMs, jobs, group: undefined, slowest };
    };
    for (const e of expressions) {
      for (const call of e.analysis.calls) {
        const need = RANGE_FUNCTIONS.get(call.name);
        if (need) judgeSubquery(e, call, need, evaluationMs, report);
        judgeSubqueryStep(e, call, evaluationMs, (s) => (s.name !== undefined && catalogue.get(s.name) ? writerFor(s) : undefined), report);
      }
      for (const s of e.analysis.selectors) {
        const fn = s.enclosing[0];
        const need = fn !== undefined ? RANGE_FUNCTIONS.get(fn) : undefined;
        if (!fn || !need || s.rangeMs === undefined) continue;
        const grafana = grafanaRange(e, s);
        const macro = grafana === undefined ? undefined : dollarForm(grafana);
        if (macro !== undefined && RANGE_MACRO.test(macro)) continue;
        if (macro !== undefined && INTERVAL_MACRO.test(macro)) {
          if (need.samples === 1) continue; // never shorter than the scrape interval: one sample
          report({
            severity: 'warning',
            message: `${ownerName(e)}: ${fn}() over [${grafana}]: Grafana's ${grafana} is the time per point, as short as the data source's scrape interval on a short time range, where ${fn}() has one sample and the panel goes empty`,
            hint: `use [$__rate_interval]: at least 4 scrape intervals whatever the time range`,
            ...at(e, s.from, s.to),
          });
          continue;
        }
        const rateInterval = macro !== undefined && RATE_INTERVAL_MACRO.test(macro);
        const variable = grafana === undefined ? undefined : rateInterval ? (rateIntervalMs ??= smallestRateIntervalMs(model)) : smallestValueMs(model, e, grafana);
        // A variable whose value is not known offline (the analysis read it as 5m) is not judged.
        if (grafana !== undefined && variable === undefined) continue;
        const rangeMs = variable?.ms ?? s.rangeMs;
        const range = grafana ?? s.range;
        const its = variable ? ` (its smallest value, ${variable.value})` : '';
        const found = writerFor(s);
        if (!found) continue; // no job writes it: promql/unknown-job
        const { group } = found;
        const { intervalMs, jobs, every } = found.slowest;
        if (rangeMs >= need.warning * intervalMs) continue;
        const writer = writerOf(group, jobs, intervalMs, every);
        const tooShort = rangeMs < need.error * intervalMs;
        const seen = need.samples === 2 ? 'it sees one sample most of the time' : 'it often holds no sample at all';
        report({
          severity: tooShort ? 'error' : 'warning',
          message: tooShort
            ? `${ownerName(e)}: ${fn}() over [${range}]${its} spans ${fewerThan(need.error)} (${writer}): ${seen} and ${need.effect}`
            : `${ownerName(e)}: ${fn}() over [${range}]${its} spans fewer than ${need.warning} scrape intervals (${writer}); it ${need.effect} after a single missed scrape`,
          hint: rateInterval
            ? `use a fixed range of at least ${formatMs(need.warning * intervalMs)}: $__rate_interval follows the data source's scrape interval, not this slower ${group ? 'rule group' : 'job'}'s`
            : `use a range of at least ${formatMs(need.warning * intervalMs)} (in Grafana panels, $__rate_interval)`,
          ...at(e, s.from, s.to),
        });
      }
    }
  },
};
