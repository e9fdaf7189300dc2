/**
 * What Alertmanager will see of each alert rule: its static labels (alertname, the rule's labels,
 * Prometheus's external labels) and, for labels coming from the expression, only their names
 * (values are known at run time). Used by routing checks and the summaries.
 */
import type { AlertModel, Model } from './types.js';
import type { LabelSet } from './routing.js';

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
