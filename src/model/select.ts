import type { AlertModel, Model } from './types.js';

/** Every alert of the model, in definition order. */
export function alerts(model: Model): AlertModel[] {
  return model.ruleGroups.flatMap((g) => g.rules.filter((r): r is AlertModel => r.kind === 'alert'));
}
