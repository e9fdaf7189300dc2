import type { Check } from './check.js';
import { alerts } from '../model/select.js';
import { locatedAt } from '../model/located.js';
import { toGrafanaTemplate } from '../gotemplate/grafana.js';
import { formatDuration } from '../duration.js';

/** Grafana evaluates rules on a 10-second tick: a group's interval must be a multiple of it. */
const GRAFANA_TICK_MS = 10_000;

/**
 * With `grafana: { alertRules: true }` the alerts are also written as Grafana-managed rules. What
 * Grafana cannot do is refused, never dropped or left to fail when Grafana loads the file: a
 * template running a PromQL query (`query`, and `first`, `value`, `label`, `strvalue`,
 * `sortByLabel` on its result) or reading `$externalLabels`, and a group interval Grafana's
 * scheduler cannot keep.
 */
export const alertGrafanaUnsupported: Check = {
  id: 'alert/grafana-unsupported',
  severity: 'error',
  description: 'With Grafana-managed alert rules, every alert and group is one Grafana can evaluate.',
  run({ model }, report) {
    if (!model.grafana.alertRules) return;
    for (const group of model.ruleGroups) {
      if (!group.rules.some((r) => r.kind === 'alert') || group.intervalMs % GRAFANA_TICK_MS === 0) continue;
      report({
        message: `rule group ${group.name} is evaluated every ${formatDuration(group.intervalMs)}: Grafana evaluates alert rules on a 10s tick and refuses a group interval that is not a multiple of it`,
        hint: 'give the group an interval that is a multiple of 10s (e.g. 10s, 20s, 30s, 1m), or leave alertRules off',
        ...(group.interval !== undefined ? locatedAt(group, 'interval') : locatedAt(group)),
      });
    }
    for (const alert of alerts(model)) {
      for (const kind of ['labels', 'annotations'] as const) {
        for (const [name, text] of Object.entries(alert[kind])) {
          const { unsupported } = toGrafanaTemplate(text);
          if (unsupported.length === 0) continue;
          report({
            message: `alert ${alert.name}: ${kind === 'labels' ? 'label' : 'annotation'} ${name} uses ${unsupported.join(', ')}, which Grafana-managed alert rules do not have (Grafana runs no PromQL from templates and has no external labels)`,
            hint: 'write the value into the alert expression (a label it keeps) or the text itself; $labels and $value work in Grafana too ($value becomes $values.A.Value)',
            ...locatedAt(alert, kind, name),
          });
        }
      }
    }
  },
};
