import type { AnyMetric } from './metrics.js';
import type { RuleGroup } from './rules.js';
import type { PrometheusOptions } from './scrape.js';
import type { AlertmanagerDefinition } from './alertmanager.js';
import type { Dashboard } from './dashboard.js';
import type { SecretsOptions } from './secrets.js';
import type { LintOptions } from './lint.js';
import type { HealthCheck } from './health.js';
import type { Slo } from './slo.js';
import type { DocsOptions } from './docs.js';
import type { GrafanaOptions } from './config.js';
import type { SourceRef } from '../diagnostic.js';
import type { Team } from './team.js';
import type { Output } from './outputs.js';
import type { TargetVersions } from './versions.js';
import { captureSource } from './source.js';

export interface ProjectOptions {
  /** Project name, written into generated headers and provisioning files. */
  name: string;
  /** The metric catalogue: every metric an expression may use, ours and the exporters'. */
  metrics: readonly AnyMetric[];
  prometheus: PrometheusOptions;
  ruleGroups?: readonly RuleGroup[];
  alertmanager?: AlertmanagerDefinition;
  dashboards?: readonly Dashboard[];
  /** Health endpoints probed by the blackbox exporter (`healthCheck()`): module, probe job, metrics. */
  healthChecks?: readonly HealthCheck[];
  /** Service level objectives: each adds recording rules, a page and a ticket alert with their tests, and a row of the SLO dashboard. */
  slos?: readonly Slo[];
  /** out/docs/: the metric catalogue, a runbook per alert, checklists (Markdown). */
  docs?: DocsOptions;
  /** Instrumentation generated from the catalogue: `{ python: {} }` → out/instrument/python/<name>_metrics.py. */
  instrument?: { python?: { /** Module name (default `<project name>_metrics`). */ module?: string } };
  /** Team modules (`team({ name, labels, ruleGroups, receivers, … })`), each usually in a file of its own. */
  teams?: readonly Team[];
  /**
   * Every generated file is scanned for secrets by value (URLs with passwords, token parameters,
   * Slack/GitHub/AWS/… tokens, webhook URLs); `allow` lets a value that only looks like one through.
   */
  secrets?: SecretsOptions;
  /** Check settings for the whole project: `{ checks: { '<check id>': 'off' | 'error' | 'warning' | 'info' } }`. */
  lint?: LintOptions;
  /**
   * How the dashboards reach Grafana: the data source (name, uid, url), folder, provisioning path and
   * the data source drop-down's label. English defaults; totem-mon.config.ts's `grafana` wins over it.
   */
  grafana?: GrafanaOptions;
  /**
   * What `generate` writes, one or more output profiles (default `[files()]`): `files()`,
   * `prometheusOperator({ namespace, labels })`, … Each writes under out/<profile>/ (files: out/prometheus/, …).
   */
  outputs?: readonly Output[];
  /** The Prometheus, Alertmanager and blackbox exporter versions the output targets (see TargetVersions); totem-mon.config.ts's win. */
  versions?: TargetVersions;
}

export interface Project extends Readonly<ProjectOptions> {
  readonly kind: 'project';
  readonly source?: SourceRef;
}

/** The default export of `definitions/index.ts`. */
export function defineProject(options: ProjectOptions): Project {
  return { kind: 'project', ...options, source: captureSource() };
}
