import type { AlertModel, Model, RecordModel, RuleModel } from './types.js';

// The one place that picks rules out of the model by kind: checks, the catalogue, rule tests and
// the summary all read these, in definition order. Plain loops, not flatMap/filter: the checks ask
// for them dozens of times a run, and Node 20's flatMap is several times slower than a loop
// (10,000 rules on the large benchmark set).

/** Every rule of the model. */
export function rules(model: Pick<Model, 'ruleGroups'>): RuleModel[] {
  const out: RuleModel[] = [];
  for (const group of model.ruleGroups) for (const rule of group.rules) out.push(rule);
  return out;
}

/** Every alerting rule. */
export function alerts(model: Pick<Model, 'ruleGroups'>): AlertModel[] {
  const out: AlertModel[] = [];
  for (const group of model.ruleGroups) for (const rule of group.rules) if (rule.kind === 'alert') out.push(rule);
  return out;
}

/** Every recording rule. */
export function records(model: Pick<Model, 'ruleGroups'>): RecordModel[] {
  const out: RecordModel[] = [];
  for (const group of model.ruleGroups) for (const rule of group.rules) if (rule.kind === 'record') out.push(rule);
  return out;
}
