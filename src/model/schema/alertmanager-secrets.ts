/**
 * A definition never holds a secret. This scan runs on the raw Alertmanager definition before its
 * shape is checked, so that a literal password, key or Slack webhook URL is reported as what it is,
 * naming the receiver and the field, with the file-based form as hint (not as "invalid type").
 */
import type { z } from 'zod';
import { withHint } from './hint.js';

export const SECRETS_DIR = '/etc/alertmanager/secrets';

/** Field names (ours and Alertmanager's snake_case) whose value is a secret. `*File`/`*_file` are paths. */
const SECRET_FIELD = /password|secret|token|credential|key$|api_?url$|webhook_?url$/i;
const FILE_FIELD = /(File|_file)$/;
const SLACK_WEBHOOK = /hooks\.slack\.com/i;

/** Alertmanager's names of secret fields → the definitions API's. */
const API_NAME: Record<string, string> = {
  auth_password: 'authPassword',
  smtp_auth_password: 'authPassword',
  api_url: 'apiUrl',
  slack_api_url: 'slackApiUrl',
  routing_key: 'routingKey',
  service_key: 'serviceKey',
  bot_token: 'botToken',
  webhook_url: 'webhookUrl',
};

/** A plausible secret file name for each field, for the hint. */
const FILE_NAME: Record<string, string> = {
  authPassword: 'smtp_password',
  apiUrl: 'slack_webhook_url',
  slackApiUrl: 'slack_webhook_url',
  routingKey: 'pagerduty_routing_key',
  serviceKey: 'pagerduty_service_key',
  credentials: 'webhook_token',
  password: 'basic_auth_password',
  botToken: 'telegram_bot_token',
  webhookUrl: 'webhook_url',
};

/** What kind of secret a literal is, for messages: "password", "Slack webhook URL", … */
export function what(field: string, value: string): string {
  if (SLACK_WEBHOOK.test(value)) return 'Slack webhook URL';
  if (/pass/i.test(field)) return 'password';
  if (/key$/i.test(field)) return 'key';
  if (/(api|webhook)_?url$/i.test(field)) return 'webhook URL';
  return 'secret';
}

function hintFor(field: string, value: string): string {
  const apiField = API_NAME[field] ?? field;
  const fileField = FILE_NAME[apiField];
  if (fileField) {
    return (
      `write ${apiField}: secretFile('${SECRETS_DIR}/${fileField}') and put the value in that file on the Alertmanager host ` +
      `(the output then says *_file: the path, never the value)`
    );
  }
  if (SLACK_WEBHOOK.test(value)) {
    return `a Slack webhook URL is a secret: use slack: [{ apiUrl: secretFile('${SECRETS_DIR}/slack_webhook_url') }] (or global.slackApiUrl)`;
  }
  return `put the value in a file under ${SECRETS_DIR}/ and reference it with secretFile('${SECRETS_DIR}/…')`;
}

type Path = (string | number)[];

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `email[0].authPassword` from a path below the receiver. */
export function fieldPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function scan(node: unknown, path: Path, found: (path: Path, field: string, value: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => scan(item, [...path, i], found));
    return;
  }
  if (!isObject(node) || node['kind'] === 'secretFile') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'source') continue;
    if (typeof value === 'string') {
      const secretField = SECRET_FIELD.test(key) && !FILE_FIELD.test(key);
      if (secretField || SLACK_WEBHOOK.test(value)) found([...path, key], key, value);
    } else {
      scan(value, [...path, key], found);
    }
  }
}

/** zod refinement over the raw `alertmanager` definition: one issue per literal secret. */
export function refuseLiteralSecrets(raw: unknown, ctx: z.RefinementCtx): void {
  if (!isObject(raw)) return;
  const report = (owner: string, base: Path) => (path: Path, field: string, value: string) => {
    ctx.addIssue({
      code: 'custom',
      path: [...base, ...path],
      message: withHint(
        `${owner}: ${fieldPath(path)} holds a literal ${what(field, value)}; a definition never holds a secret`,
        hintFor(field, value),
      ),
    });
  };
  scan(raw['global'], [], report('alertmanager global', ['global']));
  const receivers = raw['receivers'];
  if (Array.isArray(receivers)) {
    receivers.forEach((r, i) => {
      const name = isObject(r) && typeof r['name'] === 'string' ? r['name'] : `#${i}`;
      scan(r, [], report(`receiver ${name}`, ['receivers', i]));
    });
  }
}
