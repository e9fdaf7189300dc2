/**
 * What Alertmanager will see of each alert rule: its static labels (alertname, the rule's labels,
 * Prometheus's external labels) and, for labels coming from the expression, only their names
 * (values are known at run time). Used by routing checks and the generate summary.
 */
import type { AlertModel, Model } from './types.js';
import { fallsToRoot, type LabelSet } from './routing.js';
import { alerts } from './select.js';

/** Labels fixed by the definition: external labels, then the rule's, then alertname (Prometheus's precedence). */
export function staticAlertLabels(model: Pick<Model, 'prometheus'>, alert: AlertModel): LabelSet {
  return { ...model.prometheus.externalLabels, ...alert.labels, alertname: alert.name };
}

export interface AlertLabelKnowledge {
  alert: AlertModel;
  labels: LabelSet;
  /** Labels the expression's result may carry; `'any'` when the analysis could not tell. */
  dynamic: ReadonlySet<string> | 'any';
}

/**
 * Alert rules that only the root (default) route would take, judged on their static labels:
 * usually a sign of a severity or team no route expects. 0 without Alertmanager definitions.
 */
export function alertsToDefaultRoute(model: Model): AlertModel[] {
  const am = model.alertmanager;
  if (!am) return [];
  return alerts(model).filter((alert) => fallsToRoot(am.route, staticAlertLabels(model, alert)));
}
