/**
 * The values an expression can take, where PromQL's semantics bound them whatever the data: rate()
 * and its kin are never negative, a count is at least 1, `up` and a `bool` comparison are 0 or 1,
 * histogram_quantile() never exceeds its histogram's largest finite bucket, a part of a counter
 * over the whole of it lies between 0 and 1, clamp() bounds by its arguments, and the functions of
 * FIXED_RANGES (hour() 0–23, time() never negative, cos() within ±1, …) are bounded whatever their
 * argument; sums, averages, `and`, scalar arithmetic and the like carry those bounds on. Undefined
 * where nothing is known. Apart from the range, whether the values may also be NaN, and why
 * (`nan`): NaN fails every comparison but `!=`, so it never makes one hold that the range's values
 * fail, but it makes one fail that every value of the range passes. The NaN the expression makes
 * itself is followed (0/0, histogram_quantile() of no observations, sqrt() of a negative value,
 * scalar() of no series, …: NAN_SOURCES); the samples of scraped series are taken to be numbers.
 */
import { NODE_SIZE, type FlatTree } from './flat-tree.js';
import { argumentsOf, expressionsOf, firstExpressionOf, operatorAfter, unwrapped } from './parse.js';
import { numberLiteral } from './literal.js';

export interface ValueRange {
  min: number;
  max: number;
  /** Why the values are bounded, in words ("rate() is never negative"). */
  why: string;
  /**
   * Whether every value is a whole number (a count, `up`, a `bool` comparison, hour(), …, and
   * sums, differences, products of them): `== 0.5` never holds on it, `!= 0.5` always does.
   */
  whole?: boolean;
  /**
   * Why the expression may also be NaN, in words ("the part over a whole of 0 is 0/0"); absent
   * when it cannot be. NaN fails every comparison but `!=`, so a comparison that holds for every
   * value of the range still fails on it (and `!=` holds on it).
   */
  nan?: string;
}

/** What the walk needs from the catalogue. */
export interface RangeLookup {
  /** The bucket bounds of the histogram whose `_bucket` series this is (catalogue histograms only). */
  buckets(seriesName: string): readonly number[] | undefined;
  /** The range of a recorded series' values (from its rule's expression), if known. */
  recorded(seriesName: string): ValueRange | undefined;
  /** Why a recorded series may be NaN (from its rule's expression), if it may. */
  recordedNaN(seriesName: string): string | undefined;
  /** The infinities a recorded series may hold (from its rule's expression). */
  recordedInfinities?(seriesName: string): Infinities | undefined;
  /** Why a scraped series may be NaN by its kind in the catalogue (a summary's quantiles), if it may. */
  seriesNaN?(seriesName: string): string | undefined;
}

/**
 * Which infinities an expression may hold though its series hold numbers, each with why in words
 * ("exp() overflows to +Inf"); absent: it cannot. IEEE 754, as Prometheus computes (Go's float64):
 * Inf − Inf, Inf + (−Inf), 0 × Inf and Inf / Inf are NaN, and Go's math.Mod: "Mod(±Inf, y) = NaN".
 */
export interface Infinities {
  pos?: string;
  neg?: string;
}
const FINITE: Infinities = {};

/**
 * The functions of FIXED_RANGES whose values are whole numbers: counts of samples, changes and
 * resets, presence (1), and the parts of a date (promql/functions.go dateWrapper: `t.Minute()`,
 * `t.Hour()`, … of a Go time, integers). Not rate(), increase() (extrapolated), time(), timestamp()
 * (milliseconds as fractions of a second).
 */
const WHOLE_FUNCTIONS = new Set([
  'resets', 'changes', 'count_over_time', 'absent', 'absent_over_time', 'present_over_time',
  'minute', 'hour', 'day_of_week', 'day_of_month', 'day_of_year', 'days_in_month', 'month',
]);
/** Functions of SAME_VALUES (and aggregations) that average or interpolate: their values are not whole where their input's are. */
const FRACTIONAL = new Set(['avg_over_time', 'avg', 'quantile', 'quantile_over_time']);

/**
 * The functions whose values lie in a fixed range whatever their argument, each as Prometheus'
 * documentation says it (docs/querying/functions.md, github.com/prometheus/prometheus at
 * d15adb9ad7e5; the quote after each). The one table of such ranges: `why` is what messages say.
 */
const FIXED_RANGES: ReadonlyMap<string, ValueRange> = new Map(
  (
    [
      // rate(): "the per-second average rate of increase … Breaks in monotonicity (such as counter resets …) are automatically adjusted for"
      ['rate', 0, Infinity, 'rate() is never negative'],
      // irate(): "the per-second instant rate of increase … Breaks in monotonicity … are automatically adjusted for"
      ['irate', 0, Infinity, 'irate() is never negative'],
      // increase(): "the increase in the time series … Breaks in monotonicity … are automatically adjusted for"
      ['increase', 0, Infinity, 'increase() is never negative'],
      // resets(): "returns the number of counter resets within the provided time range"
      ['resets', 0, Infinity, 'resets() is never negative'],
      // changes(): "returns the number of times its value has changed within the provided time range"
      ['changes', 0, Infinity, 'changes() is never negative'],
      // count_over_time(): "the count of all samples in the specified interval" (a series without one is not in the result)
      ['count_over_time', 1, Infinity, 'a count is at least 1'],
      // absent(), absent_over_time(): "a 1-element vector with the value 1"; present_over_time(): "the value 1 for any series"
      ['absent', 1, 1, 'absent() is 1 when it returns anything'],
      ['absent_over_time', 1, 1, 'absent_over_time() is 1 when it returns anything'],
      ['present_over_time', 1, 1, 'present_over_time() is 1 when it returns anything'],
      // histogram_fraction(): "the estimated fraction of observations between the provided lower and upper values"
      ['histogram_fraction', 0, 1, 'histogram_fraction() lies between 0 and 1'],
      // stddev_over_time()/stdvar_over_time(): "the population standard deviation / variance"; mad_over_time(): "the median absolute deviation"
      ['stddev_over_time', 0, Infinity, 'stddev_over_time() is never negative'],
      ['stdvar_over_time', 0, Infinity, 'stdvar_over_time() is never negative'],
      ['mad_over_time', 0, Infinity, 'mad_over_time() is never negative'],
      // histogram_stddev()/histogram_stdvar(): "the estimated standard deviation / variance of observations"
      ['histogram_stddev', 0, Infinity, 'histogram_stddev() is never negative'],
      ['histogram_stdvar', 0, Infinity, 'histogram_stdvar() is never negative'],
      // time(): "the number of seconds since January 1, 1970 UTC"; timestamp(): "the timestamp of each of the samples … as the number of seconds since January 1, 1970 UTC"
      ['time', 0, Infinity, 'time() counts seconds since 1970, never negative'],
      ['timestamp', 0, Infinity, 'timestamp() counts seconds since 1970, never negative'],
      // minute(): "Returned values are from 0 to 59"; hour(): "from 0 to 23"; day_of_week(): "from 0 to 6, where 0 means Sunday";
      // day_of_month(): "from 1 to 31"; day_of_year(): "from 1 to 365 for non-leap years, and 1 to 366 in leap years";
      // days_in_month(): "from 28 to 31"; month(): "from 1 to 12, where 1 means January"
      ['minute', 0, 59, 'minute() returns 0 to 59'],
      ['hour', 0, 23, 'hour() returns 0 to 23'],
      ['day_of_week', 0, 6, 'day_of_week() returns 0 (Sunday) to 6'],
      ['day_of_month', 1, 31, 'day_of_month() returns 1 to 31'],
      ['day_of_year', 1, 366, 'day_of_year() returns 1 to 366'],
      ['days_in_month', 28, 31, 'days_in_month() returns 28 to 31'],
      ['month', 1, 12, 'month() returns 1 (January) to 12'],
      // Trigonometric functions (Go's math package, which the docs link for the special cases): sin, cos within
      // [-1, 1], tanh within (-1, 1), acos within [0, π], asin and atan within [-π/2, π/2], cosh at least 1, acosh never negative; pi(): "returns pi".
      ['sin', -1, 1, 'sin() lies between -1 and 1'],
      ['cos', -1, 1, 'cos() lies between -1 and 1'],
      ['tanh', -1, 1, 'tanh() lies between -1 and 1'],
      ['acos', 0, Math.PI, 'acos() lies between 0 and π'],
      ['asin', -Math.PI / 2, Math.PI / 2, 'asin() lies between -π/2 and π/2'],
      ['atan', -Math.PI / 2, Math.PI / 2, 'atan() lies between -π/2 and π/2'],
      ['cosh', 1, Infinity, 'cosh() is at least 1'],
      ['acosh', 0, Infinity, 'acosh() is never negative'],
      ['pi', Math.PI, Math.PI, 'pi() is π'],
    ] as const
  ).map(([name, min, max, why]) => [name, WHOLE_FUNCTIONS.has(name) ? { min, max, why, whole: true } : { min, max, why }]),
);
/**
 * The functions that make NaN of numbers, each with its source (the quote, or Go's math package,
 * which docs/querying/functions.md links for the special cases): always (no observations, no single
 * series), or for an argument that may be negative, beyond ±1, below 1, or infinite.
 */
const NAN_SOURCES: ReadonlyMap<string, { when: 'always' | 'negative' | 'beyond one' | 'below one' | 'infinite'; why: string; argument?: number }> = new Map([
  // histogram_quantile(): "If b has 0 observations, NaN is returned."
  ['histogram_quantile', { when: 'always', why: 'histogram_quantile() is NaN where the buckets have no observations' }],
  // histogram_fraction(): promql/quantile.go HistogramFraction and BucketFraction return NaN for a count of 0.
  ['histogram_fraction', { when: 'always', why: 'histogram_fraction() is NaN where the histogram has no observations' }],
  // histogram_avg(), histogram_stddev(), histogram_stdvar(): promql/functions.go divides h.Sum by h.Count.
  ['histogram_avg', { when: 'always', why: 'histogram_avg() is NaN where the histogram has no observations' }],
  ['histogram_stddev', { when: 'always', why: 'histogram_stddev() is NaN where the histogram has no observations' }],
  ['histogram_stdvar', { when: 'always', why: 'histogram_stdvar() is NaN where the histogram has no observations' }],
  // scalar(): "If the input vector does not have exactly one element with a float sample, scalar will return NaN."
  ['scalar', { when: 'always', why: 'scalar() is NaN unless its input has exactly one element' }],
  // ln(): "ln(x < 0) = NaN"; log2(), log10(): "The special cases are equivalent to those in ln"; math.Sqrt: "Sqrt(x < 0) = NaN".
  ['ln', { when: 'negative', why: 'ln() of a negative value is NaN' }],
  ['log2', { when: 'negative', why: 'log2() of a negative value is NaN' }],
  ['log10', { when: 'negative', why: 'log10() of a negative value is NaN' }],
  ['sqrt', { when: 'negative', why: 'sqrt() of a negative value is NaN' }],
  // math.Asin, math.Acos: "NaN if x < -1 || x > 1"; math.Atanh: "Atanh(x) = NaN if x < -1 or x > 1"; math.Acosh: "Acosh(x) = NaN if x < 1".
  ['asin', { when: 'beyond one', why: 'asin() of a value beyond ±1 is NaN' }],
  ['acos', { when: 'beyond one', why: 'acos() of a value beyond ±1 is NaN' }],
  ['atanh', { when: 'beyond one', why: 'atanh() of a value beyond ±1 is NaN' }],
  ['acosh', { when: 'below one', why: 'acosh() of a value below 1 is NaN' }],
  // math.Sin, math.Cos, math.Tan: "Sin(±Inf) = NaN" (and alike).
  ['sin', { when: 'infinite', why: 'sin() of an infinite value is NaN' }],
  ['cos', { when: 'infinite', why: 'cos() of an infinite value is NaN' }],
  ['tan', { when: 'infinite', why: 'tan() of an infinite value is NaN' }],
  // deriv(), predict_linear(): "When +Inf or -Inf are found in the range vector, the slope and offset value calculated will be NaN."
  ['deriv', { when: 'infinite', why: 'deriv() over an infinite value is NaN' }],
  ['predict_linear', { when: 'infinite', why: 'predict_linear() over an infinite value is NaN' }],
]);
/**
 * Functions whose values are never NaN: counts, timestamps, presence, and the date functions, which
 * make a time of int64(v) first (promql/functions.go dateWrapper: `time.Unix(int64(el.F), 0)`).
 */
const NO_NAN = new Set([
  'absent', 'absent_over_time', 'present_over_time', 'count_over_time', 'timestamp', 'time', 'pi', 'changes', 'resets',
  'minute', 'hour', 'day_of_week', 'day_of_month', 'day_of_year', 'days_in_month', 'month', 'year',
]);
/** The largest argument of exp() (and of cosh() and sinh(), give or take) that stays finite: ln of the largest float64. */
const LARGEST_EXPONENT = Math.log(Number.MAX_VALUE);
/** Functions whose values are finite whatever their (finite or infinite) argument: Go's math bounds them (Sin(±Inf) = NaN, Tanh(±Inf) = ±1, …). */
const FINITE_FUNCTIONS = new Set(['sgn', 'sin', 'cos', 'tan', 'tanh', 'asin', 'acos', 'atan', 'stddev_over_time', 'stdvar_over_time', 'mad_over_time', 'histogram_fraction', 'histogram_stddev', 'histogram_stdvar']);

const SAME_VALUES = new Set([
  'avg_over_time', 'min_over_time', 'max_over_time', 'last_over_time', 'first_over_time',
  'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join',
  // vector(s): "converts the scalar s to a float sample"
  'vector',
]);
const SAME_VALUE_AGGREGATIONS = new Set(['avg', 'min', 'max', 'topk', 'bottomk', 'limitk', 'limit_ratio', 'quantile']);
const SCALING_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);

const range = (min: number, max: number, why: string, whole?: boolean): ValueRange | undefined =>
  Number.isNaN(min) || Number.isNaN(max) || min > max ? undefined : whole ? { min, max, why, whole } : { min, max, why };

/** The range without its claim of whole values (an average of whole numbers need not be one). */
function notWhole(r: ValueRange | undefined): ValueRange | undefined {
  if (!r?.whole) return r;
  const { whole: _, ...rest } = r;
  return rest;
}

/** A quantile's φ: within [0, 1] it picks one of the values (below, -Inf; above, +Inf). */
const isPhi = (q: number | undefined): boolean => q !== undefined && q >= 0 && q <= 1;

function bothWhy(a: ValueRange, b: ValueRange): string {
  return a.why === b.why ? a.why : `${a.why}; ${b.why}`;
}

/** Products of two ranges' bounds (0 × ∞ read as 0: a bound, not a value). */
function times(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}

/** The infinities of either. */
function union(a: Infinities, b: Infinities): Infinities {
  if (a === FINITE) return b;
  if (b === FINITE) return a;
  const pos = a.pos ?? b.pos;
  const neg = a.neg ?? b.neg;
  return { ...(pos ? { pos } : {}), ...(neg ? { neg } : {}) };
}

/** The infinities of the negated values. */
function flipped(i: Infinities): Infinities {
  return { ...(i.neg ? { pos: i.neg } : {}), ...(i.pos ? { neg: i.pos } : {}) };
}

/** Why both may hold, in words once when it is one reason. */
function whyBoth(a: string, b: string): string {
  return a === b ? a : `${a}; ${b}`;
}

export class RangeWalk {
  constructor(
    private readonly text: string,
    private readonly tree: FlatTree,
    private readonly lookup: RangeLookup,
  ) {}

  private textOf(node: number): string {
    return this.text.slice(this.tree.from(node), this.tree.to(node));
  }

  private nameOf(node: number, child: string): string {
    const c = this.tree.child(node, child);
    return this.textOf(c >= 0 ? c : node).trim();
  }

  private readonly ranges = new Map<number, ValueRange | undefined>();
  private readonly nans = new Map<number, string | undefined>();

  /** The range of the values of the expression at `node`, with why it may be NaN; undefined when not known. */
  of(node: number): ValueRange | undefined {
    if (node < 0) return undefined;
    if (this.ranges.has(node)) return this.ranges.get(node);
    const found = this.bounds(node);
    let r: ValueRange | undefined;
    if (found) {
      const { nan: _, ...rest } = found;
      const nan = this.nanOf(node);
      r = nan ? { ...rest, nan } : rest;
    }
    this.ranges.set(node, r);
    return r;
  }

  /**
   * Why the expression at `node` may be NaN where its series hold numbers (undefined: it cannot),
   * whether its range is known or not: NaN passes through arithmetic, functions and aggregations
   * (Go's math, IEEE 754: "They follow the usual IEEE 754 floating point arithmetic, including the
   * handling of special values like NaN", docs/querying/operators.md), comes from the sources of
   * NAN_SOURCES and the operators' cases below, and is dropped by a comparison that filters (NaN
   * fails it, but for `!=`), made 0 by `bool`, and counted, not passed on, by count() and its kin.
   */
  nanOf(node: number): string | undefined {
    if (node < 0) return undefined;
    if (this.nans.has(node)) return this.nans.get(node);
    this.nans.set(node, undefined); // a node is never its own descendant; this only guards the memo
    const found = this.findNaN(node);
    this.nans.set(node, found);
    return found;
  }

  private findNaN(node: number): string | undefined {
    const { tree } = this;
    switch (tree.name(node)) {
      case 'NumberDurationLiteral':
      case 'UnaryExpr': {
        const value = numberLiteral(this.text, tree, node);
        if (value !== undefined) return Number.isNaN(value) ? 'the number NaN' : undefined;
        return this.nanOf(firstExpressionOf(tree, node));
      }
      case 'VectorSelector': {
        const identifier = tree.child(node, 'Identifier');
        if (identifier < 0) return undefined;
        const name = this.textOf(identifier);
        return this.lookup.recordedNaN(name) ?? this.lookup.seriesNaN?.(name);
      }
      case 'MatrixSelector':
      case 'ParenExpr':
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'SubqueryExpr':
        return this.nanOf(firstExpressionOf(tree, node));
      case 'FunctionCall':
        return this.callNaN(node);
      case 'AggregateExpr': {
        const op = this.nameOf(node, 'AggregateOp');
        // count(), count_values() and group() count the series, whatever their values.
        if (op === 'count' || op === 'count_values' || op === 'group') return undefined;
        const args = argumentsOf(tree, node);
        const passed = args.map((a) => this.nanOf(a)).find((why) => why !== undefined);
        if (passed) return passed;
        // Prometheus adds (and averages) as IEEE 754 does: +Inf + -Inf is NaN; the variance of an infinity is Inf − Inf.
        if (op === 'sum' || op === 'avg') return this.opposedInfinities(op, this.infinities(args[0] ?? -1));
        if (op === 'stddev' || op === 'stdvar') return this.infiniteSpread(op, this.infinities(args[0] ?? -1));
        return undefined;
      }
      case 'BinaryExpr':
        return this.binaryNaN(node);
      default:
        return undefined;
    }
  }

  private callNaN(node: number): string | undefined {
    const name = this.nameOf(node, 'FunctionIdentifier');
    const args = argumentsOf(this.tree, node);
    if (NO_NAN.has(name)) return undefined;
    const source = NAN_SOURCES.get(name);
    if (source) {
      const arg = this.of(args[source.argument ?? 0] ?? -1);
      const at = args[source.argument ?? 0] ?? -1;
      const holds =
        source.when === 'always' ? true :
        source.when === 'negative' ? !(arg && arg.min >= 0) :
        source.when === 'beyond one' ? !(arg && arg.min >= -1 && arg.max <= 1) :
        source.when === 'below one' ? !(arg && arg.min >= 1) :
        this.isInfinite(this.infinities(at));
      if (holds) return source.why;
    }
    const passed = args.map((a) => this.nanOf(a)).find((why) => why !== undefined);
    if (passed) return passed;
    // Over time, as across series: a sum of +Inf and -Inf is NaN, and so is the spread of an infinity.
    if (name === 'sum_over_time' || name === 'avg_over_time') return this.opposedInfinities(name, this.infinities(args[0] ?? -1));
    if (name === 'stddev_over_time' || name === 'stdvar_over_time') return this.infiniteSpread(name, this.infinities(args[0] ?? -1));
    return undefined;
  }

  private binaryNaN(node: number): string | undefined {
    const { tree } = this;
    const [lhsNode = -1, rhsNode = -1] = expressionsOf(tree, node);
    const opNode = operatorAfter(tree, lhsNode, tree.endOf(node));
    const op = opNode < 0 ? '' : tree.name(opNode);
    if (COMPARISONS.has(op)) {
      // `bool` makes a comparison with NaN 0; a filter drops NaN, but `!=` keeps it (NaN is unequal to everything).
      if (tree.child(node, 'BoolModifier') >= 0 || op !== 'Neq') return undefined;
      return this.nanOf(numberLiteral(this.text, tree, lhsNode) !== undefined ? rhsNode : lhsNode);
    }
    if (op === 'And' || op === 'Unless') return this.nanOf(lhsNode);
    // Go's math.Pow: "Pow(x, ±0) = 1 for any x", NaN included.
    if (op === 'Pow' && numberLiteral(this.text, tree, rhsNode) === 0) return undefined;
    const passed = this.nanOf(lhsNode) ?? this.nanOf(rhsNode);
    if (passed || op === 'Or') return passed;
    const a = this.of(lhsNode);
    const b = this.of(rhsNode);
    const mayBeZero = (side: number, r: ValueRange | undefined) => {
      const k = numberLiteral(this.text, tree, side);
      return k !== undefined ? k === 0 : !r || (r.min <= 0 && r.max >= 0);
    };
    if (op === 'Div' && mayBeZero(lhsNode, a) && mayBeZero(rhsNode, b)) {
      return this.isPartOfWhole(node) ? 'the part over a whole of 0 is 0/0' : 'a division is 0/0 where both sides are 0';
    }
    // Go's math.Mod: "Mod(x, 0) = NaN"; math.Pow: "Pow(x, y) = NaN for finite x < 0 and finite non-integer y".
    if (op === 'Mod' && mayBeZero(rhsNode, b)) return 'x % 0 is NaN';
    if (op === 'Pow') {
      const exponent = numberLiteral(this.text, tree, rhsNode);
      const negative = numberLiteral(this.text, tree, lhsNode) ?? (a && a.min >= 0 ? 0 : -1);
      if (negative < 0 && !(exponent !== undefined && Number.isInteger(exponent))) return 'a negative number to a fractional power is NaN';
    }
    return this.infiniteNaN(op, lhsNode, rhsNode);
  }

  /**
   * NaN that infinities make (IEEE 754, which Prometheus' float arithmetic follows): Inf − Inf
   * (and +Inf + -Inf), 0 × Inf, Inf / Inf; Go's math.Mod: "Mod(±Inf, y) = NaN".
   */
  private infiniteNaN(op: string, lhsNode: number, rhsNode: number): string | undefined {
    const a = this.infinities(lhsNode);
    const b = this.infinities(rhsNode);
    switch (op) {
      case 'Add':
        if (a.neg && b.pos) return `+Inf + -Inf is NaN: one side may be -Inf (${a.neg}), the other +Inf (${b.pos})`;
        if (a.pos && b.neg) return `+Inf + -Inf is NaN: one side may be +Inf (${a.pos}), the other -Inf (${b.neg})`;
        return undefined;
      case 'Sub':
        if (a.pos && b.pos) return `Inf − Inf is NaN: both sides may be +Inf (${whyBoth(a.pos, b.pos)})`;
        if (a.neg && b.neg) return `Inf − Inf is NaN: both sides may be -Inf (${whyBoth(a.neg, b.neg)})`;
        return undefined;
      case 'Mul': {
        const infinite = this.isInfinite(a) && this.signs(rhsNode).zero ? a : this.isInfinite(b) && this.signs(lhsNode).zero ? b : undefined;
        return infinite && `0 × Inf is NaN: one side may be infinite (${infinite.pos ?? infinite.neg}), the other 0`;
      }
      case 'Div':
        return this.isInfinite(a) && this.isInfinite(b) ? `Inf / Inf is NaN: both sides may be infinite (${whyBoth((a.pos ?? a.neg)!, (b.pos ?? b.neg)!)})` : undefined;
      case 'Mod':
        return this.isInfinite(a) ? `Inf % y is NaN: its left-hand side may be infinite (${a.pos ?? a.neg})` : undefined;
      default:
        return undefined;
    }
  }

  private isInfinite(i: Infinities): boolean {
    return i.pos !== undefined || i.neg !== undefined;
  }

  /** sum() (avg(), sum_over_time(), …) of values that may be +Inf and -Inf: NaN. */
  private opposedInfinities(name: string, input: Infinities): string | undefined {
    return input.pos && input.neg ? `${name}() of +Inf and -Inf is NaN: its input may be either (${whyBoth(input.pos, input.neg)})` : undefined;
  }

  /** stddev() (stdvar(), and over time) of a value that may be infinite: NaN. */
  private infiniteSpread(name: string, input: Infinities): string | undefined {
    const why = input.pos ?? input.neg;
    return why && `${name}() of an infinite value is NaN: its input may be infinite (${why})`;
  }

  /** Whether the division at `node` is a part of a counter over the whole of it (see binary()). */
  private isPartOfWhole(node: number): boolean {
    const { tree } = this;
    const [lhsNode = -1, rhsNode = -1] = expressionsOf(tree, node);
    const clause = tree.child(node, 'MatchingModifierClause');
    return (clause < 0 || tree.child(clause, 'GroupRight') < 0) && this.isPartOverWhole(this.factorOut(lhsNode).term, rhsNode);
  }

  private readonly infs = new Map<number, Infinities>();

  /**
   * The infinities the expression at `node` may hold though its series hold numbers: the numbers
   * `+Inf`/`-Inf`, a division by what may be 0, exp(), sinh(), cosh() beyond ln of the largest
   * float64 (they overflow), a logarithm of 0 (Go's math: "Log(0) = -Inf"), atanh(±1) ("Atanh(1) =
   * +Inf"), a power that may overflow or raise 0 to a negative power, a quantile whose φ lies
   * beyond [0, 1] ("For φ < 0, -Inf is returned. For φ > 1, +Inf is returned",
   * docs/querying/functions.md); carried through sums, products, aggregations and the functions
   * that keep their argument's values, and cut off by clamp() and by filters. histogram_quantile()
   * of φ within [0, 1] is finite: "If a quantile is located in the highest bucket, the upper bound
   * of the second highest bucket is returned" (the same page). Sums and products of large finite
   * values that overflow are not followed: no bound of the walk is that large.
   */
  infinities(node: number): Infinities {
    if (node < 0) return FINITE;
    const known = this.infs.get(node);
    if (known) return known;
    this.infs.set(node, FINITE); // a node is never its own descendant; this only guards the memo
    const found = this.findInfinities(node);
    this.infs.set(node, found);
    return found;
  }

  /** Whether the values at `node` may be above 0, below 0, or 0 (infinities included). */
  private signs(node: number): { pos: boolean; neg: boolean; zero: boolean } {
    const k = numberLiteral(this.text, this.tree, node);
    if (k !== undefined) return { pos: k > 0, neg: k < 0, zero: k === 0 };
    const r = this.of(node);
    if (!r) return { pos: true, neg: true, zero: true };
    const i = this.infinities(node);
    return { pos: r.max > 0 || i.pos !== undefined, neg: r.min < 0 || i.neg !== undefined, zero: r.min <= 0 && r.max >= 0 };
  }

  private findInfinities(node: number): Infinities {
    const { tree } = this;
    switch (tree.name(node)) {
      case 'NumberDurationLiteral':
      case 'UnaryExpr': {
        const value = numberLiteral(this.text, tree, node);
        if (value !== undefined) return value === Infinity ? { pos: 'the number +Inf' } : value === -Infinity ? { neg: 'the number -Inf' } : FINITE;
        const inner = this.infinities(firstExpressionOf(tree, node));
        return this.textOf(node).trimStart().startsWith('-') ? flipped(inner) : inner;
      }
      case 'VectorSelector': {
        const identifier = tree.child(node, 'Identifier');
        return (identifier >= 0 && this.lookup.recordedInfinities?.(this.textOf(identifier))) || FINITE;
      }
      case 'MatrixSelector':
      case 'ParenExpr':
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'SubqueryExpr':
        return this.infinities(firstExpressionOf(tree, node));
      case 'FunctionCall':
        return this.callInfinities(node);
      case 'AggregateExpr':
        return this.aggregationInfinities(node);
      case 'BinaryExpr':
        return this.binaryInfinities(node);
      default:
        return FINITE;
    }
  }

  /** A quantile's infinities by its φ: below 0 -Inf, above 1 +Inf, not a number either. */
  private phiInfinities(name: string, phiNode: number): Infinities | undefined {
    const q = numberLiteral(this.text, this.tree, phiNode);
    if (q === undefined) return { pos: `${name}() of φ > 1 is +Inf`, neg: `${name}() of φ < 0 is -Inf` };
    if (q < 0) return { neg: `${name}() of φ < 0 is -Inf` };
    if (q > 1) return { pos: `${name}() of φ > 1 is +Inf` };
    return Number.isNaN(q) ? FINITE : undefined;
  }

  private callInfinities(node: number): Infinities {
    const name = this.nameOf(node, 'FunctionIdentifier');
    const args = argumentsOf(this.tree, node);
    const number = (i: number) => (args[i] !== undefined ? numberLiteral(this.text, this.tree, args[i]!) : undefined);
    const fixed = FIXED_RANGES.get(name);
    if ((fixed && Number.isFinite(fixed.min) && Number.isFinite(fixed.max)) || NO_NAN.has(name) || FINITE_FUNCTIONS.has(name)) return FINITE;
    const arg = args[0] ?? -1;
    const r = this.of(arg);
    const inner = this.infinities(arg);
    const mayExceed = (limit: number) => !r || r.max > limit || inner.pos !== undefined;
    const mayGoBelow = (limit: number) => !r || r.min < limit || inner.neg !== undefined;
    switch (name) {
      case 'exp':
        return mayExceed(LARGEST_EXPONENT) ? { pos: 'exp() overflows to +Inf' } : FINITE;
      case 'sinh':
        return { ...(mayExceed(LARGEST_EXPONENT) ? { pos: 'sinh() overflows to +Inf' } : {}), ...(mayGoBelow(-LARGEST_EXPONENT) ? { neg: 'sinh() overflows to -Inf' } : {}) };
      case 'cosh':
        return mayExceed(LARGEST_EXPONENT) || mayGoBelow(-LARGEST_EXPONENT) ? { pos: 'cosh() overflows to +Inf' } : FINITE;
      case 'ln':
      case 'log2':
      case 'log10':
        return { ...(inner.pos ? { pos: `${name}(+Inf) is +Inf` } : {}), ...(!r || (r.min <= 0 && r.max >= 0) ? { neg: `${name}(0) is -Inf` } : {}) };
      case 'atanh':
        return { ...(!r || (r.min <= 1 && r.max >= 1) ? { pos: 'atanh(1) is +Inf' } : {}), ...(!r || (r.min <= -1 && r.max >= -1) ? { neg: 'atanh(-1) is -Inf' } : {}) };
      case 'sqrt':
        return inner.pos ? { pos: inner.pos } : FINITE;
      case 'abs': {
        const why = inner.pos ?? inner.neg;
        return why ? { pos: why } : FINITE;
      }
      case 'clamp':
      case 'clamp_min':
      case 'clamp_max': {
        // Prometheus' clamp: math.Max(min, math.Min(max, v)); a bound not known may be an infinity.
        const lo = name === 'clamp_max' ? -Infinity : number(1);
        const hi = name === 'clamp' ? number(2) : name === 'clamp_max' ? number(1) : Infinity;
        return {
          ...(inner.pos && (hi === undefined || hi === Infinity) ? { pos: inner.pos } : {}),
          ...(inner.neg && (lo === undefined || lo === -Infinity) ? { neg: inner.neg } : {}),
        };
      }
      case 'histogram_quantile':
        return this.phiInfinities(name, arg) ?? FINITE;
      case 'quantile_over_time':
        return this.phiInfinities(name, arg) ?? this.infinities(args[1] ?? -1);
      default:
        // Functions that keep their argument's values (round, vector, scalar, label_replace, the
        // _over_time functions, …), and the rest: what an argument may be, the result may be.
        return args.map((a) => this.infinities(a)).reduce(union, FINITE);
    }
  }

  private aggregationInfinities(node: number): Infinities {
    const op = this.nameOf(node, 'AggregateOp');
    const args = argumentsOf(this.tree, node);
    if (op === 'count' || op === 'count_values' || op === 'group' || op === 'stddev' || op === 'stdvar') return FINITE;
    if (op === 'quantile') return this.phiInfinities(op, args[0] ?? -1) ?? this.infinities(args[1] ?? -1);
    const input = ['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(op) ? args[1] : args[0];
    return this.infinities(input ?? -1);
  }

  private binaryInfinities(node: number): Infinities {
    const { tree } = this;
    const [lhsNode = -1, rhsNode = -1] = expressionsOf(tree, node);
    const opNode = operatorAfter(tree, lhsNode, tree.endOf(node));
    const op = opNode < 0 ? '' : tree.name(opNode);
    if (COMPARISONS.has(op)) {
      if (tree.child(node, 'BoolModifier') >= 0) return FINITE;
      // A filter keeps the vector side's values; a finite threshold drops the infinities it fails.
      const lhsNumber = numberLiteral(this.text, tree, lhsNode);
      const side = this.infinities(lhsNumber !== undefined ? rhsNode : lhsNode);
      const c = lhsNumber ?? numberLiteral(this.text, tree, rhsNode);
      if (c === undefined || !Number.isFinite(c)) return side;
      const read = lhsNumber !== undefined ? ({ Gtr: 'Lss', Lss: 'Gtr', Gte: 'Lte', Lte: 'Gte' } as Record<string, string>)[op] ?? op : op;
      const keepsPos = read === 'Gtr' || read === 'Gte' || read === 'Neq';
      const keepsNeg = read === 'Lss' || read === 'Lte' || read === 'Neq';
      return { ...(keepsPos && side.pos ? { pos: side.pos } : {}), ...(keepsNeg && side.neg ? { neg: side.neg } : {}) };
    }
    if (op === 'And' || op === 'Unless') return this.infinities(lhsNode);
    if (op === 'Mod' || op === 'Atan2') return FINITE; // Go's math: Mod(x, ±Inf) = x, Mod(±Inf, y) = NaN; Atan2 within ±π
    const a = this.infinities(lhsNode);
    const b = this.infinities(rhsNode);
    const pick = (...candidates: Array<string | false | undefined>) => candidates.find((c): c is string => typeof c === 'string');
    const of = (pos: string | undefined, neg: string | undefined): Infinities => ({ ...(pos ? { pos } : {}), ...(neg ? { neg } : {}) });
    switch (op) {
      case 'Or':
        return union(a, b);
      case 'Add':
        return of(a.pos ?? b.pos, a.neg ?? b.neg);
      case 'Sub':
        return of(a.pos ?? b.neg, a.neg ?? b.pos);
      case 'Mul': {
        const sa = this.signs(lhsNode);
        const sb = this.signs(rhsNode);
        return of(
          pick(sb.pos && a.pos, sb.neg && a.neg, sa.pos && b.pos, sa.neg && b.neg),
          pick(sb.neg && a.pos, sb.pos && a.neg, sa.neg && b.pos, sa.pos && b.neg),
        );
      }
      case 'Div': {
        const sa = this.signs(lhsNode);
        const sb = this.signs(rhsNode);
        // x / 0 is ±Inf by the signs of x and of the zero (-0 where the divisor may be negative).
        const byZero = sb.zero && (sa.pos || sa.neg) ? 'a division by 0 is infinite' : undefined;
        return of(
          pick(sb.pos && a.pos, sb.neg && a.neg, byZero && (sa.pos || (sa.neg && sb.neg)) && byZero),
          pick(sb.neg && a.pos, sb.pos && a.neg, byZero && (sa.neg || (sa.pos && sb.neg)) && byZero),
        );
      }
      case 'Pow': {
        const k = numberLiteral(this.text, tree, rhsNode);
        // Go's math.Pow: "Pow(x, ±0) = 1 for any x".
        if (k === 0) return FINITE;
        const ra = this.of(lhsNode);
        const rb = k !== undefined && Number.isFinite(k) ? { min: k, max: k } : this.of(rhsNode);
        if (ra && rb && !a.pos && !a.neg && !b.pos && !b.neg && [ra.min, ra.max, rb.min, rb.max].every(Number.isFinite)) {
          const zeroToNegative = ra.min <= 0 && ra.max >= 0 && rb.min < 0;
          const magnitude = Math.max(Math.abs(ra.min), Math.abs(ra.max), 1) ** Math.max(Math.abs(rb.min), Math.abs(rb.max));
          if (!zeroToNegative && Number.isFinite(magnitude)) return FINITE;
        }
        const even = k !== undefined && Number.isInteger(k) && k % 2 === 0;
        const why = 'a power may overflow to an infinity (or raise 0 to a negative power)';
        return of(why, this.signs(lhsNode).neg && !even ? why : undefined);
      }
      default:
        return union(a, b);
    }
  }

  private bounds(node: number): ValueRange | undefined {
    const { tree } = this;
    switch (tree.name(node)) {
      case 'NumberDurationLiteral':
      case 'UnaryExpr': {
        const value = numberLiteral(this.text, tree, node);
        if (value !== undefined) return Number.isFinite(value) ? range(value, value, 'a number', Number.isInteger(value)) : undefined;
        const inner = this.of(firstExpressionOf(tree, node));
        if (!inner) return undefined;
        return this.textOf(node).trimStart().startsWith('-') ? range(-inner.max, -inner.min, inner.why, inner.whole) : inner;
      }
      case 'VectorSelector':
        return this.selector(node);
      case 'MatrixSelector':
      case 'ParenExpr':
      case 'OffsetExpr':
      case 'StepInvariantExpr':
      case 'SubqueryExpr':
        return this.of(firstExpressionOf(tree, node));
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregation(node);
      case 'BinaryExpr':
        return this.binary(node);
      default:
        return undefined;
    }
  }

  private selector(node: number): ValueRange | undefined {
    const identifier = this.tree.child(node, 'Identifier');
    if (identifier < 0) return undefined;
    const name = this.textOf(identifier);
    if (name === 'up') return { min: 0, max: 1, why: 'up is 0 or 1', whole: true };
    return this.lookup.recorded(name);
  }

  private call(node: number): ValueRange | undefined {
    const name = this.nameOf(node, 'FunctionIdentifier');
    const args = argumentsOf(this.tree, node);
    const number = (i: number) => (args[i] !== undefined ? numberLiteral(this.text, this.tree, args[i]!) : undefined);
    const fixed = FIXED_RANGES.get(name);
    if (fixed) return fixed;
    if (name === 'histogram_quantile') return this.quantile(number(0), args[1] ?? -1);
    if (name === 'quantile_over_time') return isPhi(number(0)) ? notWhole(this.of(args[1] ?? -1)) : undefined;
    // sum_over_time(): "the sum of all values in the specified interval": of one sign as its values are.
    if (name === 'sum_over_time') {
      const inner = this.of(args[0] ?? -1);
      if (inner && inner.min >= 0) return range(inner.min, inner.max === 0 ? 0 : Infinity, inner.why, inner.whole);
      if (inner && inner.max <= 0) return range(-Infinity, inner.min === 0 ? 0 : inner.max, inner.why, inner.whole);
      return undefined;
    }
    if (SAME_VALUES.has(name)) return FRACTIONAL.has(name) ? notWhole(this.of(args[0] ?? -1)) : this.of(args[0] ?? -1);
    // scalar(): "If the input vector does not have exactly one element with a float sample, scalar will return NaN".
    if (name === 'scalar') return this.of(args[0] ?? -1);
    if (name === 'abs' || name === 'sqrt') {
      const inner = this.of(args[0] ?? -1);
      if (name === 'abs' && inner && inner.min >= 0) return inner;
      return { min: 0, max: Infinity, why: `${name}() is never negative` };
    }
    // Monotone functions carry the bounds of their argument: rounding moves them to whole numbers
    // (to multiples of `round`'s second argument), sgn to -1, 0 or 1, exp above 0.
    if (name === 'ceil' || name === 'floor' || name === 'round') {
      const inner = this.of(args[0] ?? -1);
      const to = args.length > 1 ? number(1) : 1;
      if (!inner || to === undefined || !(to > 0) || !Number.isFinite(to)) return undefined;
      const rounded = (v: number) => (name === 'ceil' ? Math.ceil(v) : name === 'floor' ? Math.floor(v) : Number((Math.floor(v / to + 0.5) * to).toPrecision(12)));
      return range(rounded(inner.min), rounded(inner.max), inner.why, name !== 'round' || Number.isInteger(to));
    }
    if (name === 'sgn') {
      const inner = this.of(args[0] ?? -1);
      return inner ? range(Math.sign(inner.min), Math.sign(inner.max), inner.why, true) : { min: -1, max: 1, why: 'sgn() is -1, 0 or 1', whole: true };
    }
    if (name === 'exp') {
      const inner = this.of(args[0] ?? -1);
      return inner ? range(Math.exp(inner.min), Math.exp(inner.max), inner.why) : { min: 0, max: Infinity, why: 'exp() is never negative' };
    }
    if (name === 'clamp' || name === 'clamp_min' || name === 'clamp_max') {
      const lo = name === 'clamp_max' ? -Infinity : number(1);
      const hi = name === 'clamp' ? number(2) : name === 'clamp_max' ? number(1) : Infinity;
      if (lo === undefined || hi === undefined || Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) return undefined;
      const inner = this.of(args[0] ?? -1) ?? { min: -Infinity, max: Infinity, why: '' };
      const why =
        name === 'clamp' ? `clamp(…, ${lo}, ${hi}) keeps them between ${lo} and ${hi}` : name === 'clamp_min' ? `clamp_min(…, ${lo}) keeps them at or above ${lo}` : `clamp_max(…, ${hi}) keeps them at or below ${hi}`;
      const whole = inner.whole && [lo, hi].every((b) => Number.isInteger(b) || !Number.isFinite(b));
      return range(Math.min(Math.max(inner.min, lo), hi), Math.max(Math.min(inner.max, hi), lo), inner.why ? `${inner.why}; ${why}` : why, whole);
    }
    return undefined;
  }

  /** histogram_quantile(q, buckets): at most the largest finite bucket of the histogram(s) the buckets come from. */
  private quantile(q: number | undefined, arg: number): ValueRange | undefined {
    if (q === undefined || !(q >= 0 && q <= 1) || arg < 0) return undefined;
    const { tree } = this;
    let largest = -Infinity;
    let smallest = Infinity;
    const names = new Set<string>();
    let selectors = 0;
    for (let n = arg, end = tree.endOf(arg); n < end; n += NODE_SIZE) {
      if (tree.name(n) !== 'VectorSelector') continue;
      selectors++;
      const identifier = tree.child(n, 'Identifier');
      const name = identifier >= 0 ? this.textOf(identifier) : undefined;
      const buckets = name !== undefined ? this.lookup.buckets(name) : undefined;
      if (!buckets || buckets.length === 0) return undefined;
      names.add(name!.replace(/_bucket$/, ''));
      largest = Math.max(largest, ...buckets);
      smallest = Math.min(smallest, ...buckets);
    }
    if (selectors === 0) return undefined;
    const which = [...names].join(', ');
    return { min: Math.min(0, smallest), max: largest, why: `histogram_quantile() never exceeds the largest finite bucket of ${which} (${largest})` };
  }

  private aggregation(node: number): ValueRange | undefined {
    const op = this.nameOf(node, 'AggregateOp');
    const args = argumentsOf(this.tree, node);
    if (op === 'count' || op === 'count_values') return { min: 1, max: Infinity, why: 'a count is at least 1', whole: true };
    if (op === 'group') return { min: 1, max: 1, why: 'group() is 1', whole: true };
    if (op === 'stddev' || op === 'stdvar') return { min: 0, max: Infinity, why: `${op}() is never negative` };
    // quantile(φ, …) beyond [0, 1] is -Inf or +Inf: no value of its input.
    if (op === 'quantile' && !isPhi(numberLiteral(this.text, this.tree, args[0] ?? -1))) return undefined;
    const input = this.of((['topk', 'bottomk', 'limitk', 'limit_ratio', 'quantile'].includes(op) ? args[1] : args[0]) ?? -1);
    if (!input) return undefined;
    if (SAME_VALUE_AGGREGATIONS.has(op)) return FRACTIONAL.has(op) ? notWhole(input) : input;
    if (op === 'sum') {
      if (input.min >= 0) return range(input.min, input.max === 0 ? 0 : Infinity, input.why, input.whole);
      if (input.max <= 0) return range(-Infinity, input.max, input.why, input.whole);
    }
    return undefined;
  }

  private binary(node: number): ValueRange | undefined {
    const { tree } = this;
    const [lhsNode = -1, rhsNode = -1] = expressionsOf(tree, node);
    const opNode = operatorAfter(tree, lhsNode, tree.endOf(node));
    const op = opNode < 0 ? '' : tree.name(opNode);
    if (COMPARISONS.has(op)) {
      if (tree.child(node, 'BoolModifier') >= 0) return { min: 0, max: 1, why: 'a comparison with bool is 0 or 1', whole: true };
      // A filter keeps the values it lets through: the vector side's.
      const lhsNumber = numberLiteral(this.text, tree, lhsNode);
      return this.of(lhsNumber !== undefined ? rhsNode : lhsNode);
    }
    if (op === 'And' || op === 'Unless') return this.of(lhsNode);
    const a = this.of(lhsNode);
    const b = this.of(rhsNode);
    if (op === 'Or') return a && b ? range(Math.min(a.min, b.min), Math.max(a.max, b.max), bothWhy(a, b), a.whole && b.whole) : undefined;
    // With `on (…)`/`ignoring (…)` (one-to-one, or group_left: the whole is the "one" side) a part's
    // series meets the whole's series of its own group: the whole holds every series of the part, and
    // a match must be unique on the whole's side. group_right lets a whole's series meet another group's part.
    const clause = tree.child(node, 'MatchingModifierClause');
    if (op === 'Div' && (clause < 0 || tree.child(clause, 'GroupRight') < 0)) {
      // `100 * part / whole` reads as `(100 * part) / whole`: the factor comes out first.
      const scaled = this.factorOut(lhsNode);
      if (this.isPartOverWhole(scaled.term, rhsNode)) {
        return range(Math.min(0, scaled.factor), Math.max(0, scaled.factor), 'a part of a counter over the whole of it lies between 0 and 1');
      }
    }
    // Go's math.Atan2 (PromQL's `atan2`): within [-π, π] whatever its arguments.
    if (op === 'Atan2') return { min: -Math.PI, max: Math.PI, why: 'atan2 lies between -π and π' };
    if (op === 'Mod') return this.remainder(rhsNode, a, b);
    if (op === 'Pow') {
      const power = this.power(rhsNode, a);
      if (power) return power;
    }
    if (!a || !b) return undefined;
    const why = a.why === 'a number' ? b.why : b.why === 'a number' ? a.why : bothWhy(a, b);
    // Sums, differences and products of whole numbers are whole.
    const whole = a.whole && b.whole;
    switch (op) {
      case 'Add':
        return range(a.min + b.min, a.max + b.max, why, whole);
      case 'Sub':
        return range(a.min - b.max, a.max - b.min, why, whole);
      case 'Mul': {
        const p = [times(a.min, b.min), times(a.min, b.max), times(a.max, b.min), times(a.max, b.max)];
        return range(Math.min(...p), Math.max(...p), why, whole);
      }
      case 'Div':
        // By a positive or negative number only: a vector divisor may come near 0.
        if (b.min !== b.max || b.min === 0 || b.why !== 'a number') return undefined;
        return b.min > 0 ? range(a.min / b.min, a.max / b.min, why) : range(a.max / b.min, a.min / b.min, why);
      default:
        return undefined;
    }
  }

  /**
   * `x % k` (Go's math.Mod: "the result … has magnitude less than y and its sign agrees with that
   * of x"): within ±|k| by a number k, and on x's side of 0 where x keeps to one.
   */
  private remainder(rhsNode: number, a: ValueRange | undefined, b: ValueRange | undefined): ValueRange | undefined {
    const k = numberLiteral(this.text, this.tree, rhsNode);
    if (k === undefined || k === 0 || !Number.isFinite(k) || !b) return undefined;
    const m = Math.abs(k);
    const own = `x % ${k} is smaller than ${m} in magnitude, of the sign of x`;
    const why = a ? `${own}; ${a.why}` : own;
    // The remainder of a whole number by a whole number is whole.
    const whole = a?.whole && Number.isInteger(k);
    if (a && a.min >= 0) return range(0, Math.min(m, a.max), why, whole);
    if (a && a.max <= 0) return range(Math.max(-m, a.min), 0, why, whole);
    return { min: -m, max: m, why: own };
  }

  /**
   * `x ^ k` by a number k (Go's math.Pow): 1 for k = 0 ("Pow(x, ±0) = 1 for any x"), never
   * negative for an even k; otherwise by x's range where it is known and not negative.
   */
  private power(rhsNode: number, a: ValueRange | undefined): ValueRange | undefined {
    const k = numberLiteral(this.text, this.tree, rhsNode);
    if (k === undefined || Number.isNaN(k)) return undefined;
    if (k === 0) return { min: 1, max: 1, why: 'x ^ 0 is 1, even of NaN', whole: true };
    if (!Number.isFinite(k)) return undefined;
    if (Number.isInteger(k) && k % 2 === 0 && k > 0) {
      if (!a) return { min: 0, max: Infinity, why: 'an even power is never negative' };
      const low = a.min <= 0 && a.max >= 0 ? 0 : Math.min(Math.abs(a.min), Math.abs(a.max)) ** k;
      return range(low, Math.max(Math.abs(a.min), Math.abs(a.max)) ** k, a.why, a.whole);
    }
    if (a && k > 0 && (a.min >= 0 || Number.isInteger(k))) return range(a.min ** k, a.max ** k, a.why, a.whole && Number.isInteger(k));
    return undefined;
  }

  /** `k * term` (or `term * k`) with k a number: k and the term; otherwise a factor of 1. */
  private factorOut(node: number): { factor: number; term: number } {
    const { tree } = this;
    if (node >= 0 && tree.name(node) === 'BinaryExpr' && tree.child(node, 'MatchingModifierClause') < 0) {
      const [a = -1, b = -1] = expressionsOf(tree, node);
      const opNode = operatorAfter(tree, a, tree.endOf(node));
      if (opNode >= 0 && tree.name(opNode) === 'Mul') {
        const ka = numberLiteral(this.text, tree, a);
        const kb = numberLiteral(this.text, tree, b);
        if (ka !== undefined && Number.isFinite(ka) && kb === undefined) return { factor: ka, term: b };
        if (kb !== undefined && Number.isFinite(kb) && ka === undefined) return { factor: kb, term: a };
      }
    }
    return { factor: 1, term: node };
  }

  /**
   * `sum(rate(x{code=~"5.."}[5m])) / sum(rate(x[5m]))`: the same rate-like function over the same
   * range of the same counter, the left side selecting a subset of the right's series (every matcher
   * of the right also on the left), both summed alike (or not at all). Also a bucket over the count
   * of a histogram (`x_bucket{le="0.5"}` over `x_count`).
   */
  private isPartOverWhole(lhsNode: number, rhsNode: number): boolean {
    const part = this.counterTerm(lhsNode);
    const whole = this.counterTerm(rhsNode);
    if (!part || !whole || part.aggregation !== whole.aggregation || part.fn !== whole.fn || part.window !== whole.window) return false;
    let partMatchers = part.matchers;
    if (part.name !== whole.name) {
      const base = whole.name.replace(/_count$/, '');
      if (!whole.name.endsWith('_count') || part.name !== `${base}_bucket` || !this.lookup.buckets(part.name)) return false;
      // One bucket (le="…"), counted among all the observations.
      const le = partMatchers.filter((m) => m.startsWith('le='));
      if (le.length !== 1) return false;
      partMatchers = partMatchers.filter((m) => !m.startsWith('le='));
    }
    return whole.matchers.every((m) => partMatchers.includes(m));
  }

  /** `sum by (…) (rate(x{…}[5m]))` taken apart; undefined for anything else. */
  private counterTerm(node: number): { aggregation: string; fn: string; window: string; name: string; matchers: string[] } | undefined {
    const { tree } = this;
    let n = unwrapped(tree, node);
    let aggregation = '';
    if (n >= 0 && tree.name(n) === 'AggregateExpr') {
      if (this.nameOf(n, 'AggregateOp') !== 'sum') return undefined;
      const modifier = tree.child(n, 'AggregateModifier');
      aggregation = modifier >= 0 ? this.textOf(modifier).replace(/\s+/g, '') : 'sum';
      if (aggregation !== 'sum') aggregation = `sum ${aggregation}`;
      n = unwrapped(tree, argumentsOf(tree, n)[0] ?? -1);
    }
    if (n < 0 || tree.name(n) !== 'FunctionCall') return undefined;
    const fn = this.nameOf(n, 'FunctionIdentifier');
    if (!SCALING_FUNCTIONS.has(fn)) return undefined;
    const args = argumentsOf(tree, n);
    const matrix = args.length === 1 ? args[0]! : -1;
    if (matrix < 0 || tree.name(matrix) !== 'MatrixSelector') return undefined;
    const selector = firstExpressionOf(tree, matrix);
    if (selector < 0 || tree.name(selector) !== 'VectorSelector') return undefined;
    const identifier = tree.child(selector, 'Identifier');
    if (identifier < 0) return undefined;
    const window = this.text.slice(tree.to(selector), tree.to(matrix)).replace(/\s+/g, '');
    const list = tree.child(selector, 'LabelMatchers');
    const matchers = list < 0 ? [] : expressionsOfMatchers(tree, list).map((m) => this.textOf(m).replace(/\s+/g, ''));
    return { aggregation, fn, window, name: this.textOf(identifier), matchers };
  }
}

function expressionsOfMatchers(tree: FlatTree, list: number): number[] {
  const out: number[] = [];
  const end = tree.endOf(list);
  for (let c = tree.firstChild(list); c >= 0; c = tree.next(c, end)) {
    const name = tree.name(c);
    if (name === 'UnquotedLabelMatcher' || name === 'QuotedLabelMatcher') out.push(c);
  }
  return out;
}
