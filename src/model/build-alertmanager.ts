import type { AlertmanagerInput } from './schema/alertmanager.js';
import type { AlertmanagerModel } from './alertmanager.js';

// Placeholder until the Alertmanager API lands.
export function buildAlertmanager(_input: AlertmanagerInput): AlertmanagerModel {
  return { placeholder: true };
}
