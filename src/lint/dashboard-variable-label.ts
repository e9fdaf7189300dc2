import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { didYouMean } from '../suggest.js';
import { alerts } from '../model/select.js';
import { hasLabelVariableMatchers, type QueryVariableModel } from '../model/dashboard.js';
import { parseVariableQuery } from '../model/variable-query.js';

/**
 * The label a query variable lists, and the metric it lists it from: labelVariable's options, or a
 * raw `label_values(selector, label)` query's (its metric name, if the selector names one without
 * a variable in it).
 */
function listedLabel(variable: QueryVariableModel): { label: string; metric?: string; raw: boolean } | undefined {
  if (variable.label !== undefined) return { label: variable.label, ...(variable.metric !== undefined ? { metric: variable.metric } : {}), raw: false };
  const parsed = parseVariableQuery(variable.query);
  if (parsed?.kind !== 'label_values') return undefined;
  if (parsed.selector === undefined) return { label: parsed.label, raw: true };
  const name = /^([A-Za-z_:][A-Za-z0-9_:]*)\s*(\{|$)/.exec(parsed.selector)?.[1] ?? /__name__\s*=\s*"([A-Za-z_:][A-Za-z0-9_:]*)"/.exec(parsed.selector)?.[1];
  // A selector without a name (`{job="api"}`) lists the label from any series: like label_values(label).
  if (name === undefined && /^\{/.test(parsed.selector) && !parsed.selector.includes('__name__')) return { label: parsed.label, raw: true };
  return name === undefined ? undefined : { label: parsed.label, metric: name, raw: true };
}

export const dashboardVariableLabel: Check = {
  id: 'dashboard/variable-label',
  severity: 'error',
  description: "A label variable (or a raw label_values(metric, label) query) lists a label its metric has (or, without a metric, some catalogue series has): otherwise its drop-down is empty.",
  run({ model, catalogue }, report) {
    for (const dashboard of model.dashboards) {
      for (const variable of dashboard.variables) {
        // labelVariable lists a label, and so does a raw label_values(…) query; custom values, intervals… have none to check.
        if (variable.type !== 'query') continue;
        const listed = listedLabel(variable);
        if (listed === undefined) continue;
        const { label, metric, raw } = listed;
        const where = `variable $${variable.name} of dashboard ${dashboard.title}`;
        // A raw query's field is `query`; labelVariable's, the option that names the label.
        const labelField = raw ? 'query' : label === variable.name ? 'name' : 'label';
        if (metric !== undefined) {
          const entry = catalogue.get(metric);
          // A raw query's unknown metric is promql/unknown-metric's (its selector is checked like a panel
          // query), and so is a labelVariable's with matchers (its selector is, too).
          if (!entry && (raw || hasLabelVariableMatchers(variable))) continue;
          if (!entry) {
            report({
              message: `${where} lists label_values(${metric}, ${label}), but "${metric}" is not in the catalogue: the drop-down stays empty.${didYouMean(metric, catalogue.names())}`,
              hint: 'give labelVariable a metric of the catalogue (metric: requests), or declare the metric',
              ...locatedAt(variable, 'metric'),
            });
            continue;
          }
          if (!entry.labels || entry.labels.includes(label)) continue;
          const labels = entry.labels.filter((l) => l !== 'le' && l !== 'quantile');
          report({
            message: `${where} lists label_values(${metric}, ${label}), but ${metric} has no label "${label}": the drop-down stays empty and every query filtered on $${variable.name} shows nothing.${didYouMean(label, labels)}`,
            hint: `${metric} has ${labels.join(', ')}; choose one of them${raw ? '' : " (label: '…')"} or a metric that carries ${label}`,
            ...locatedAt(variable, labelField),
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
          hint: raw ? 'fix the label name, or name the metric that carries it: label_values(metric, label)' : 'fix the label name, or give the variable the metric that carries it (metric: …)',
          ...locatedAt(variable, labelField),
        });
      }
    }
  },
};
