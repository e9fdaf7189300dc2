/**
 * The normalised Alertmanager configuration. Its types are derived from the definitions API
 * (src/api/alertmanager.ts), so a field is declared once: field names follow the API, secrets are
 * resolved to their file paths (`authPassword: secretFile(p)` → `authPasswordFile: p`), lists are
 * always there (empty when not written) and defaults are applied. The compiler maps the names to
 * Alertmanager's snake_case.
 */
import type {
  AlertmanagerGlobal, InhibitRuleOptions, ReceiverOptions, RouteOptions, SecretFile, TimeIntervalOptions, TimePeriod,
} from '../api/alertmanager.js';
import type { MatchValue } from '../api/selector.js';
import type { Located } from './types.js';

/** One `label op "value"` of a route or an inhibit rule. */
export interface AlertMatcherModel extends MatchValue {
  label: string;
}

type Mutable<V> = V extends readonly (infer E)[] ? E[] : V;

/** Fields `K` of `T` always present in the model (a default applied, or an empty list), the rest as written. */
type Filled<T, K extends keyof T> = { -readonly [F in keyof T as F extends K ? never : F]: Mutable<T[F]> } & {
  -readonly [F in K]-?: Mutable<NonNullable<T[F]>>;
};

/**
 * An API shape with every secret file resolved to its path: field `x: SecretFile` becomes
 * `xFile: string`, at any depth (webhook `authorization.credentials` → `credentialsFile`).
 */
export type WithSecretFiles<T> = {
  -readonly [K in keyof T as NonNullable<T[K]> extends SecretFile ? `${K & string}File` : K]: SecretFilePaths<T[K]>;
};
type SecretFilePaths<V> = V extends SecretFile
  ? string
  : V extends readonly unknown[]
    ? V
    : V extends object
      ? WithSecretFiles<V>
      : V;

/** The kinds of notifier a receiver has: `email`, `slack`, … (every list field of the API's receiver). */
export type NotifierKind = Exclude<keyof ReceiverOptions, 'name' | 'ignore'>;
/** Every notifier kind, in the order of the output (`satisfies` keeps the list complete and exact). */
export const NOTIFIER_KINDS = Object.keys(
  { email: 0, slack: 0, webhook: 0, pagerduty: 0, telegram: 0, discord: 0, msteams: 0, webex: 0 } satisfies Record<NotifierKind, 0>,
) as NotifierKind[];
export type NotifierModel<K extends NotifierKind> = WithSecretFiles<NonNullable<ReceiverOptions[K]>[number]>;

export type EmailModel = NotifierModel<'email'>;
export type SlackModel = NotifierModel<'slack'>;
export type WebhookModel = NotifierModel<'webhook'>;
export type PagerdutyModel = NotifierModel<'pagerduty'>;
export type WebexModel = NotifierModel<'webex'>;
export type AlertmanagerGlobalModel = WithSecretFiles<AlertmanagerGlobal>;

export type ReceiverModel = Located & { name: string } & { [K in NotifierKind]: NotifierModel<K>[] };

export type RouteModel = Located &
  Filled<Omit<RouteOptions, 'matchers' | 'routes' | 'ignore'>, 'continue' | 'muteTimeIntervals' | 'activeTimeIntervals'> & {
    matchers: AlertMatcherModel[];
    routes: RouteModel[];
  };

export type InhibitRuleModel = Located &
  Filled<Omit<InhibitRuleOptions, 'ignore' | 'sourceMatchers' | 'targetMatchers'>, 'equal'> & {
    sourceMatchers: AlertMatcherModel[];
    targetMatchers: AlertMatcherModel[];
  };

export type TimePeriodModel = Filled<TimePeriod, Exclude<keyof TimePeriod, 'location'>>;

export type TimeIntervalModel = Located & Omit<TimeIntervalOptions, 'periods'> & { periods: TimePeriodModel[] };

/** A notification template file from `<definitions>/../templates/`, read by the io stage. */
export interface TemplateFileModel {
  /** File name, e.g. `alerts.tmpl`. */
  name: string;
  /** Where it came from, relative like other sources, e.g. `templates/alerts.tmpl`. */
  source: string;
  content: string;
}

export interface TemplateFileSettingsModel extends Located {
  /** File name, e.g. `alerts.tmpl`. */
  name: string;
}

export interface AlertmanagerModel extends Located {
  global: AlertmanagerGlobalModel;
  receivers: ReceiverModel[];
  route: RouteModel;
  inhibitRules: InhibitRuleModel[];
  timeIntervals: TimeIntervalModel[];
  /** Filled in by the stages (src/app/stages.ts) from the templates folder (empty until then, and in unit tests). */
  templates: TemplateFileModel[];
  /**
   * `templateFiles` of the definition: each file's `ignore`, located at `['templates', name]` (where
   * the checks on the file report), its source the definition's `templateFiles` entry.
   */
  templateFiles: TemplateFileSettingsModel[];
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
