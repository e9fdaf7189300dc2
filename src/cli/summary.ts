import type { Diagnostic } from '../diagnostic.js';
import { countBySeverity } from '../diagnostic.js';
import type { Model } from '../model/types.js';
import { alertsToDefaultRoute } from '../model/alert-labels.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the definitions hold, for one-line summaries. */
export function describeModel(model: Model): string {
  const rules = model.ruleGroups.flatMap((g) => g.rules);
  const alerts = rules.filter((r) => r.kind === 'alert').length;
  return [
    plural(model.metrics.length, 'metric'),
    plural(model.ruleGroups.length, 'rule group'),
    plural(alerts, 'alert'),
    plural(rules.length - alerts, 'recording rule'),
    plural(model.dashboards.length, 'dashboard'),
    // Alertmanager: how many alerts only the default (root) route takes (src/model/routing.ts).
    ...(model.alertmanager
      ? [`${plural(model.alertmanager.receivers.length, 'receiver')} (${plural(alertsToDefaultRoute(model).length, 'alert')} to the default route)`]
      : []),
  ].join(', ');
}

export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}`;
}

export { plural };
