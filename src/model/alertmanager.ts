/**
 * The normalised Alertmanager configuration. Field names follow the definitions API; the
 * compiler maps them to Alertmanager's snake_case. Secrets appear only as file paths.
 */
import type { SlackConfig } from '../api/alertmanager.js';
import type { Located } from './types.js';

export type AlertMatchOp = '=' | '!=' | '=~' | '!~';

export interface AlertMatcherModel {
  label: string;
  op: AlertMatchOp;
  value: string;
}

export interface SmtpModel {
  from?: string;
  smarthost?: string;
  hello?: string;
  authUsername?: string;
  authPasswordFile?: string;
  requireTls?: boolean;
}

export interface AlertmanagerGlobalModel {
  resolveTimeout?: string;
  smtp?: SmtpModel;
  slackApiUrlFile?: string;
}

export interface EmailModel extends SmtpModel {
  to: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  sendResolved?: boolean;
}

/** The API's Slack config with the secret reference resolved to its file path. */
export type SlackModel = Omit<SlackConfig, 'apiUrl'> & { apiUrlFile?: string };

export interface WebhookModel {
  url: string;
  maxAlerts?: number;
  authorization?: { type?: string; credentialsFile: string };
  basicAuth?: { username: string; passwordFile: string };
  sendResolved?: boolean;
}

export interface PagerdutyModel {
  routingKeyFile?: string;
  serviceKeyFile?: string;
  url?: string;
  client?: string;
  clientUrl?: string;
  description?: string;
  severity?: string;
  class?: string;
  component?: string;
  group?: string;
  details?: Record<string, string>;
  sendResolved?: boolean;
}

export interface ReceiverModel extends Located {
  name: string;
  email: EmailModel[];
  slack: SlackModel[];
  webhook: WebhookModel[];
  pagerduty: PagerdutyModel[];
}

export interface RouteModel extends Located {
  /** As written; undefined means "the parent's". */
  receiver?: string;
  matchers: AlertMatcherModel[];
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  continue: boolean;
  /** Root only: the root receiver takes unexpected alerts only (every declared alert must be routed below it). */
  unexpectedOnly?: boolean;
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  routes: RouteModel[];
}

export interface InhibitRuleModel extends Located {
  sourceMatchers: AlertMatcherModel[];
  targetMatchers: AlertMatcherModel[];
  equal: string[];
}

export interface TimePeriodModel {
  times: { start: string; end: string }[];
  weekdays: string[];
  daysOfMonth: string[];
  months: string[];
  years: string[];
  location?: string;
}

export interface TimeIntervalModel extends Located {
  name: string;
  periods: TimePeriodModel[];
}

/** A notification template file from `<definitions>/../templates/`, read by the io stage. */
export interface TemplateFileModel {
  /** File name, e.g. `totem.tmpl`. */
  name: string;
  /** Where it came from, relative like other sources, e.g. `templates/totem.tmpl`. */
  source: string;
  content: string;
}

export interface AlertmanagerModel extends Located {
  global: AlertmanagerGlobalModel;
  receivers: ReceiverModel[];
  route: RouteModel;
  inhibitRules: InhibitRuleModel[];
  timeIntervals: TimeIntervalModel[];
  /** Filled in by the stages (src/app/stages.ts) from the templates folder (empty until then, and in unit tests). */
  templates: TemplateFileModel[];
  tests: RoutingTestModel[];
}

/** An alert as Alertmanager receives it: its full label set (from an alert definition, or written out). */
export interface FiringAlertModel {
  /** The alert definition it came from, when the test named one. */
  alert?: string;
  labels: Record<string, string>;
}

/**
 * A routing test: an alert's labels and the receivers that must be notified. With `at` or
 * `alsoFiring` the expectation is after inhibition and time intervals (src/model/notify.ts).
 */
export interface RoutingTestModel extends Located, FiringAlertModel {
  name: string;
  /** The instant, as written (ISO 8601 with an offset), and in ms since the epoch. */
  at?: string;
  atMs?: number;
  alsoFiring: FiringAlertModel[];
  receivers: string[];
}
