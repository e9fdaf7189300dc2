import type { SourceRef } from '../diagnostic.js';
import type { CheckSetting } from '../check-ids.js';
import type { MetricType } from '../api/metrics.js';
import type { AlertTestCase, RecordTestCase } from '../api/tests.js';
import type { AlertmanagerModel } from './alertmanager.js';
import type { DashboardModel } from './dashboard.js';

/** The normalised model every compiler and check reads. Built once, never mutated after. */
export interface Located {
  /** Path inside the definitions, e.g. ['ruleGroups', 'totem_alerts', 'rules', 'HighErrorRate']. */
  path: string[];
  source?: SourceRef;
  /** Checks silenced on this definition, by id, with the reason (`ignore` in the definitions). */
  ignore?: Readonly<Record<string, string>>;
}

export interface MetricModel extends Located {
  type: MetricType;
  name: string;
  help: string;
  labels: string[];
  unit?: string;
  exporter?: string;
  buckets?: number[];
  quantiles?: number[];
}

export interface AlertModel extends Located {
  kind: 'alert';
  name: string;
  expr: string;
  for?: string;
  keepFiringFor?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  tests: AlertTestCase[];
  group: string;
}

export interface RecordModel extends Located {
  kind: 'record';
  name: string;
  expr: string;
  labels: Record<string, string>;
  tests: RecordTestCase[];
  group: string;
}

export type RuleModel = AlertModel | RecordModel;

export interface RuleGroupModel extends Located {
  name: string;
  /** Safe file name stem for out/prometheus/rules/<fileName>.yml. */
  fileName: string;
  interval?: string;
  /** The interval actually used: the group's or the global evaluation interval. */
  intervalMs: number;
  rules: RuleModel[];
}

export interface ScrapeJobModel extends Located {
  job: string;
  targets: string[];
  metricsPath: string;
  interval?: string;
  /** The interval actually used: the job's or the global scrape interval. */
  intervalMs: number;
  timeout?: string;
  scheme: 'http' | 'https';
  labels: Record<string, string>;
}

export interface PrometheusModel {
  scrapeInterval: string;
  scrapeTimeout: string;
  evaluationInterval: string;
  externalLabels: Record<string, string>;
  scrapeJobs: ScrapeJobModel[];
  alertmanagers: string[];
}

/** Where a PromQL expression lives: every rule and every panel target is one. */
export interface ExpressionRef extends Located {
  expr: string;
  context: 'alert' | 'record' | 'panel';
  /** Rule name or panel title, for messages. */
  owner: string;
}

/** A value that looks like a secret and is not one: `notSecret(value, reason)` in `secrets.allow`. */
export interface NotSecretModel extends Located {
  value: string;
  reason: string;
}

export interface Model {
  name: string;
  /** The definitions entry file (e.g. `definitions/index.ts`), named in generated headers. */
  entry: string;
  metrics: MetricModel[];
  prometheus: PrometheusModel;
  ruleGroups: RuleGroupModel[];
  alertmanager?: AlertmanagerModel;
  dashboards: DashboardModel[];
  /** Values the secret scan lets through, each with its reason (src/secrets/). */
  notSecrets: NotSecretModel[];
  /** The project's check settings (`lint.checks`): per check id, off or a severity. */
  lint: { checks: Readonly<Record<string, CheckSetting>> };
}
