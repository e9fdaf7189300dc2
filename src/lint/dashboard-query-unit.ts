import { argumentsOf, expressionsOf, firstExpressionOf, operatorAfter } from '../promql/parse.js';
import type { FlatTree } from '../promql/flat-tree.js';
import type { Catalogue } from '../model/catalogue.js';
import type { RecordModel } from '../model/types.js';

/**
 * What one value of a query's result measures, as far as the catalogue tells: `seconds` for a
 * quantile of a seconds histogram or `_sum / _count`, `ratio` for a fraction of like over like,
 * `percent` for a ratio × 100, `count` for events counted (a counter whose name and unit name no
 * quantity, `_count`, `count()`), `none` for a series whose unit is not known, … `perSecond` marks
 * rates (a rate over a rate cancels out). A rate of seconds (CPU or busy time) is seconds per
 * second: a `ratio` with `busy` set, which may pass 1. Undefined when it cannot be known; checks
 * then stay quiet.
 */
export interface QueryUnit {
  unit: 'seconds' | 'milliseconds' | 'bytes' | 'ratio' | 'percent' | 'count' | 'none';
  perSecond: boolean;
  /** A ratio (or its percentage) that is seconds per second: 1 is one second each second, more when several run at once. */
  busy?: boolean;
  /**
   * A factor left on the value that no unit above names (`8 * rate(x_bytes_total[5m])`: bytes per
   * second × 8, bits per second; `x_bytes / 1024`: KiB; `x_seconds / 60`: minutes; a count per
   * second × 60: per minute). Only for values whose factor a Grafana unit may name (sizes, data
   * rates, durations, ratios, counts per second × 60); others scaled are not known.
   */
  scale?: number;
  /** For counts and counts per second: the metric whose events are counted (`http_requests_total`), where one is. */
  counts?: string;
}

/**
 * A value being worked out: its unit, `scale` (a factor a number put on it, not yet read as a unit:
 * `100 * failed` before `/ total` makes it a percentage) and, for a histogram's buckets (counts of
 * observations), `bound`: the unit of their `le`, which histogram_quantile returns.
 */
type Measure = QueryUnit & { scale?: number; bound?: QueryUnit['unit'] };
type Value = Measure | { number: number } | undefined;

const UNIT_NAMES: Record<string, QueryUnit['unit']> = {
  seconds: 'seconds', milliseconds: 'milliseconds', bytes: 'bytes', ratio: 'ratio', percent: 'percent',
};
const NAME_SUFFIXES: Array<[RegExp, QueryUnit['unit']]> = [
  [/_seconds(_total)?$/, 'seconds'], [/_milliseconds(_total)?$/, 'milliseconds'], [/_bytes(_total)?$/, 'bytes'],
  [/_ratio$/, 'ratio'], [/_percent$/, 'percent'],
];

/**
 * Words of a metric name that name a quantity measured in a unit, not events counted: the base
 * units of Prometheus' naming practices (prometheus/docs content/docs/practices/naming.md, "Base
 * units": seconds, bytes, joules, grams, meters, ratio, volts, amperes, celsius), other units, and
 * words exporters use where they leave the unit out (windows_exporter's `windows_cpu_time_total`
 * is seconds). A counter with one of them anywhere in its name (`haproxy_backend_bytes_in_total`)
 * is not read as a count.
 */
const QUANTITY_WORDS = new Set([
  'seconds', 'second', 'milliseconds', 'microseconds', 'nanoseconds', 'minutes', 'hours', 'days', 'ms', 'us', 'ns',
  'bytes', 'byte', 'kilobytes', 'megabytes', 'gigabytes', 'bits', 'octets', 'ratio', 'percent', 'percentage',
  'joules', 'grams', 'kilograms', 'meters', 'metres', 'volts', 'amperes', 'amps', 'watts', 'celsius', 'kelvin',
  'fahrenheit', 'hertz', 'radians', 'degrees', 'liters', 'litres',
  'time', 'duration', 'latency', 'usage', 'size', 'sizes', 'length', 'amount', 'value', 'energy', 'power',
  'weight', 'volume', 'temperature', 'distance', 'cost', 'price', 'sum',
]);

/** A counter counts events unless its unit or a word of its name says a quantity. */
function countsEvents(name: string): boolean {
  return !name.replace(/_total$/, '').split('_').some((word) => QUANTITY_WORDS.has(word.toLowerCase()));
}
const RATES = new Set(['rate', 'irate', 'deriv']);
/** Functions whose values count something: samples, changes, resets. */
const COUNTING_FUNCTIONS = new Set(['count_over_time', 'changes', 'resets']);
const SAME_UNIT_FUNCTIONS = new Set([
  'increase', 'delta', 'idelta', 'abs', 'ceil', 'floor', 'round', 'clamp', 'clamp_min', 'clamp_max', 'sort', 'sort_desc',
  'label_replace', 'label_join', 'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'last_over_time',
  'quantile_over_time',
]);
const SAME_UNIT_AGGREGATIONS = new Set(['sum', 'avg', 'min', 'max', 'topk', 'bottomk', 'quantile', 'limitk']);

function isUnit(v: Value): v is Measure {
  return v !== undefined && 'unit' in v;
}

/**
 * A factor read as the unit it makes (ratio × 100 is percent, seconds × 1000 ms, …); kept when it
 * makes none. Seconds per second make one more: read as the ratio they are (`busyRatio`),
 * `100 * rate(cpu_seconds_total[5m])` is a percentage, while `1000 * rate(x_seconds_sum[5m])`
 * stays milliseconds per second, to be divided by a count.
 */
function settled(v: Measure): Measure {
  const scaled = settledScale(v);
  if (scaled.scale === undefined) return scaled;
  const busy = settledScale(busyRatio(v));
  return busy.scale === undefined ? busy : scaled;
}

function settledScale(v: Measure): Measure {
  const scale = v.scale ?? 1;
  if (scale === 1) return v.scale === undefined ? v : { ...v, scale: undefined };
  const as = (unit: QueryUnit['unit']): Measure => ({ ...v, unit, scale: undefined });
  if (v.unit === 'ratio' && scale === 100) return as('percent');
  if (v.unit === 'percent' && scale === 0.01) return as('ratio');
  if (v.unit === 'seconds' && scale === 1000) return as('milliseconds');
  if (v.unit === 'milliseconds' && scale === 0.001) return as('seconds');
  return v;
}

/** Seconds or milliseconds per second as the ratio they are (`busy`); milliseconds per second are that ratio × 1000. */
function busyRatio(v: Measure): Measure {
  if (!v.perSecond || v.bound !== undefined || (v.unit !== 'seconds' && v.unit !== 'milliseconds')) return v;
  const scale = product(v.scale ?? 1, v.unit === 'milliseconds' ? 1000 : 1);
  return { unit: 'ratio', perSecond: false, busy: true, ...(scale === 1 ? {} : { scale }) };
}

/** Two factors' product, rounded where floating point strays (`1 / 1000 * 10` is 0.01). */
function product(a: number, b: number): number {
  return Number((a * b).toPrecision(12));
}

/** The unit of a query's values: `root` of its parse walked as numbers (flat-tree.ts), undefined when it cannot be known. */
export function queryUnit(tree: FlatTree, root: number, text: string, catalogue: Catalogue, recorded: RecordedParse = NONE_RECORDED): QueryUnit | undefined {
  const measured = measureOf(tree, root, text, { catalogue, recorded }, NOTHING_SEEN);
  const result = measured && busyRatio(settled(measured));
  if (!result || (result.scale !== undefined && !scaleKnown(result))) return undefined;
  return {
    unit: result.unit,
    perSecond: result.perSecond,
    ...(result.busy ? { busy: true } : {}),
    ...(result.scale !== undefined ? { scale: result.scale } : {}),
    ...(result.counts !== undefined ? { counts: result.counts } : {}),
  };
}

/**
 * Whether a factor left on a value may be a unit's: on a size, a duration, a ratio, bytes per second
 * (8 bits a byte, powers of 1000 and 1024, 60 seconds a minute, …), and 60 on counts per second
 * (per minute). A count scaled otherwise may be anything (`pages * 4096` is bytes), as may a rate
 * of a series without a unit.
 */
function scaleKnown(v: Measure): boolean {
  if (v.bound !== undefined) return false;
  if (v.unit === 'count') return v.perSecond && v.scale === 60;
  if (v.unit === 'none') return false;
  return !v.perSecond || v.unit === 'bytes';
}

/**
 * The unit of the `le` bounds of the buckets a query returns (`sum by (le) (rate(x_seconds_bucket[5m]))`:
 * seconds), whatever its values (counts, per second): what a heatmap's y axis shows. Undefined
 * when the query returns no buckets the catalogue knows.
 */
export function bucketBound(tree: FlatTree, root: number, text: string, catalogue: Catalogue, recorded: RecordedParse = NONE_RECORDED): QueryUnit['unit'] | undefined {
  return measureOf(tree, root, text, { catalogue, recorded }, NOTHING_SEEN)?.bound;
}

/** The parse of a recording rule's expression (the run's, parsed once: src/model/promql-table.ts), walked as numbers. */
export type RecordedParse = (rule: RecordModel) => { tree: FlatTree; root: number; text: string } | undefined;

const NONE_RECORDED: RecordedParse = () => undefined;
const NOTHING_SEEN: ReadonlySet<string> = new Set();

interface Lookups {
  catalogue: Catalogue;
  recorded: RecordedParse;
}

/**
 * A recorded series' measure: its recording expression's (a rate stays a rate, recorded buckets keep
 * their bound); undefined for a name met again on the way (a cycle).
 */
function recordedUnit(name: string, lookups: Lookups, seen: ReadonlySet<string>): Measure | undefined {
  const rule = lookups.catalogue.get(name)?.record;
  if (!rule || seen.has(name)) return undefined;
  const parsed = lookups.recorded(rule);
  return parsed ? measureOf(parsed.tree, parsed.root, parsed.text, lookups, new Set([...seen, name])) : undefined;
}

/** The measure of a query's values, before it is read as a unit (see Measure). */
function measureOf(tree: FlatTree, root: number, text: string, lookups: Lookups, seen: ReadonlySet<string>): Measure | undefined {
  const { catalogue } = lookups;
  const src = (n: number) => text.slice(tree.from(n), tree.to(n));
  /** The text of `node`'s first child named `name`, else of `node`. */
  const named = (node: number, name: string) => {
    const child = tree.child(node, name);
    return src(child >= 0 ? child : node);
  };

  function selector(node: number): Value {
    const name = tree.child(node, 'Identifier');
    const entry = name >= 0 ? catalogue.get(src(name)) : undefined;
    if (entry?.record) return recordedUnit(entry.name, lookups, seen);
    if (!entry?.metric) return undefined;
    if (entry.suffix === '_count') return { unit: 'count', perSecond: false, counts: entry.metric.name };
    const declared = entry.metric.unit !== undefined ? UNIT_NAMES[entry.metric.unit] : undefined;
    if (entry.metric.unit !== undefined && declared === undefined) return undefined;
    // A series declared on its own but named as a summary's or histogram's (`x_seconds_count`,
    // `x_seconds_sum`, as a catalogue inferred from rules has them): a count, and a sum in the
    // unit of its stem; `rate(x_seconds_sum) / rate(x_seconds_count)` is then a mean in seconds.
    const stem = entry.suffix === '' && entry.metric.unit === undefined ? /^(.*)_(sum|count)$/.exec(entry.metric.name) : null;
    if (stem?.[2] === 'count') return { unit: 'count', perSecond: false, counts: stem[1]! };
    const named = stem ? stem[1]! : entry.metric.name;
    const unit = declared ?? NAME_SUFFIXES.find(([re]) => re.test(named))?.[1] ?? 'none';
    // A bucket counts observations; its `le` bound is in the histogram's unit.
    if (entry.suffix === '_bucket') return { unit: 'count', perSecond: false, bound: unit };
    // A counter with no unit in its name or its definition counts events (Prometheus' naming: the unit is a suffix).
    if (unit === 'none' && entry.suffix === '' && entry.metric.type === 'counter' && countsEvents(entry.metric.name)) return { unit: 'count', perSecond: false, counts: entry.metric.name };
    return { unit, perSecond: false };
  }

  function walk(node: number): Value {
    switch (tree.name(node)) {
      case 'VectorSelector':
        return selector(node);
      case 'NumberDurationLiteral': {
        const n = Number(src(node));
        return Number.isFinite(n) ? { number: n } : undefined;
      }
      case 'FunctionCall': {
        const name = named(node, 'FunctionIdentifier');
        const vector = argumentsOf(tree, node).map(walk).find(isUnit);
        if (COUNTING_FUNCTIONS.has(name)) return { unit: 'count', perSecond: false };
        // A quantile of the buckets' rates is in the unit of the bucket bounds (le).
        if (name === 'histogram_quantile') return vector?.bound !== undefined ? { unit: vector.bound, perSecond: false } : undefined;
        if (name === 'histogram_fraction') return vector?.bound !== undefined ? { unit: 'ratio', perSecond: false } : undefined;
        // A rate of a rate is per second squared: no unit says so.
        if (RATES.has(name)) return vector && !vector.perSecond ? { ...vector, perSecond: true } : undefined;
        return SAME_UNIT_FUNCTIONS.has(name) ? vector : undefined;
      }
      case 'AggregateExpr': {
        const op = named(node, 'AggregateOp').trim();
        if (op === 'count') return { unit: 'count', perSecond: false };
        return SAME_UNIT_AGGREGATIONS.has(op) ? argumentsOf(tree, node).map(walk).find(isUnit) : undefined;
      }
      case 'BinaryExpr':
        return binary(node);
      case 'StringLiteral':
        return undefined;
      default: {
        const inner = firstExpressionOf(tree, node);
        return inner >= 0 ? walk(inner) : undefined;
      }
    }
  }

  function binary(node: number): Value {
    const [lhsNode, rhsNode] = expressionsOf(tree, node);
    if (lhsNode === undefined || rhsNode === undefined) return undefined;
    const opNode = operatorAfter(tree, lhsNode, tree.endOf(node));
    const op = opNode < 0 ? '' : tree.name(opNode);
    const a = walk(lhsNode);
    const b = walk(rhsNode);
    const bool = tree.child(node, 'BoolModifier') >= 0;
    // Numbers with numbers: a factor written in parts (`1024 * 1024`, `1 / 60`).
    if (a && 'number' in a && b && 'number' in b) {
      const n = { Mul: a.number * b.number, Div: a.number / b.number, Add: a.number + b.number, Sub: a.number - b.number }[op as string];
      return n !== undefined && Number.isFinite(n) ? { number: n } : undefined;
    }
    switch (op) {
      case 'Gtr': case 'Lss': case 'Gte': case 'Lte': case 'Eql': case 'Neq':
        return bool ? undefined : isUnit(a) ? a : isUnit(b) ? b : undefined;
      case 'And': case 'Unless':
        return a;
      case 'Add': case 'Sub': {
        if (isUnit(a) && isUnit(b)) {
          const [x, y] = [busyRatio(settled(a)), busyRatio(settled(b))];
          if (x.unit !== y.unit || x.perSecond !== y.perSecond || x.scale !== y.scale || x.bound !== y.bound) return undefined;
          // Counts of two things are counts of neither's name.
          const { counts, ...rest } = x;
          return { ...rest, ...(counts === y.counts && counts !== undefined ? { counts } : {}), ...(y.busy ? { busy: true } : {}) };
        }
        if (isUnit(a) && b !== undefined) return a;
        if (isUnit(b) && a !== undefined) return b;
        return undefined;
      }
      case 'Mul': {
        // A number scales the value: `100 * failed / total` is a percentage once divided.
        const [u, n] = isUnit(a) && b && 'number' in b ? [a, b.number] : isUnit(b) && a && 'number' in a ? [b, a.number] : [undefined, 0];
        return u ? settled({ ...u, scale: product(u.scale ?? 1, n) }) : undefined;
      }
      case 'Div': {
        if (isUnit(a) && b && 'number' in b) return b.number === 0 ? undefined : settled({ ...a, scale: product(a.scale ?? 1, 1 / b.number) });
        if (!isUnit(a) || !isUnit(b) || a.perSecond !== b.perSecond) return undefined;
        const scale = product(a.scale ?? 1, 1 / (b.scale ?? 1));
        // Like over like (buckets over buckets of one histogram, counts over counts): a ratio.
        if (a.unit === b.unit && a.bound === b.bound) return settled({ unit: 'ratio', perSecond: false, scale });
        // _sum / _count (or their rates): the mean, in the unit of the sum.
        if (b.unit === 'count' && b.bound === undefined && a.bound === undefined && ['seconds', 'milliseconds', 'bytes'].includes(a.unit)) {
          return settled({ unit: a.unit, perSecond: false, scale });
        }
        // One bucket over the count: the share of observations at or below its bound.
        if (a.unit === 'count' && a.bound !== undefined && b.unit === 'count' && b.bound === undefined) return settled({ unit: 'ratio', perSecond: false, scale });
        return undefined;
      }
      default:
        return undefined;
    }
  }

  const result = walk(root);
  return isUnit(result) ? result : undefined;
}
