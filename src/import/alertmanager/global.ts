/**
 * The `global` section: resolve timeout, the SMTP defaults (`smtp_*`) and the Slack URL, secrets as
 * files. The defaults of notifier kinds the API lacks (`opsgenie_api_key`, `http_config`, …) are
 * reported.
 */
import type { TsValue } from '../ts-source.js';
import { convertFields, type ImportContext } from './fields.js';
import { SMTP_FIELDS } from './receivers.js';

export function convertGlobal(ctx: ImportContext, input: Record<string, unknown>): Record<string, TsValue> {
  const smtpInput: Record<string, unknown> = {};
  const otherInput: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('smtp_')) smtpInput[key.slice('smtp_'.length)] = value;
    else otherInput[key] = value;
  }
  const smtp = convertFields(ctx, 'global.smtp', smtpInput, SMTP_FIELDS, 'this SMTP default has no counterpart in the API: not converted');
  // Notes name the config's own field (`global.smtp_auth_password`), not the split above.
  for (const note of ctx.notes) note.path = note.path.replace(/^global\.smtp\./, 'global.smtp_');
  const rest = convertFields(ctx, 'global', otherInput, [
    { yaml: 'resolve_timeout', api: 'resolveTimeout', type: 'string' },
    { yaml: 'slack_api_url', api: 'slackApiUrl', type: 'secret' },
  ], 'this global setting has no counterpart in the API: not converted');
  const { resolveTimeout, ...others } = rest;
  return {
    ...(resolveTimeout !== undefined ? { resolveTimeout } : {}),
    ...(Object.keys(smtp).length > 0 ? { smtp } : {}),
    ...others,
  };
}
