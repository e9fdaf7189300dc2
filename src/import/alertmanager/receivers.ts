/**
 * Receivers: every notifier kind the API has (email, Slack, webhook, PagerDuty, Telegram, Discord,
 * Microsoft Teams, Webex) field by field, each secret as a file; the other kinds (OpsGenie, …) have
 * no place in the API and are reported, receiver by receiver, with what the user must do.
 */
import { call, type TsValue } from '../ts-source.js';
import { convertFields, secretPlaceholder, type FieldSpec, type ImportContext, type NeededFact } from './fields.js';
import { templatedFrom } from '../../model/templated-fields.js';
import type { NotifierKind } from '../../model/alertmanager.js';
import { availability } from '../../model/version-facts.js';
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

// The newer kinds (src/api/alertmanager.ts), each secret as a file: a literal one becomes a placeholder.
const TELEGRAM: FieldSpec[] = [
  { yaml: 'bot_token', api: 'botToken', type: 'secret' },
  { yaml: 'chat_id', api: 'chatId', type: 'number' },
  { yaml: 'message', api: 'message', type: 'string' },
  { yaml: 'parse_mode', api: 'parseMode', type: 'string' },
  { yaml: 'disable_notifications', api: 'disableNotifications', type: 'boolean' },
  ...COMMON,
];

const DISCORD: FieldSpec[] = [
  { yaml: 'webhook_url', api: 'webhookUrl', type: 'secret' },
  ...['title', 'message', 'content', 'username'].map((f): FieldSpec => ({ yaml: f, api: f, type: 'string' })),
  { yaml: 'avatar_url', api: 'avatarUrl', type: 'string' },
  ...COMMON,
];

const MSTEAMS: FieldSpec[] = [
  { yaml: 'webhook_url', api: 'webhookUrl', type: 'secret' },
  ...['title', 'summary', 'text'].map((f): FieldSpec => ({ yaml: f, api: f, type: 'string' })),
  ...COMMON,
];

const WEBEX: FieldSpec[] = [
  { yaml: 'room_id', api: 'roomId', type: 'string' },
  { yaml: 'message', api: 'message', type: 'string' },
  ...COMMON,
];

/** The notifier kinds the API has: config list name → API field, the fields it knows, and the release its file form needs (src/model/version-facts.ts). */
const KINDS: Record<string, { api: string; fields: FieldSpec[]; needs?: NeededFact; required?: readonly string[] }> = {
  email_configs: { api: 'email', fields: EMAIL },
  slack_configs: { api: 'slack', fields: SLACK },
  webhook_configs: { api: 'webhook', fields: WEBHOOK },
  pagerduty_configs: { api: 'pagerduty', fields: PAGERDUTY },
  // bot_token_file: 0.26; webhook_url_file alone: 0.28 (FACTS.telegramBotTokenFile, discordWebhookUrlFile, msteams).
  telegram_configs: { api: 'telegram', fields: TELEGRAM, needs: 'telegramBotTokenFile', required: ['botToken', 'chatId'] },
  discord_configs: { api: 'discord', fields: DISCORD, needs: 'discordWebhookUrlFile', required: ['webhookUrl'] },
  msteams_configs: { api: 'msteams', fields: MSTEAMS, needs: 'msteams', required: ['webhookUrl'] },
  webex_configs: { api: 'webex', fields: WEBEX, required: ['roomId', 'authorization'] },
};

/** The API's name of a required field, as the input names it. */
const YAML_NAME: Record<string, string> = { botToken: 'bot_token (or bot_token_file)', chatId: 'chat_id', webhookUrl: 'webhook_url (or webhook_url_file)', roomId: 'room_id', authorization: 'http_config.authorization.credentials (the bot\'s access token)' };

/** Telegram's parse modes the API takes (TelegramConfig.parseMode). */
const PARSE_MODES = ['HTML', 'MarkdownV2', 'Markdown'];

const UNSUPPORTED_FIELD = 'this field has no counterpart in the API: not converted';

/**
 * A webhook's `http_config`: the API has its authorization (`credentials`, or the older
 * `bearer_token`) and basic auth, secrets as files. Anything else in it is reported.
 */
function webhookHttpConfig(ctx: ImportContext, path: string, http: Record<string, unknown>, kind = 'webhook', basicAuth = true): Record<string, TsValue> {
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
    } else if (key === 'basic_auth' && basicAuth && isMap(value)) {
      const basic = convertFields(ctx, at, value, [
        { yaml: 'username', api: 'username', type: 'string' },
        { yaml: 'password', api: 'password', type: 'secret' },
      ], UNSUPPORTED_FIELD);
      if (basic['username'] !== undefined && basic['password'] !== undefined) out['basicAuth'] = basic;
      else ctx.notes.push({ status: 'not-converted', path: at, message: 'the API takes basic auth with both a username and a password file' });
    } else if (value !== undefined && value !== null) {
      ctx.notes.push({ status: 'not-converted', path: at, message: `the API's ${kind} has no http_config.${key}: not converted` });
    }
  }
  return out;
}

/**
 * A field written as a template (`{{ … }}`) that Alertmanager renders only from a later release than
 * the target (src/model/templated-fields.ts templatedFrom: a Webex room_id from 0.28, a webhook
 * url from 0.31, …): the input was written for a release that renders it, else it sends the text as
 * written. Without a target from a config (the default, 0.25, is no one's choice) that is evidence
 * of the release production runs: the definitions target it (ctx.needs, with a note saying why).
 * A target a config set is the user's word: the field is left to the checks, which say it is sent
 * as written there (alertmanager/template-syntax).
 */
function templatesNeeded(ctx: ImportContext, spec: { api: string; fields: FieldSpec[] }, path: string, out: Record<string, TsValue>): void {
  if (ctx.targetSet) return;
  for (const [field, value] of Object.entries(out)) {
    if (typeof value !== 'string' || !value.includes('{{')) continue;
    const gate = templatedFrom(spec.api as NotifierKind, field);
    if (gate === undefined || availability(gate, ctx.target) === true) continue;
    const yaml = spec.fields.find((f) => f.api === field)?.yaml ?? field;
    ctx.needs.push({ gate, feature: `${yaml} of a ${spec.api} notifier rendered as a template`, path: `${path}.${yaml}`, what: `a template in ${yaml}` });
  }
}

function notifier(ctx: ImportContext, kind: string, path: string, input: Record<string, unknown>): Record<string, TsValue> | undefined {
  const spec = KINDS[kind]!;
  const handled = kind === 'webhook_configs' ? ['http_config', 'url_file'] : kind === 'webex_configs' ? ['http_config'] : [];
  const out = convertFields(ctx, path, input, spec.fields, UNSUPPORTED_FIELD, handled);
  if (kind === 'webex_configs' && isMap(input['http_config'])) {
    // The bot's access token: http_config.authorization (or bearer_token), as the webhook's; no basic auth.
    const auth = webhookHttpConfig(ctx, `${path}.http_config`, input['http_config'], 'webex', false)['authorization'];
    if (auth !== undefined) out['authorization'] = auth;
  }
  if (kind === 'telegram_configs' && out['parseMode'] !== undefined && !PARSE_MODES.includes(String(out['parseMode']))) {
    ctx.notes.push({ status: 'not-converted', path: `${path}.parse_mode`, message: `the API takes parse_mode ${PARSE_MODES.join(', ')}: ${JSON.stringify(out['parseMode'])} is left out (Alertmanager's default, HTML, applies)` });
    delete out['parseMode'];
  }
  const missing = (spec.required ?? []).filter((f) => out[f] === undefined);
  if (missing.length > 0) {
    ctx.notes.push({ status: 'not-converted', path, message: `a ${spec.api} config without ${missing.map((f) => YAML_NAME[f] ?? f).join(' or ')} that can be written in the definitions: not converted` });
    return undefined;
  }
  if (spec.needs !== undefined) ctx.needs.push({ fact: spec.needs, path, what: `a ${spec.api} notifier` });
  templatesNeeded(ctx, spec, path, out);
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

