/**
 * Receivers: every notifier kind the API has (email, Slack, webhook, PagerDuty) field by field;
 * the other kinds (OpsGenie, Telegram, …) have no place in the API and are reported, receiver by
 * receiver, with what the user must do.
 */
import { call, type TsValue } from '../ts-source.js';
import { convertFields, secretPlaceholder, type FieldSpec, type ImportContext } from './fields.js';
import { isMap } from './matchers.js';

const COMMON: FieldSpec[] = [{ yaml: 'send_resolved', api: 'sendResolved', type: 'boolean' }];

/** The SMTP fields of an email config (the global section has them as `smtp_<name>`). */
export const SMTP_FIELDS: FieldSpec[] = [
  { yaml: 'from', api: 'from', type: 'string' },
  { yaml: 'smarthost', api: 'smarthost', type: 'string' },
  { yaml: 'hello', api: 'hello', type: 'string' },
  { yaml: 'auth_username', api: 'authUsername', type: 'string' },
  { yaml: 'auth_password', api: 'authPassword', type: 'secret' },
  { yaml: 'require_tls', api: 'requireTls', type: 'boolean' },
];

const EMAIL: FieldSpec[] = [
  { yaml: 'to', api: 'to', type: 'string' },
  ...SMTP_FIELDS,
  { yaml: 'html', api: 'html', type: 'string' },
  { yaml: 'text', api: 'text', type: 'string' },
  { yaml: 'headers', api: 'headers', type: 'stringMap' },
  ...COMMON,
];

const SLACK: FieldSpec[] = [
  { yaml: 'api_url', api: 'apiUrl', type: 'secret' },
  ...['channel', 'username', 'color', 'title', 'pretext', 'text', 'footer', 'fallback'].map((f): FieldSpec => ({ yaml: f, api: f, type: 'string' })),
  { yaml: 'title_link', api: 'titleLink', type: 'string' },
  { yaml: 'icon_emoji', api: 'iconEmoji', type: 'string' },
  { yaml: 'icon_url', api: 'iconUrl', type: 'string' },
  ...COMMON,
];

const WEBHOOK: FieldSpec[] = [
  { yaml: 'url', api: 'url', type: 'string' },
  { yaml: 'max_alerts', api: 'maxAlerts', type: 'number' },
  ...COMMON,
];

const PAGERDUTY: FieldSpec[] = [
  { yaml: 'routing_key', api: 'routingKey', type: 'secret' },
  { yaml: 'service_key', api: 'serviceKey', type: 'secret' },
  ...['url', 'client', 'description', 'severity', 'class', 'component', 'group'].map((f): FieldSpec => ({ yaml: f, api: f, type: 'string' })),
  { yaml: 'client_url', api: 'clientUrl', type: 'string' },
  { yaml: 'details', api: 'details', type: 'stringMap' },
  ...COMMON,
];

/** The notifier kinds the API has: config list name → API field and the fields it knows. */
const KINDS: Record<string, { api: string; fields: FieldSpec[] }> = {
  email_configs: { api: 'email', fields: EMAIL },
  slack_configs: { api: 'slack', fields: SLACK },
  webhook_configs: { api: 'webhook', fields: WEBHOOK },
  pagerduty_configs: { api: 'pagerduty', fields: PAGERDUTY },
};

const UNSUPPORTED_FIELD = 'this field has no counterpart in the API: not converted';

/**
 * A webhook's `http_config`: the API has its authorization (`credentials`, or the older
 * `bearer_token`) and basic auth, secrets as files. Anything else in it is reported.
 */
function webhookHttpConfig(ctx: ImportContext, path: string, http: Record<string, unknown>): Record<string, TsValue> {
  const out: Record<string, TsValue> = {};
  for (const [key, value] of Object.entries(http)) {
    const at = `${path}.${key}`;
    if (key === 'authorization' && isMap(value)) {
      const auth = convertFields(ctx, at, value, [
        { yaml: 'type', api: 'type', type: 'string' },
        { yaml: 'credentials', api: 'credentials', type: 'secret' },
      ], UNSUPPORTED_FIELD);
      if (auth['credentials'] !== undefined) out['authorization'] = auth;
    } else if ((key === 'bearer_token' || key === 'bearer_token_file') && value) {
      // The deprecated form of `authorization` with type Bearer (Alertmanager's default type).
      out['authorization'] = { credentials: key === 'bearer_token' ? secretPlaceholder(ctx, at) : call('secretFile', String(value)) };
    } else if (key === 'basic_auth' && isMap(value)) {
      const basic = convertFields(ctx, at, value, [
        { yaml: 'username', api: 'username', type: 'string' },
        { yaml: 'password', api: 'password', type: 'secret' },
      ], UNSUPPORTED_FIELD);
      if (basic['username'] !== undefined && basic['password'] !== undefined) out['basicAuth'] = basic;
      else ctx.notes.push({ status: 'not-converted', path: at, message: 'the API takes basic auth with both a username and a password file' });
    } else if (value !== undefined && value !== null) {
      ctx.notes.push({ status: 'not-converted', path: at, message: `the API's webhook has no http_config.${key}: not converted` });
    }
  }
  return out;
}

function notifier(ctx: ImportContext, kind: string, path: string, input: Record<string, unknown>): Record<string, TsValue> | undefined {
  const spec = KINDS[kind]!;
  const handled = kind === 'webhook_configs' ? ['http_config', 'url_file'] : [];
  const out = convertFields(ctx, path, input, spec.fields, UNSUPPORTED_FIELD, handled);
  if (kind === 'webhook_configs') {
    if (input['url_file'] !== undefined) {
      ctx.notes.push({ status: 'not-converted', path: `${path}.url_file`, message: 'url_file came in Alertmanager 0.26; totem-mon writes 0.25, which has none: this webhook is not converted' });
      return undefined;
    }
    if (out['url'] === undefined) {
      ctx.notes.push({ status: 'not-converted', path, message: 'a webhook without a URL that can be written in the definitions: not converted' });
      return undefined;
    }
    if (isMap(input['http_config'])) Object.assign(out, webhookHttpConfig(ctx, `${path}.http_config`, input['http_config']));
  }
  if (kind === 'email_configs' && out['to'] === undefined) {
    ctx.notes.push({ status: 'not-converted', path, message: 'an email config without `to`: not converted' });
    return undefined;
  }
  return out;
}

/** One receiver: `receiver({ name, email: […], … })`. */
export function convertReceiver(ctx: ImportContext, input: Record<string, unknown>, index: number): TsValue {
  const name = String(input['name'] ?? '');
  const path = `receivers[${name || index}]`;
  const options: Record<string, TsValue> = { name };
  for (const [key, value] of Object.entries(input)) {
    if (key === 'name' || value === undefined || value === null) continue;
    const kind = KINDS[key];
    if (!kind) {
      const count = Array.isArray(value) ? value.length : 1;
      ctx.notes.push({
        status: 'not-converted',
        path: `${path}.${key}`,
        message: `the API has no ${key.replace(/_configs$/, '')} notifier: ${count} config(s) not converted (the receiver keeps its other notifiers)`,
      });
      continue;
    }
    const configs = (Array.isArray(value) ? value : [])
      .map((c, i) => (isMap(c) ? notifier(ctx, key, `${path}.${key}[${i}]`, c) : undefined))
      .filter((c): c is Record<string, TsValue> => c !== undefined);
    if (configs.length > 0) options[kind.api] = configs;
  }
  return call('receiver', options);
}

