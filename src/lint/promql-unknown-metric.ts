import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { didYouMean } from '../suggest.js';

export const promqlUnknownMetric: Check = {
  id: 'promql/unknown-metric',
  severity: 'error',
  description: 'Every selected series is in the metric catalogue (ours, exporters\', or a recording rule).',
  run({ expressions, catalogue }, report) {
    for (const e of expressions) {
      for (const selector of e.analysis.selectors) {
        const name = selector.name;
        if (name === undefined || catalogue.get(name)) continue;
        if (e.context === 'panel' && name.startsWith('_')) continue; // a Grafana variable in a number position
        report({
          message: `${ownerName(e)} uses metric "${name}", which is not in the catalogue.${didYouMean(name, catalogue.names())}`,
          hint: `declare it in the metrics of the project (counter/gauge/histogram/summary, with exporter: '…' if an exporter owns it), or fix the name`,
          ...at(e, selector.from, selector.from + (e.text.slice(selector.from).startsWith(name) ? name.length : selector.to - selector.from)),
        });
      }
    }
  },
};
