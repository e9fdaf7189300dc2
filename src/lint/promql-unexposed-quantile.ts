import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { exposedByGeneratedPython } from '../instrument/exposition.js';

/**
 * A summary's quantile series where the project's generated Python module exposes the summary:
 * prometheus_client's Summary has no quantiles (only `_sum` and `_count`), so `x{quantile="0.9"}`,
 * or `x` alone, selects nothing and an alert on it never fires, whatever the catalogue declares.
 */
export const promqlUnexposedQuantile: Check = {
  id: 'promql/unexposed-quantile',
  severity: 'error',
  description: "A summary's quantile series is selected only where its instrumentation exposes quantiles (prometheus_client's Summary does not).",
  run({ model, expressions, catalogue }, report) {
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        if (s.name === undefined) continue;
        const entry = catalogue.get(s.name);
        const metric = entry?.metric;
        if (!metric || metric.type !== 'summary' || entry.suffix !== '' || !exposedByGeneratedPython(model, metric)) continue;
        const quantiles = metric.quantiles ?? [];
        report({
          message: `${ownerName(e)} selects the quantiles of ${metric.name}, but the project's generated Python module exposes it with prometheus_client's Summary, which has no quantiles (only ${metric.name}_sum and ${metric.name}_count${quantiles.length > 0 ? `; the catalogue's ${quantiles.join(', ')} are never exposed` : ''}): the selector matches nothing`,
          hint: `use the mean, rate(${metric.name}_sum[5m]) / rate(${metric.name}_count[5m]), or declare it a histogram and use histogram_quantile`,
          ...at(e, s.from, s.to),
        });
      }
    }
  },
};
