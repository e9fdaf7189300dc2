import type { Check } from './check.js';
import { at, ownerName } from './check.js';

const RATES = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'sum_over_time', 'avg_over_time', 'max_over_time', 'min_over_time', 'last_over_time']);

/**
 * A histogram's _bucket series read as the catalogue declares them:
 * - `le="0.3"` where the histogram has no such bucket selects nothing;
 * - `histogram_quantile` over raw buckets (no rate/increase) gives the quantile since each
 *   process started, not of recent requests;
 * - `le!="+Inf"` (or a regex leaving +Inf out) under `histogram_quantile` drops the bucket it
 *   needs: the result is NaN.
 */
function sameBound(value: string, bucket: number): boolean {
  const n = Number(value);
  return value.trim() !== '' && !Number.isNaN(n) && n === bucket;
}

export const promqlHistogramBucket: Check = {
  id: 'promql/histogram-bucket',
  severity: 'error',
  description: 'A _bucket selector names buckets the histogram has, keeps +Inf under histogram_quantile, and histogram_quantile reads a rate of the buckets.',
  run({ expressions, catalogue }, report) {
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        if (s.name === undefined || !s.name.endsWith('_bucket')) continue;
        const entry = catalogue.get(s.name);
        const metric = entry?.metric;
        if (!metric || metric.type !== 'histogram' || entry.suffix !== '_bucket') continue;
        const buckets = metric.buckets ?? [];
        const quantile = s.enclosing.indexOf('histogram_quantile');
        for (const m of s.matchers) {
          if (m.label !== 'le') continue;
          if (m.op === '=' && buckets.length > 0 && m.value !== '+Inf' && !buckets.some((b) => sameBound(m.value, b))) {
            report({
              message: `${ownerName(e)} selects ${s.name}{le="${m.value}"}, but ${metric.name} has no bucket ${m.value} (buckets ${buckets.join(', ')}, +Inf): the selector matches nothing`,
              hint: `use one of its bounds, or add ${m.value} to the histogram's buckets in the catalogue and the application`,
              ...at(e, m.from, m.to),
            });
          }
          const dropsInf = (m.op === '!=' && m.value === '+Inf') || (m.op === '=' && m.value !== '+Inf') || (m.op === '!~' && /\+Inf/.test(m.value));
          if (quantile >= 0 && dropsInf) {
            report({
              message: `${ownerName(e)} passes ${s.name}{${e.text.slice(m.from, m.to)}} to histogram_quantile, which needs the +Inf bucket: without it the result is NaN`,
              hint: 'select every bucket (no le matcher) under histogram_quantile',
              ...at(e, m.from, m.to),
            });
          }
        }
        if (quantile >= 0 && !s.enclosing.slice(0, quantile).some((fn) => RATES.has(fn))) {
          report({
            severity: 'warning',
            message: `${ownerName(e)} passes the raw buckets of ${metric.name} to histogram_quantile: they count every request since each process started, so the quantile hardly moves`,
            hint: `histogram_quantile(…, sum by (le) (rate(${s.name}[5m])))`,
            ...at(e, s.from, s.to),
          });
        }
      }
    }
  },
};
