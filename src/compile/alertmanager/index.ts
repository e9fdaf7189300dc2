import type { Model } from '../../model/types.js';
import type { OutputFile } from '../output.js';
import { compileAlertmanagerConfig } from './config.js';
import { compileTemplates } from './templates.js';

/** out/alertmanager/: alertmanager.yml and the notification templates (nothing without a definition). */
export function compileAlertmanager(model: Model): OutputFile[] {
  const am = model.alertmanager;
  if (!am) return [];
  return [compileAlertmanagerConfig(model, am), ...compileTemplates(am)];
}
