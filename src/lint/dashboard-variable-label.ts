import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { didYouMean } from '../suggest.js';
import { alerts } from '../model/select.js';

export const dashboardVariableLabel: Check = {
  id: 'dashboard/variable-label',
  severity: 'error',
  description: "A label variable lists a label its metric has (or, without a metric, some catalogue series has): otherwise its drop-down is empty.",
  run({ model, catalogue }, report) {
    for (const dashboard of model.dashboards) {
      for (const variable of dashboard.variables) {
        // Only labelVariable lists a label: a raw query, custom values, intervals… have none to check.
        if (variable.type !== 'query' || variable.label === undefined) continue;
        const label = variable.label;
        const where = `variable $${variable.name} of dashboard ${dashboard.title}`;
        if (variable.metric !== undefined) {
          const entry = catalogue.get(variable.metric);
          if (!entry) {
            report({
              message: `${where} lists label_values(${variable.metric}, ${label}), but "${variable.metric}" is not in the catalogue: the drop-down stays empty.${didYouMean(variable.metric, catalogue.names())}`,
              hint: 'give labelVariable a metric of the catalogue (metric: requests), or declare the metric',
              ...locatedAt(variable, 'metric'),
            });
            continue;
          }
          if (!entry.labels || entry.labels.includes(label)) continue;
          const labels = entry.labels.filter((l) => l !== 'le' && l !== 'quantile');
          report({
            message: `${where} lists label_values(${variable.metric}, ${label}), but ${variable.metric} has no label "${label}": the drop-down stays empty and every query filtered on $${variable.name} shows nothing.${didYouMean(label, labels)}`,
            hint: `${variable.metric} has ${labels.join(', ')}; choose one of them (label: '…') or a metric that carries ${label}`,
            ...locatedAt(variable, label === variable.name ? 'name' : 'label'),
          });
          continue;
        }
        const names = catalogue.names();
        // Recording rules whose labels are not known exactly may carry it; ALERTS carries alertname,
        // alertstate and the alert rules' own labels.
        const alertLabels = new Set(['alertname', 'alertstate', ...alerts(model).flatMap((a) => Object.keys(a.labels))]);
        const known =
          alertLabels.has(label) ||
          names.some((n) => {
            const entry = catalogue.get(n);
            return entry?.labels ? entry.labels.includes(label) : entry?.record !== undefined;
          });
        if (known) continue;
        const all = [...new Set(names.flatMap((n) => catalogue.get(n)?.labels ?? []))];
        report({
          message: `${where} lists label_values(${label}), but no series of the catalogue has a label "${label}": the drop-down stays empty.${didYouMean(label, all)}`,
          hint: 'fix the label name, or give the variable the metric that carries it (metric: …)',
          ...locatedAt(variable, label === variable.name ? 'name' : 'label'),
        });
      }
    }
  },
};
