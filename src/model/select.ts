import type { AlertModel, Model, RecordModel, RuleModel } from './types.js';

// The one place that picks rules out of the model by kind: checks, the catalogue, rule tests and
// the summary all read these, in definition order.

/** Every rule of the model. */
export function rules(model: Pick<Model, 'ruleGroups'>): RuleModel[] {
  return model.ruleGroups.flatMap((g) => g.rules);
}

/** Every alerting rule. */
export function alerts(model: Pick<Model, 'ruleGroups'>): AlertModel[] {
  return rules(model).filter((r): r is AlertModel => r.kind === 'alert');
}

/** Every recording rule. */
export function records(model: Pick<Model, 'ruleGroups'>): RecordModel[] {
  return rules(model).filter((r): r is RecordModel => r.kind === 'record');
}
