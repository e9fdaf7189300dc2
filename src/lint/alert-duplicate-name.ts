import type { AnalyzedExpression, Check, CheckContext } from './check.js';
import { formatSource } from '../diagnostic.js';
import type { AlertModel, Model } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { alerts } from '../model/select.js';
import { SLO_LABEL, sloGroupNames } from '../model/slo-names.js';
import { compareCodeUnits } from '../text-order.js';
import { ruleExpressionOf } from './rules-select.js';

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => compareCodeUnits(a, b)));
}

/** Calls and aggregations that write a label's value, or make series without the selectors' labels. */
const REWRITES_LABELS = new Set(['label_replace', 'label_join', 'info', 'vector', 'time', 'pi', 'scalar']);

/**
 * The labels every series of an expression's result carries, with their value: those every selector
 * fixes to one value (`{service="api"}`) and the result keeps (no aggregation dropped them, no
 * function wrote them, no series made without them). Empty when in doubt: then only the static
 * labels tell two alerts apart.
 */
function labelsOfExpression(e: AnalyzedExpression): Map<string, string> {
  const certain = new Map<string, string>();
  const { analysis } = e;
  if (analysis.parsed.errors.length > 0 || analysis.result.kind !== 'vector' || analysis.selectors.length === 0) return certain;
  if (analysis.calls.some((c) => REWRITES_LABELS.has(c.name)) || /\bcount_values\b/.test(e.text)) return certain;
  const [first, ...others] = analysis.selectors;
  for (const m of first!.matchers) {
    if (m.op !== '=' || m.label === '__name__' || !analysis.result.labels.has(m.label)) continue;
    if (others.every((s) => s.matchers.some((o) => o.label === m.label && o.op === '=' && o.value === m.value))) certain.set(m.label, m.value);
  }
  return certain;
}

/**
 * The SLO an alert was generated for: src/model/slo-rules.ts places it at the SLO's path + `alerting`
 * and in the SLO's alerts group (two SLOs of one name in two services share the path).
 */
function sloOf(model: Model, rule: AlertModel) {
  return model.slos.find(
    (slo) =>
      rule.group === sloGroupNames(slo.service, slo.name).alerts &&
      rule.path.length === slo.path.length + 2 &&
      rule.path[slo.path.length] === 'alerting' &&
      slo.path.every((p, i) => rule.path[i] === p),
  );
}

/**
 * The labels an alert's series are certain to carry besides its static ones: an SLO's alerts those
 * of the SLO (service and slo: its expression reads only the SLO's recorded series), another alert
 * what its expression fixes.
 */
function expressionLabels(context: CheckContext, rule: AlertModel): Map<string, string> {
  const slo = sloOf(context.model, rule);
  if (slo) return new Map([[SLO_LABEL.service, slo.service], [SLO_LABEL.slo, slo.name]]);
  // Two alerts of one name in one group share a path: each has its own expression (paired by position).
  const e = ruleExpressionOf(context, rule);
  return e ? labelsOfExpression(e) : new Map();
}

/** Whether a label their expressions fix (and their static labels leave alone) differs: Alertmanager tells them apart. */
function apart(a: AlertModel, aLabels: Map<string, string>, b: Map<string, string>): boolean {
  for (const [label, value] of aLabels) if (!(label in a.labels) && b.has(label) && b.get(label) !== value) return true;
  return false;
}

export const alertDuplicateName: Check = {
  id: 'alert/duplicate-name',
  severity: 'error',
  description: 'Two alerts with the same name and labels would produce identical, indistinguishable alerts.',
  run(context, report) {
    const { model } = context;
    // By name first: labels are compared (their key made) only among alerts that share a name.
    const byName = new Map<string, AlertModel[]>();
    const keys = new Map<AlertModel, string>();
    const keyOf = (rule: AlertModel) => {
      let key = keys.get(rule);
      if (key === undefined) keys.set(rule, (key = labelKey(rule.labels)));
      return key;
    };
    const fixed = new Map<AlertModel, Map<string, string>>();
    const fixedOf = (rule: AlertModel) => {
      let labels = fixed.get(rule);
      if (labels === undefined) fixed.set(rule, (labels = expressionLabels(context, rule)));
      return labels;
    };
    for (const rule of alerts(model)) {
      const named = byName.get(rule.name);
      if (!named) {
        byName.set(rule.name, [rule]);
        continue;
      }
      const first = named.find((r) => keyOf(r) === keyOf(rule) && !apart(rule, fixedOf(rule), fixedOf(r)));
      if (first) {
        report({
          message: `alert "${rule.name}" is defined twice with the same labels (first in group ${first.group}${first.source ? `, ${formatSource(first.source)}` : ''})`,
          hint: 'rename one, or tell them apart with a label (e.g. a different severity)',
          ...locatedAt(rule),
        });
      } else {
        named.push(rule);
      }
    }
  },
};
