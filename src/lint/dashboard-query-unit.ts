import { argumentsOf, expressionsOf, firstExpressionOf, operatorAfter } from '../promql/parse.js';
import type { FlatTree } from '../promql/flat-tree.js';
import type { Catalogue } from '../model/catalogue.js';

/**
 * What one value of a query's result measures, as far as the catalogue tells: `seconds` for a
 * quantile of a seconds histogram or `_sum / _count`, `ratio` for a fraction of like over like,
 * `percent` for a ratio × 100, … `perSecond` marks rates (a rate over a rate cancels out).
 * Undefined when it cannot be known; checks then stay quiet.
 */
export interface QueryUnit {
  unit: 'seconds' | 'milliseconds' | 'bytes' | 'ratio' | 'percent' | 'count' | 'none';
  perSecond: boolean;
}

type Value = QueryUnit | { number: number } | undefined;

const UNIT_NAMES: Record<string, QueryUnit['unit']> = {
  seconds: 'seconds', milliseconds: 'milliseconds', bytes: 'bytes', ratio: 'ratio', percent: 'percent',
};
const NAME_SUFFIXES: Array<[RegExp, QueryUnit['unit']]> = [
  [/_seconds(_total)?$/, 'seconds'], [/_milliseconds(_total)?$/, 'milliseconds'], [/_bytes(_total)?$/, 'bytes'],
  [/_ratio$/, 'ratio'], [/_percent$/, 'percent'],
];
const RATES = new Set(['rate', 'irate', 'deriv']);
const SAME_UNIT_FUNCTIONS = new Set([
  'increase', 'delta', 'idelta', 'abs', 'ceil', 'floor', 'round', 'clamp', 'clamp_min', 'clamp_max', 'sort', 'sort_desc',
  'label_replace', 'label_join', 'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'last_over_time',
  'quantile_over_time',
]);
const SAME_UNIT_AGGREGATIONS = new Set(['sum', 'avg', 'min', 'max', 'topk', 'bottomk', 'quantile', 'limitk']);

function isUnit(v: Value): v is QueryUnit {
  return v !== undefined && 'unit' in v;
}

/** The unit of a query's values: `root` of its parse walked as numbers (flat-tree.ts), undefined when it cannot be known. */
export function queryUnit(tree: FlatTree, root: number, text: string, catalogue: Catalogue): QueryUnit | undefined {
  const src = (n: number) => text.slice(tree.from(n), tree.to(n));
  /** The text of `node`'s first child named `name`, else of `node`. */
  const named = (node: number, name: string) => {
    const child = tree.child(node, name);
    return src(child >= 0 ? child : node);
  };

  function selector(node: number): Value {
    const name = tree.child(node, 'Identifier');
    const entry = name >= 0 ? catalogue.get(src(name)) : undefined;
    if (!entry?.metric) return undefined;
    if (entry.suffix === '_count') return { unit: 'count', perSecond: false };
    const declared = entry.metric.unit !== undefined ? UNIT_NAMES[entry.metric.unit] : undefined;
    if (entry.metric.unit !== undefined && declared === undefined) return undefined;
    if (declared !== undefined) return { unit: declared, perSecond: false };
    const byName = NAME_SUFFIXES.find(([re]) => re.test(entry.metric!.name))?.[1];
    return { unit: byName ?? 'none', perSecond: false };
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
        if (name === 'count_over_time') return { unit: 'count', perSecond: false };
        // A quantile of the buckets' rates is in the unit of the bucket bounds (le).
        if (name === 'histogram_quantile') return vector ? { ...vector, perSecond: false } : undefined;
        if (RATES.has(name)) return vector ? { ...vector, perSecond: true } : undefined;
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
    switch (op) {
      case 'Gtr': case 'Lss': case 'Gte': case 'Lte': case 'Eql': case 'Neq':
        return bool ? undefined : isUnit(a) ? a : isUnit(b) ? b : undefined;
      case 'And': case 'Unless':
        return a;
      case 'Add': case 'Sub':
        if (isUnit(a) && isUnit(b)) return a.unit === b.unit && a.perSecond === b.perSecond ? a : undefined;
        if (isUnit(a) && b !== undefined) return a;
        if (isUnit(b) && a !== undefined) return b;
        return undefined;
      case 'Mul': {
        const [u, n] = isUnit(a) && b && 'number' in b ? [a, b.number] : isUnit(b) && a && 'number' in a ? [b, a.number] : [undefined, 0];
        if (!u || u.perSecond) return undefined;
        if (u.unit === 'ratio' && n === 100) return { unit: 'percent', perSecond: false };
        if (u.unit === 'seconds' && n === 1000) return { unit: 'milliseconds', perSecond: false };
        return n === 1 ? u : undefined;
      }
      case 'Div': {
        if (isUnit(a) && b && 'number' in b) {
          if (a.perSecond) return undefined;
          if (a.unit === 'percent' && b.number === 100) return { unit: 'ratio', perSecond: false };
          if (a.unit === 'milliseconds' && b.number === 1000) return { unit: 'seconds', perSecond: false };
          return b.number === 1 ? a : undefined;
        }
        if (!isUnit(a) || !isUnit(b) || a.perSecond !== b.perSecond) return undefined;
        if (a.unit === b.unit) return { unit: 'ratio', perSecond: false };
        // _sum / _count (or their rates): the mean, in the unit of the sum.
        if (b.unit === 'count' && ['seconds', 'milliseconds', 'bytes'].includes(a.unit)) return { unit: a.unit, perSecond: false };
        return undefined;
      }
      default:
        return undefined;
    }
  }

  const result = walk(root);
  return isUnit(result) && !result.perSecond ? result : undefined;
}
