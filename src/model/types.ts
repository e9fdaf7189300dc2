import type { GrafanaSettings } from './settings.js';
import type { SourceRef } from '../diagnostic.js';
import type { CheckSetting } from '../check-ids.js';
import type { AnyMetric, Histogram, Summary } from '../api/metrics.js';
import type { AlertOptions, RecordOptions } from '../api/rules.js';
import type { ScrapeJobOptions } from '../api/scrape.js';
import type { FileSd, HttpSd, KubernetesSd } from '../api/service-discovery.js';
import type { RelabelRuleInput } from './schema/prometheus.js';
import type { AlertTestCase, RecordTestCase } from '../api/tests.js';
import type { AlertmanagerModel } from './alertmanager.js';
import type { DashboardModel } from './dashboard.js';
import type { SloModel } from './slo.js';
import type { DocsModel } from './docs.js';
import type { OutputModel } from './outputs.js';
import type { AlertmanagerVersion, BlackboxVersion, PrometheusVersion } from '../api/versions.js';

/** The normalised model every compiler and check reads. Built once, never mutated after. */
export interface Located {
  /** Path inside the definitions, e.g. ['ruleGroups', 'totem_alerts', 'rules', 'HighErrorRate']. */
  path: string[];
  source?: SourceRef;
  /** Checks silenced on this definition, by id, with the reason (`ignore` in the definitions). */
  ignore?: Readonly<Record<string, string>>;
}

// The model's types are the API's (src/api/), normalised: lists always there, defaults applied.

export interface MetricModel extends Located, Pick<AnyMetric, 'type' | 'name' | 'help' | 'unit' | 'exporter'> {
  labels: string[];
  /** The names of the scrape jobs that scrape it (`jobs`); absent: any job may. */
  jobs?: string[];
  buckets?: Histogram['buckets'];
  quantiles?: Summary['quantiles'];
}

/** Time between input samples when a test case does not say: promtool's default. */
export const DEFAULT_TEST_INTERVAL = '1m';

/** A rule's test case, its input interval always there (DEFAULT_TEST_INTERVAL when not written). */
export type TestCaseModel<T extends { interval?: string }> = Omit<T, 'interval'> & { interval: string };

export interface AlertModel extends Located, Pick<AlertOptions, 'expr' | 'for' | 'keepFiringFor'> {
  kind: 'alert';
  /** The alert name (`alert` in the definition). */
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  tests: TestCaseModel<AlertTestCase>[];
  /** The evaluation interval of its unit tests when not its group's (`testInterval`; an SLO alert's generated tests tick coarser). */
  testInterval?: string;
  group: string;
}

export interface RecordModel extends Located, Pick<RecordOptions, 'expr'> {
  kind: 'record';
  /** The recorded series' name (`record` in the definition). */
  name: string;
  labels: Record<string, string>;
  tests: TestCaseModel<RecordTestCase>[];
  /** The evaluation interval of its unit tests when not its group's (`testInterval`). */
  testInterval?: string;
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
  /** Prometheus's group `limit`, when set. */
  limit?: number;
  rules: RuleModel[];
  /** Mimir's federated rule group: the tenants it reads (mimir profile only). */
  sourceTenants?: string[];
  /** Thanos's partial response strategy (thanos profile and PrometheusRules only). */
  partialResponseStrategy?: 'warn' | 'abort';
}

export interface ScrapeJobModel extends Located, Pick<ScrapeJobOptions, 'interval' | 'timeout'> {
  /** The job's name (`name` in the definition): its `job_name`, the `job` label of its series. */
  job: ScrapeJobOptions['name'];
  /** Static targets (`static_configs`); empty when the job only discovers its targets. */
  targets: string[];
  kubernetes?: KubernetesSd;
  fileSd?: FileSd;
  httpSd?: HttpSd;
  /** `path` in the definition, `/metrics` when not written. */
  metricsPath: string;
  /** The interval actually used: the job's or the global scrape interval. */
  intervalMs: number;
  scheme: NonNullable<ScrapeJobOptions['scheme']>;
  labels: Record<string, string>;
  /** `relabel_configs` as written (the static labels of a discovering job are compiled in front of them). */
  relabel: RelabelRuleInput[];
  /** `metric_relabel_configs`. */
  metricRelabel: RelabelRuleInput[];
  params?: Record<string, string[]>;
  honorLabels?: boolean;
  sampleLimit?: number;
  scrapeProtocols?: string[];
  basicAuth?: { username: string; password: SecretFileModel };
  authorization?: { type?: string; credentials: SecretFileModel };
  oauth2?: { clientId: string; clientSecret: SecretFileModel; tokenUrl: string; scopes?: string[]; endpointParams?: Record<string, string> };
  tls?: { caFile?: string; certFile?: string; key?: SecretFileModel; serverName?: string; insecureSkipVerify?: boolean };
  /** A blackbox probe job (from a health check): targets are URLs, scraped through the exporter. */
  probe?: { module: string; exporter: string };
}

/** A secret file as the model keeps it: its path (and the definition that wrote it). */
export interface SecretFileModel {
  path: string;
}

/** A health check (`healthCheck()`): probed by the blackbox exporter from the job `job`. */
export interface HealthCheckModel extends Located {
  name: string;
  url: string;
  /** The probe job, `<name>-health`. */
  job: string;
  /** The blackbox module, `http_<name>`. */
  module: string;
  interval: string;
  intervalMs: number;
  timeout: string;
  retries: number;
  /** The alert's `for` these imply: `(retries - 1) × interval`. */
  for: string;
  /** Empty: any 2xx. */
  validStatusCodes: number[];
  /** Top-level JSON fields the answer must carry, with their values, in the order written. */
  expectJson: [string, string | number | boolean | null][];
  components: string[];
  componentHealthy: string | number | boolean | null;
}

export interface PrometheusModel {
  scrapeInterval: string;
  /** Only when the definitions set it: unset, Prometheus takes min(10s, scrapeInterval) (scrape-facts.ts scrapeTimeoutMs). */
  scrapeTimeout?: string;
  evaluationInterval: string;
  externalLabels: Record<string, string>;
  scrapeJobs: ScrapeJobModel[];
  alertmanagers: string[];
  /** `host:port` of the blackbox exporter that runs the health checks' probes. */
  blackboxExporter: string;
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
  /** Health checks, each probed by the blackbox exporter (`healthChecks`). */
  healthChecks: HealthCheckModel[];
  /** Service level objectives; their rules and dashboard are in ruleGroups and dashboards too (src/model/slo-*.ts). */
  slos: SloModel[];
  /** The docs out/docs/ is generated from (`docs`); absent: no docs. */
  docs?: DocsModel;
  /** Instrumentation generated for the application (`instrument`). */
  instrument?: { python?: { module?: string } };
  /** Values the secret scan lets through, each with its reason (src/secrets/). */
  notSecrets: NotSecretModel[];
  /** The project's check settings (`lint.checks`): per check id, off or a severity. */
  lint: { checks: Readonly<Record<string, CheckSetting>> };
  /** How the dashboards reach Grafana (totem-mon.config.ts, the project's `grafana`, English defaults). */
  grafana: GrafanaSettings;
  /** The output folder as generated comments name it, relative to the project's root (`out`). */
  outDir: string;
  /** The output profiles `generate` writes (`outputs`; default: the files profile alone). */
  outputs: OutputModel[];
  /** The versions the output targets and where each was decided (src/model/versions.ts). */
  versions: TargetVersionsModel;
}

export type VersionOrigin = 'config' | 'project' | 'installed' | 'default';

export interface TargetVersionsModel {
  prometheus: PrometheusVersion;
  alertmanager: AlertmanagerVersion;
  blackbox: BlackboxVersion;
  from: { prometheus: VersionOrigin; alertmanager: VersionOrigin; blackbox: VersionOrigin };
}
