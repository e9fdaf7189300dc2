import type { RouteModel } from '../model/alertmanager.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { staticAlertLabels } from '../model/alert-labels.js';
import { walkRoutes } from '../model/routing.js';
import type { CheckContext } from './check.js';
import { alertExpressions } from './rules-select.js';
import { alerts } from '../model/select.js';

/** Every route below the root (the root takes every alert and has no matchers). */
export function childRoutes(root: RouteModel) {
  return walkRoutes(root).filter((r) => r.position.length > 0);
}

/** Each alert rule with its static labels and the labels its expression may add. */
export function alertLabelKnowledge(context: CheckContext): AlertLabelKnowledge[] {
  const analysed = new Map(alertExpressions(context).map(({ alert, e }) => [alert, e.analysis.result]));
  return alerts(context.model).map((alert) => {
    const result = analysed.get(alert);
    const dynamic =
      result === undefined || (result.kind === 'vector' && !result.exact)
        ? ('any' as const)
        : result.kind === 'vector'
          ? result.labels
          : new Set<string>();
    return { alert, labels: staticAlertLabels(context.model, alert), dynamic };
  });
}
