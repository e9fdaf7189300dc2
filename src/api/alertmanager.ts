/**
 * Alertmanager definitions: global settings, receivers, the routing tree, inhibit rules and time
 * intervals. Compiled to out/alertmanager/alertmanager.yml (Alertmanager 0.25).
 *
 * A definition never holds a secret: passwords, webhook URLs and keys are files that Alertmanager
 * reads at run time, written `secretFile('/etc/alertmanager/secrets/…')`. A literal is refused.
 */
import type { SourceRef } from '../diagnostic.js';
import type { Matcher } from './selector.js';
import { captureSource } from './source.js';
import type { AlertRule } from './rules.js';
import type { Ignore } from './lint.js';

/** A file on the Alertmanager host holding a secret; only its path is in the output (`*_file`). */
export interface SecretFile {
  readonly kind: 'secretFile';
  /** Absolute path, e.g. `/etc/alertmanager/secrets/smtp_password`. */
  readonly path: string;
  readonly source?: SourceRef;
}

export function secretFile(path: string): SecretFile {
  return { kind: 'secretFile', path, source: captureSource() };
}

/**
 * Alert label matchers: a plain string means `=`; `ne`, `re`, `nre` give the other operators. A label
 * name beyond `[a-zA-Z_][a-zA-Z0-9_]*` (`'k8s.namespace'`) needs Alertmanager 0.27 (`version/unsupported`).
 */
export type AlertMatchers = { readonly [label: string]: Matcher };

// ── global ────────────────────────────────────────────────────────────────────────────────────

/** SMTP settings: in `global.smtp` the defaults (`smtp_from`, …), in an email config its own (`from`, …). */
export interface SmtpDefaults {
  /** `smtp_from` / `from`. */
  from?: string;
  /** `smtp_smarthost` / `smarthost`, `host:port`. */
  smarthost?: string;
  /** `smtp_hello` / `hello`. */
  hello?: string;
  /** `smtp_auth_username` / `auth_username`. */
  authUsername?: string;
  /** `smtp_auth_password_file` / `auth_password_file`. */
  authPassword?: SecretFile;
  /** `smtp_require_tls` / `require_tls` (Alertmanager's default: true). */
  requireTls?: boolean;
}

export interface AlertmanagerGlobal {
  /** `resolve_timeout` (Alertmanager's default 5m). */
  resolveTimeout?: string;
  smtp?: SmtpDefaults;
  /** `slack_api_url_file`: the Slack webhook URL is a secret. */
  slackApiUrl?: SecretFile;
}

// ── receivers ─────────────────────────────────────────────────────────────────────────────────

interface NotifierCommon {
  /** Also notify when the alert resolves (Alertmanager's default differs per integration). */
  sendResolved?: boolean;
}

export interface EmailConfig extends NotifierCommon, SmtpDefaults {
  to: string;
  /** Go template for the HTML body, e.g. `{{ template "email.html" . }}`. */
  html?: string;
  /** Go template for the plain-text body. */
  text?: string;
  /** Mail headers, e.g. `{ Subject: '{{ template "email.subject" . }}' }`. */
  headers?: Record<string, string>;
}

export interface SlackConfig extends NotifierCommon {
  /** `api_url_file` (default: the global `slackApiUrl`). */
  apiUrl?: SecretFile;
  channel?: string;
  username?: string;
  color?: string;
  title?: string;
  titleLink?: string;
  pretext?: string;
  text?: string;
  footer?: string;
  fallback?: string;
  iconEmoji?: string;
  iconUrl?: string;
}

export interface WebhookConfig extends NotifierCommon {
  /** Endpoint; must not hold a secret (Alertmanager 0.25 has no `url_file`: it came in 0.26). */
  url: string;
  maxAlerts?: number;
  /** `http_config.authorization`: `credentials_file` sent as `Authorization: <type> <credentials>`. */
  authorization?: { type?: string; credentials: SecretFile };
  /** `http_config.basic_auth` with `password_file`. */
  basicAuth?: { username: string; password: SecretFile };
}

export interface PagerdutyConfig extends NotifierCommon {
  /** Events API v2 integration key: `routing_key_file`. Give this or `serviceKey`. */
  routingKey?: SecretFile;
  /** Events API v1 (Prometheus integration) key: `service_key_file`. */
  serviceKey?: SecretFile;
  url?: string;
  client?: string;
  clientUrl?: string;
  description?: string;
  severity?: string;
  class?: string;
  component?: string;
  group?: string;
  details?: Record<string, string>;
}

/**
 * `telegram_configs` (Alertmanager 0.26 and later: the first with `bot_token_file`). The bot token is a
 * secret file; `message` is a Go template (default `{{ template "telegram.default.message" . }}`).
 */
export interface TelegramConfig extends NotifierCommon {
  /** `bot_token_file`. */
  botToken: SecretFile;
  /** `chat_id`: the chat (a group's is negative, e.g. -1001234567890). */
  chatId: number;
  message?: string;
  /** `parse_mode`: `HTML` (Alertmanager's default), `MarkdownV2` or `Markdown`. */
  parseMode?: 'HTML' | 'MarkdownV2' | 'Markdown';
  /** `disable_notifications`: deliver silently. */
  disableNotifications?: boolean;
}

/**
 * `discord_configs` (Alertmanager 0.28 and later: the first that accepts a config with only
 * `webhook_url_file`). `title`, `message` and `content` are Go templates.
 */
export interface DiscordConfig extends NotifierCommon {
  /** `webhook_url_file`: the webhook URL holds its token. */
  webhookUrl: SecretFile;
  title?: string;
  message?: string;
  /** Text above the embed (Alertmanager 0.28). */
  content?: string;
  /** Overrides the webhook's name (sent as written). */
  username?: string;
  /** Overrides the webhook's avatar (an image URL, sent as written). */
  avatarUrl?: string;
}

/**
 * `msteams_configs`, the Office 365 connector (Alertmanager 0.28 and later: the first that accepts a
 * config with only `webhook_url_file`). `title`, `summary` and `text` are Go templates.
 */
export interface MsteamsConfig extends NotifierCommon {
  /** `webhook_url_file`: the incoming webhook URL holds its token. */
  webhookUrl: SecretFile;
  title?: string;
  summary?: string;
  text?: string;
}

/**
 * `webex_configs` (Alertmanager 0.25 and later). The bot's access token is sent as
 * `http_config.authorization` (`credentials_file`, type Bearer by default); `message` is a Go template,
 * `roomId` one from Alertmanager 0.28 on.
 */
export interface WebexConfig extends NotifierCommon {
  /** `room_id`. */
  roomId: string;
  message?: string;
  /** `http_config.authorization`: the bot's access token. */
  authorization: { type?: string; credentials: SecretFile };
}

export interface ReceiverOptions<N extends string = string> {
  name: N;
  email?: readonly EmailConfig[];
  slack?: readonly SlackConfig[];
  webhook?: readonly WebhookConfig[];
  pagerduty?: readonly PagerdutyConfig[];
  /** Needs Alertmanager 0.26 (`version/unsupported` refuses it for an older target). */
  telegram?: readonly TelegramConfig[];
  /** Needs Alertmanager 0.28. */
  discord?: readonly DiscordConfig[];
  /** Needs Alertmanager 0.28. */
  msteams?: readonly MsteamsConfig[];
  webex?: readonly WebexConfig[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface Receiver<N extends string = string> extends Readonly<ReceiverOptions<N>> {
  readonly kind: 'receiver';
  readonly source?: SourceRef;
}

/** A named set of notifiers. The name is kept as a literal type so routes can only name receivers. */
export function receiver<const N extends string>(options: ReceiverOptions<N>): Receiver<N> {
  return { kind: 'receiver', ...options, source: captureSource() };
}

// ── routing tree ──────────────────────────────────────────────────────────────────────────────

export interface RouteOptions<R extends string = string> {
  /** Receiver of the alerts this route takes (default: the parent's). Required on the root. */
  receiver?: R;
  /** Alert labels this route takes; the root takes every alert and has none. */
  matchers?: AlertMatchers;
  /**
   * Labels to group by; `['...']` groups by every label. Inherited when absent. `[]` below a route
   * that groups: no grouping, from Alertmanager 0.31 (older ones ignore it and inherit: `version/unsupported`).
   */
  groupBy?: readonly string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  /** Keep looking at the following sibling routes after this one matched (default false). */
  continue?: boolean;
  /**
   * Root route only: its receiver is a catch-all for alerts nobody declared (another Prometheus, a
   * label added at run time). Every alert of the project must then be taken by a route below the
   * root: one that falls to the root is an error (`alertmanager/default-route`), not a warning.
   * Default false. Not written to the Alertmanager file: it is a promise totem-mon checks.
   */
  unexpectedOnly?: boolean;
  /** Names of time intervals during which this route is muted. */
  muteTimeIntervals?: readonly string[];
  /** Names of time intervals outside which this route is muted. */
  activeTimeIntervals?: readonly string[];
  routes?: readonly Route<R>[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface Route<R extends string = string> extends Readonly<RouteOptions<R>> {
  readonly kind: 'route';
  readonly source?: SourceRef;
}

/** The receiver names used in some routes (and below them). */
export type ReceiverNamesOf<Rs extends readonly Route[]> = NameOf<Rs[number]>;
// Distributive (naked T), so that no routes give `never`, not `string`.
type NameOf<T> = T extends Route<infer N> ? N : never;

/**
 * A route. Its type carries every receiver name used in it and below it: `R` from `receiver`, the
 * rest from the child routes (kept as a tuple so TypeScript does not widen the names to string).
 */
export function route<const R extends string = never, const Rs extends readonly Route[] = []>(
  options: Omit<RouteOptions<R>, 'routes'> & { routes?: Rs },
): Route<NoInfer<R | ReceiverNamesOf<Rs>>> {
  return { kind: 'route', ...options, source: captureSource() } as Route<R | ReceiverNamesOf<Rs>>;
}

// ── inhibit rules and time intervals ─────────────────────────────────────────────────────────

export interface InhibitRuleOptions {
  /** Alerts that mute others while they fire. */
  sourceMatchers: AlertMatchers;
  /** Alerts that are muted. */
  targetMatchers: AlertMatchers;
  /** Labels that must be equal in source and target (e.g. `['alertname']`). */
  equal?: readonly string[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface InhibitRule extends Readonly<InhibitRuleOptions> {
  readonly kind: 'inhibitRule';
  readonly source?: SourceRef;
}

export function inhibitRule(options: InhibitRuleOptions): InhibitRule {
  return { kind: 'inhibitRule', ...options, source: captureSource() };
}

/** One period (Alertmanager's `time_intervals[]` entry); every field given must match. */
export interface TimePeriod {
  /** `HH:MM` ranges, end exclusive, e.g. `[{ start: '22:00', end: '24:00' }]`. */
  times?: readonly { start: string; end: string }[];
  /** e.g. `['monday:friday', 'sunday']`. */
  weekdays?: readonly string[];
  /** e.g. `['1:5', '-1']`. */
  daysOfMonth?: readonly string[];
  /** e.g. `['january:march', 'december']`. */
  months?: readonly string[];
  years?: readonly string[];
  /** IANA time zone, e.g. `America/Sao_Paulo` (default UTC); not `Local` (the Alertmanager host's, which totem-mon cannot know). */
  location?: string;
}

export interface TimeIntervalOptions {
  name: string;
  periods: readonly TimePeriod[];
  /** Silences checks on this definition, each with the reason: `{ 'alertmanager/unused-time-interval': 'why' }`. */
  ignore?: Ignore;
}

export interface TimeInterval extends Readonly<TimeIntervalOptions> {
  readonly kind: 'timeInterval';
  readonly source?: SourceRef;
}

export function timeInterval(options: TimeIntervalOptions): TimeInterval {
  return { kind: 'timeInterval', ...options, source: captureSource() };
}

// ── the whole configuration ───────────────────────────────────────────────────────────────────

export interface AlertmanagerOptions<R extends readonly Receiver[] = readonly Receiver[]> {
  global?: AlertmanagerGlobal;
  receivers: R;
  /** The root route: takes every alert; `receiver` is its default receiver. */
  route: Route<NoInfer<R[number]['name']>>;
  inhibitRules?: readonly InhibitRule[];
  timeIntervals?: readonly TimeInterval[];
  /** Routing tests: alerts' labels and the receivers they must reach (`amtool config routes test`). */
  tests?: readonly RoutingTest<NoInfer<R[number]['name']>>[];
  /**
   * Settings of the notification template files (`templates/*.tmpl`), by file name: `ignore` silences
   * checks on one file, each with the reason: `{ 'alerts.tmpl': { ignore: { 'alertmanager/template-field': 'why' } } }`.
   */
  templateFiles?: Readonly<Record<string, TemplateFileSettings>>;
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

/** What a notification template file can say of itself (its content is the file in templates/). */
export interface TemplateFileSettings {
  /** Silences checks on this file, each with the reason: `{ 'alertmanager/template-field': 'why' }`. */
  ignore?: Ignore;
}

/**
 * An alert as Alertmanager receives it. Name the alert definition (`{ alert: postgresDown }`): its
 * labels (alertname, the rule's labels, Prometheus's external labels) come from the definition, so a
 * typo there fails the test; `labels` adds the series labels the expression gives it (they never
 * override the rule's), and the value a templated rule label renders (`severity: 'critical'` for
 * `'{{ if … }}critical{{ else }}warning{{ end }}'`: that one is the test's). Or write every label out: `{ labels: { alertname: 'X', severity: 'warning' } }`.
 */
export type FiringAlert =
  | { readonly alert: AlertRule; readonly labels?: Readonly<Record<string, string>> }
  | { readonly alert?: undefined; readonly labels: Readonly<Record<string, string>> };

/**
 * An alert and the receivers that must be notified, in order. Without `at` and `alsoFiring` this is
 * amtool's `routes test` (routing only). With them, the expectation is after inhibition (by the
 * alerts in `alsoFiring`) and after the routes' mute and active time intervals at instant `at`:
 * totem-mon's own simulation of Alertmanager 0.25 judges it (amtool ignores both), and
 * `receivers: []` says that nobody is notified.
 */
export type RoutingTest<N extends string = string> = FiringAlert & {
  /** What the case shows (default: the alert name or the labels). */
  readonly name?: string;
  /** ISO 8601 instant with its offset, e.g. `'2024-11-30T23:30:00-03:00'`: time intervals are judged then. */
  readonly at?: string;
  /** Alerts firing at the same time (the sources of inhibit rules). */
  readonly alsoFiring?: readonly FiringAlert[];
  readonly receivers: readonly N[];
};

export interface AlertmanagerDefinition extends Readonly<AlertmanagerOptions> {
  readonly kind: 'alertmanager';
  readonly source?: SourceRef;
}

/**
 * The Alertmanager configuration. Routes may only name receivers listed here (a type error in the
 * editor; `totem-mon generate` checks it again as `alertmanager/unknown-receiver`).
 */
export function alertmanager<const R extends readonly Receiver[]>(options: AlertmanagerOptions<R>): AlertmanagerDefinition {
  return { kind: 'alertmanager', ...options, source: captureSource() } as AlertmanagerDefinition;
}
