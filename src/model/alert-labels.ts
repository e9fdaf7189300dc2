/**
 * What Alertmanager will see of each alert rule: its static labels (alertname, the rule's labels,
 * Prometheus's external labels) and, for labels coming from the expression, only their names
 * (values are known at run time). Used by routing checks and the summaries.
 */
import type { AlertModel, Model } from './types.js';
import type { LabelSet } from './routing.js';

/**
 * Labels fixed by the definition: external labels, then the rule's, then alertname (Prometheus's
 * precedence). Copied key by key: a literal spreading two label sets of many shapes takes V8's
 * generic path (~4 µs a call against ~0.3 for this loop), and a large project asks this for each of 10,000 alerts.
 */
export function staticAlertLabels(model: Pick<Model, 'prometheus'>, alert: AlertModel): LabelSet {
  // No prototype: a label named `constructor` or `__proto__` is a key like any other (`in` tests it).
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  const external = model.prometheus.externalLabels;
  for (const name in external) labels[name] = external[name]!;
  for (const name in alert.labels) labels[name] = alert.labels[name]!;
  labels.alertname = alert.name;
  return labels;
}

export interface AlertLabelKnowledge {
  alert: AlertModel;
  labels: LabelSet;
  /** Labels the expression's result may carry; `'any'` when the analysis could not tell. */
  dynamic: ReadonlySet<string> | 'any';
  /**
   * Rule labels whose value is a Go template (Prometheus expands it at every evaluation, so the
   * text itself never reaches Alertmanager), with the values it can render when it prints only
   * literal text chosen by `{{ if }}` (`critical`, `warning`), undefined when it prints data (any
   * value). Not in `labels`; in `dynamic` (when that is a set). A rendering can also be empty
   * (Prometheus then drops the label).
   */
  templated?: ReadonlyMap<string, readonly string[] | undefined>;
}
