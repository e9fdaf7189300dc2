/**
 * What the importers hand over, before it is written as TypeScript: rule groups with their rules
 * (and, once mapped, their tests and the check ignores their input needs), the inferred catalogue,
 * the project's settings. Plain data, no API objects.
 */
import type { InferredMetric } from './catalogue.js';
import type { ImportedGroup, ImportedRule } from './rule-groups.js';
import type { ImportedPrometheus } from './prometheus-config.js';
import type { DashboardImport } from './grafana.js';
import type { ImportNote } from './note.js';
import type { TsValue } from './ts-source.js';

/** The Alertmanager configuration: `alertmanager({ … })` as a value tree (src/import/alertmanager.ts). */
export interface ImportedAlertmanager {
  file: string;
  exportName: string;
  value: TsValue;
  notes: ImportNote[];
  /** The release its definitions need (`>=0.27`): the project's `versions: { alertmanager }`. */
  version?: string;
}

/** A dashboard: its variables and `dashboard({ … })` as value trees (src/import/grafana.ts). */
export interface ImportedDashboard extends DashboardImport {
  file: string;
  title: string;
}

export interface ImportedSeries {
  series: string;
  values: string;
}

export interface ImportedAlertCase {
  name: string;
  interval?: string;
  input: ImportedSeries[];
  quietAt?: string[];
  at: string;
  expect: Array<{ labels?: Record<string, string>; annotations?: Record<string, string> }>;
}

export interface ImportedRecordCase {
  name: string;
  interval?: string;
  input: ImportedSeries[];
  at: string;
  expect: Array<{ labels?: Record<string, string>; value: number }>;
}

/** Check id → the reason its findings are silenced on this definition. */
export type ImportedIgnore = Record<string, string>;

export interface ImportedProject {
  name: string;
  groups: ImportedGroup[];
  metrics: InferredMetric[];
  /**
   * Set when a group needs Mimir's ruler (source_tenants): the project's outputs are then the plain
   * files and a mimir namespace of this name.
   */
  mimirNamespace?: string;
  /** Set when a group has Thanos's partial_response_strategy: the outputs then add the thanos profile, which writes it. */
  thanos?: boolean;
  /** The project's Prometheus settings, from a prometheus.yml (or the test files' evaluation interval). */
  prometheus: ImportedPrometheus;
  /** Per rule: its tests (alerts' or recording rules' cases, by the rule's kind). */
  tests: Map<ImportedRule, Array<ImportedAlertCase | ImportedRecordCase>>;
  /** Per tested rule: its tests' evaluation interval, where it is not its group's (`testInterval`). */
  testIntervals: Map<ImportedRule, string>;
  alertmanager?: ImportedAlertmanager;
  dashboards: ImportedDashboard[];
  /** The data sources of Grafana provisioning files, as `grafana` settings (src/import/grafana-datasources.ts). */
  grafana?: Record<string, TsValue>;
  /** Per rule, group, metric, dashboard or the Alertmanager configuration: the checks its input breaks on purpose, with why. */
  ignores: Map<ImportedRule | ImportedGroup | InferredMetric | ImportedDashboard | ImportedAlertmanager, ImportedIgnore>;
  /** Rules that cannot be a definition (no severity label): written as comments, with why. */
  raw: Map<ImportedRule, string>;
}
