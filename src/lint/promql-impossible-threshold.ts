import type { AnalyzedExpression, Check, CheckContext } from './check.js';
import { at, emptyEffect, ownerName } from './check.js';
import type { Catalogue } from '../model/catalogue.js';
import type { Model } from '../model/types.js';
import { records } from '../model/select.js';
import { flatRoot, expressionsOf, parsePromql } from '../promql/parse.js';
import { numberLiteral } from '../promql/literal.js';
import { RangeWalk, type Infinities, type RangeLookup, type ValueRange } from '../promql/value-range.js';
import { recordExpressions } from './rules-select.js';

/** `5 < x` read as `x > 5`. */
const MIRRORED: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };

/**
 * Whether `value op c` holds for no value of the range ('never'), for every one ('always'), or
 * depends; where the expression may also be NaN (which fails every comparison but `!=`, and passes
 * `!=`), what holds for every number of the range holds for every value 'but NaN', and a `!=` every
 * number fails holds 'only NaN'.
 */
type Verdict = 'never' | 'always' | 'but NaN' | 'only NaN';
function verdict(op: string, r: ValueRange, c: number): Verdict | undefined {
  const found = rangeVerdict(op, r, c);
  if (!r.nan) return found;
  if (found === 'always' && op !== '!=') return 'but NaN';
  if (found === 'never' && op === '!=') return 'only NaN';
  return found;
}

function rangeVerdict(op: string, r: ValueRange, c: number): 'never' | 'always' | undefined {
  switch (op) {
    case '>':
      return r.max <= c ? 'never' : r.min > c ? 'always' : undefined;
    case '>=':
      return r.max < c ? 'never' : r.min >= c ? 'always' : undefined;
    case '<':
      return r.min >= c ? 'never' : r.max < c ? 'always' : undefined;
    case '<=':
      return r.min > c ? 'never' : r.max <= c ? 'always' : undefined;
    case '==':
      // `absent(x) == 1` (always, for the one value there is) only says what it means: not reported.
      return c < r.min || c > r.max || betweenWholes(r, c) ? 'never' : undefined;
    case '!=':
      return r.min === r.max && r.min === c ? 'never' : c < r.min || c > r.max || betweenWholes(r, c) ? 'always' : undefined;
    default:
      return undefined;
  }
}

/** Whether `c` lies within the range of whole values but is no whole number: no value equals it (`count(x) == 1.5`). */
function betweenWholes(r: ValueRange, c: number): boolean {
  return r.whole === true && Number.isFinite(c) && !Number.isInteger(c) && c > r.min && c < r.max;
}

/**
 * `count(…) > 0`, `absent(x) >= 1`, `count(…) != 0`: always true of a count or of absent(), but how
 * rules say "whenever there is one"; not reported.
 */
function presenceTest(op: string, r: ValueRange, c: number): boolean {
  if (r.min !== 1) return false;
  return ((op === '>' || op === '!=') && c === 0) || (op === '>=' && c === 1);
}

/** What no value, or every value, does with a constant that is not a finite number. */
const NO_VALUE: Record<string, string> = { '>': 'is greater than', '<': 'is less than', '==': 'is equal to', '>=': 'is greater than or equal to', '<=': 'is less than or equal to' };

/**
 * A comparison with NaN or an infinity that holds for no value whatever the expression
 * (Prometheus compares as Go does: NaN is equal to nothing, not even NaN, and unequal to
 * everything): `x == NaN`, `x > NaN` never hold, `x != NaN` always does; `x > +Inf` and
 * `x < -Inf` never hold. `x <= +Inf`, `x > -Inf` and the like keep every value but NaN (or an
 * infinity): they filter, and are not judged here.
 */
function notFinite(op: string, c: number): { found: 'never' | 'always'; words: string; hint: string } | undefined {
  if (Number.isNaN(c)) {
    if (op === '!=') return { found: 'always', words: 'every value, NaN itself included, is unequal to NaN', hint: 'to drop NaN values compare the series with itself: x == x keeps every value but NaN' };
    return { found: 'never', words: `no value, NaN itself included, ${NO_VALUE[op]} NaN`, hint: 'to find NaN values compare the series with itself: x != x keeps only NaN' };
  }
  if ((op === '>' && c === Infinity) || (op === '<' && c === -Infinity)) {
    const sign = c > 0 ? '+Inf' : '-Inf';
    return { found: 'never', words: `no value ${NO_VALUE[op]} ${sign}`, hint: `to find infinite values compare with == ${sign}` };
  }
  return undefined;
}

/** π over these divisors, in words (`π/2`, `3π/4`, `-π`): the bounds of the trigonometric functions and their multiples. */
const PI_DIVISORS = [1, 2, 3, 4, 6, 12];

/**
 * A bound as a user reads it: as written when short (5, 0.05, 1e-9), a multiple of π as such
 * (asin()'s π/2, 2 * atan()'s π), another long number to 4 significant digits (exp(1)'s 2.718), or
 * as many more as it takes to keep it apart from the threshold (2.570796 beside `> 2.5708`).
 */
export function boundWords(v: number, threshold?: number): string {
  const plain = String(v);
  if (!/\d\.\d{7}/.test(plain)) return plain;
  // The smallest divisor that fits gives the fraction in lowest terms (every divisor of 12 is tried before it).
  for (const d of PI_DIVISORS) {
    const m = (v * d) / Math.PI;
    const k = Math.round(m);
    if (k !== 0 && Math.abs(k) <= 4 * d && Math.abs(m - k) < 1e-9) {
      const times = k === 1 ? 'π' : k === -1 ? '-π' : `${k}π`;
      return d === 1 ? times : `${times}/${d}`;
    }
  }
  // Never fewer digits than its whole part has (123456.78901234 is not 123500).
  const whole = Math.abs(v) >= 1 ? Math.floor(Math.log10(Math.abs(v))) + 1 : 0;
  for (let digits = Math.max(4, Math.min(whole, 16)); digits < 17; digits++) {
    const shown = Number(v.toPrecision(digits));
    if (threshold === undefined || Math.sign(shown - threshold) === Math.sign(v - threshold)) return String(shown);
  }
  return plain;
}

function rangeWords(r: ValueRange, threshold?: number): string {
  const n = (v: number) => boundWords(v, threshold);
  // Where the threshold falls between two whole values, the words say the values are whole.
  if (threshold !== undefined && betweenWholes(r, threshold)) {
    if (r.max - r.min === 1) return `is ${n(r.min)} or ${n(r.max)}`;
    return `is a whole number and ${rangeWords(r)}`;
  }
  if (r.min === r.max) return `is always ${n(r.min)}`;
  if (Number.isFinite(r.min) && Number.isFinite(r.max)) return `lies between ${n(r.min)} and ${n(r.max)}`;
  if (Number.isFinite(r.min)) return r.min === 0 ? 'is never negative' : `is at least ${n(r.min)}`;
  return `is at most ${n(r.max)}`;
}

/** The catalogue's side of the walk: histogram buckets, and the ranges of recorded series (from their rules, once each). */
function rangeLookup(context: CheckContext, model: Model, catalogue: Catalogue): RangeLookup {
  // The recording rules' expressions are analysed already: their parse trees are reused, not made again.
  const analysed = new Map(recordExpressions(context).map(({ record, e }) => [record, e]));
  const recordCount = new Map<string, number>();
  for (const r of records(model)) recordCount.set(r.name, (recordCount.get(r.name) ?? 0) + 1);
  const known = new Map<string, ValueRange | undefined>();
  const knownNaN = new Map<string, string | undefined>();
  const knownInfinities = new Map<string, Infinities | undefined>();
  const lookup: RangeLookup = {
    buckets(name) {
      const entry = catalogue.get(name);
      return entry?.metric?.type === 'histogram' && entry.suffix === '_bucket' ? entry.metric.buckets : undefined;
    },
    recorded(name) {
      if (known.has(name)) return known.get(name);
      const rule = catalogue.get(name)?.record;
      // Two rules recording one name: either may have written a sample.
      if (!rule || recordCount.get(name) !== 1) return undefined;
      known.set(name, undefined); // a cycle reads as unknown
      const e = analysed.get(rule);
      const text = e?.text ?? rule.expr;
      const flat = flatRoot(e?.analysis.parsed ?? parsePromql(rule.expr));
      const r = flat ? new RangeWalk(text, flat.tree, lookup).of(flat.root) : undefined;
      const found = r && { min: r.min, max: r.max, why: `${name} is recorded from an expression that ${rangeWords(r)}: ${r.why}`, ...(r.whole ? { whole: true } : {}) };
      known.set(name, found);
      return found;
    },
    recordedNaN(name) {
      if (knownNaN.has(name)) return knownNaN.get(name);
      const rule = catalogue.get(name)?.record;
      // Two rules recording one name: either may have written a NaN.
      if (!rule) return undefined;
      knownNaN.set(name, undefined); // a cycle adds no NaN of its own
      const found = records(model)
        .filter((r) => r.name === name)
        .map((r) => {
          const e = analysed.get(r);
          const flat = flatRoot(e?.analysis.parsed ?? parsePromql(r.expr));
          return flat ? new RangeWalk(e?.text ?? r.expr, flat.tree, lookup).nanOf(flat.root) : undefined;
        })
        .find((why) => why !== undefined);
      const words = found && `${name} is recorded from an expression that may be NaN: ${found}`;
      knownNaN.set(name, words);
      return words;
    },
    recordedInfinities(name) {
      if (knownInfinities.has(name)) return knownInfinities.get(name);
      const rule = catalogue.get(name)?.record;
      if (!rule) return undefined;
      knownInfinities.set(name, undefined); // a cycle adds no infinity of its own
      // Two rules recording one name: either may have written an infinity.
      let pos: string | undefined;
      let neg: string | undefined;
      for (const r of records(model).filter((r) => r.name === name)) {
        const e = analysed.get(r);
        const flat = flatRoot(e?.analysis.parsed ?? parsePromql(r.expr));
        const found = flat ? new RangeWalk(e?.text ?? r.expr, flat.tree, lookup).infinities(flat.root) : undefined;
        pos ??= found?.pos && `${name} is recorded from an expression that may be +Inf: ${found.pos}`;
        neg ??= found?.neg && `${name} is recorded from an expression that may be -Inf: ${found.neg}`;
      }
      const infinities: Infinities = { ...(pos ? { pos } : {}), ...(neg ? { neg } : {}) };
      knownInfinities.set(name, infinities);
      return infinities;
    },
    seriesNaN(name) {
      const entry = catalogue.get(name);
      // client_golang's summary.Write (prometheus/summary.go): "if s.headStream.Count() == 0 { q = math.NaN() }":
      // a quantile series is NaN while its sliding window (MaxAge, 10 minutes by default) holds no observation.
      // Its _sum and _count are numbers; a gauge, a counter and a histogram's series are taken to be numbers too.
      return entry?.metric?.type === 'summary' && entry.suffix === '' ? "a summary's quantile is NaN where it had no observations in its window" : undefined;
    },
  };
  return lookup;
}

/** What the comparison's never holding, or always holding, does where it is; with NaN, what it does holding for every value but NaN, or for NaN only. */
function effect(e: AnalyzedExpression, whole: boolean, bool: boolean, found: Verdict): string {
  const never = found === 'never';
  if (found === 'but NaN') {
    if (bool) return 'it is 1, or 0 where the value is NaN';
    return e.context === 'alert' && whole ? 'it only drops the NaN values: the alert fires whenever the series exist and are not NaN' : 'it only drops the NaN values';
  }
  if (found === 'only NaN') {
    if (bool) return 'it is 0, or 1 where the value is NaN';
    if (!whole) return 'that part of the expression keeps only the NaN values';
    return e.context === 'alert' ? 'the alert fires only where the value is NaN' : e.context === 'record' ? 'the rule records only NaN values' : 'the query shows only NaN values';
  }
  if (bool) return never ? 'it is always 0' : 'it is always 1';
  if (!never) return e.context === 'alert' && whole ? 'the alert fires whenever the series exist' : 'the comparison filters nothing out';
  return emptyEffect(e, whole);
}

function hint(r: ValueRange, found: Verdict, c: number): string {
  const never = found === 'never';
  if (found === 'but NaN') return 'to drop NaN values on purpose compare the series with itself (x == x keeps every value but NaN); otherwise use a threshold within that range, or drop the comparison';
  if (found === 'only NaN') return 'to keep only NaN values on purpose compare the series with itself (x != x); otherwise use a threshold within that range';
  if (betweenWholes(r, c)) return never ? 'its values are whole numbers: compare with a whole number, or use a filter such as > or <' : 'its values are whole numbers: no value equals this threshold, compare with a whole number';
  if (never && r.why.startsWith('histogram_quantile')) return 'compare with a value within the buckets, or add larger buckets to the histogram (and the application)';
  if (r.why.includes('between 0 and 1')) return 'a ratio is compared with a fraction: 0.05 for 5%, not 5';
  return never ? 'use a threshold within that range, or fix the expression' : 'use a threshold within that range, or drop the comparison if every series should pass';
}

/**
 * A comparison of an expression whose values PromQL bounds (src/promql/value-range.ts) with a
 * number outside those bounds: it never holds (error: the alert never fires, the rule records
 * nothing), or holds for every value (warning: the threshold filters nothing). `== v` on an
 * expression that is always v (`absent(x) == 1`) and presence tests on counts (`count(…) > 0`)
 * are left alone. Whatever the expression, `> +Inf`, `< -Inf` and `== NaN` (any comparison with
 * NaN but `!=`) never hold, and `!= NaN` always does.
 */
export const promqlImpossibleThreshold: Check = {
  id: 'promql/impossible-threshold',
  severity: 'error',
  description:
    'A comparison threshold lies within the values the expression can take (rate() ≥ 0, count ≥ 1, up and bool 0/1, ratios of a part 0–1, histogram_quantile() ≤ the largest bucket, clamp bounds, the documented ranges of functions: hour() 0–23, day_of_week() 0–6, time() ≥ 0, cos() ±1, …); never beyond ±Inf, never equal to NaN.',
  run(context, report) {
    const { expressions, model, catalogue } = context;
    const lookup = rangeLookup(context, model, catalogue);
    // The range of a side, by its text: one walk for each distinct side (`ratio > 0.05` and
    // `ratio > 0.10`, an alert and its panel). A node's text parses to the same subtree wherever
    // it stands, and the lookup is the run's, so equal texts have equal ranges.
    const ranges = new Map<string, ValueRange | undefined>();
    for (const e of expressions) {
      if (e.analysis.parsed.errors.length > 0 || e.analysis.typeErrors.length > 0) continue;
      if (!e.analysis.binaries.some((b) => b.comparison)) continue;
      const flat = flatRoot(e.analysis.parsed);
      if (!flat) continue;
      const { tree, root } = flat;
      let walk: RangeWalk | undefined;
      const rangeOf = (node: number): ValueRange | undefined => {
        if (node < 0) return undefined;
        const key = e.text.slice(tree.from(node), tree.to(node));
        if (ranges.has(key)) return ranges.get(key);
        const r = (walk ??= new RangeWalk(e.text, tree, lookup)).of(node);
        ranges.set(key, r);
        return r;
      };
      for (const b of e.analysis.binaries) {
        if (!b.comparison) continue;
        const node = tree.find(root, 'BinaryExpr', b.from, b.to);
        if (node < 0) continue;
        const [lhs = -1, rhs = -1] = expressionsOf(tree, node);
        const left = numberLiteral(e.text, tree, lhs);
        const right = numberLiteral(e.text, tree, rhs);
        if ((left === undefined) === (right === undefined)) continue;
        const constant = (left ?? right)!;
        const constantNode = left !== undefined ? lhs : rhs;
        const op = left !== undefined ? MIRRORED[b.op] : b.op;
        if (!op) continue;
        // NaN and ±Inf: judged by what no value does, whatever the expression's range.
        const beyond = notFinite(op, constant);
        const r = beyond ? undefined : rangeOf(left !== undefined ? rhs : lhs);
        if (!beyond && !r) continue;
        let found: Verdict | undefined = beyond?.found;
        if (r) {
          found = verdict(op, r, constant);
          // An infinity is no threshold: what holds for every finite value of the range may fail on the infinity.
          if (!found || ((found === 'always' || found === 'but NaN') && (!Number.isFinite(constant) || presenceTest(op, r, constant)))) continue;
        }
        const never = found === 'never';
        const from = left !== undefined ? tree.from(constantNode) : b.opFrom;
        const to = left !== undefined ? b.opTo : tree.to(constantNode);
        const comparison = e.text.slice(from, to).replace(/\s+/g, ' ');
        const sideNode = left !== undefined ? rhs : lhs;
        // As the user wrote it (Grafana variables, not their stand-ins).
        const written = e.toExpr ?? ((offset: number) => offset);
        const sideText = e.expr.slice(written(tree.from(sideNode)), written(tree.to(sideNode))).trim();
        const subject = sideText.length <= 80 ? sideText : left !== undefined ? 'its right-hand side' : 'its left-hand side';
        const whole = e.text.trim() === e.text.slice(b.from, b.to).trim();
        const holds = { never: 'never holds', always: 'always holds', 'but NaN': 'holds for every value but NaN', 'only NaN': 'holds only for NaN' }[found!];
        // Where NaN changes the verdict, the words say where it comes from.
        const nan = r?.nan && (found === 'but NaN' || found === 'only NaN') ? ` or is NaN (${r.nan})` : '';
        report({
          severity: never ? 'error' : 'warning',
          message: `${ownerName(e)}: "${comparison}" ${holds}: ${r ? `${subject} ${rangeWords(r, constant)} (${r.why})${nan}` : beyond!.words}, so ${effect(e, whole, b.bool, found!)}`,
          hint: r ? hint(r, found!, constant) : beyond!.hint,
          ...at(e, from, to),
        });
      }
    }
  },
};
