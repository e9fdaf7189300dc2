/**
 * `totem-mon.config.ts`: where the definitions and the output are, and the deployment settings the
 * definitions do not describe (where Grafana reaches Prometheus, where it mounts the dashboards).
 * Found from the current folder upwards; command-line flags win over it.
 */
import type { SourceRef } from '../diagnostic.js';
import type { LintOptions } from './lint.js';
import type { TargetVersions } from './versions.js';
import { captureSource } from './source.js';

/** The Prometheus data source Grafana is provisioned with; the dashboards' `datasource` variable defaults to it. */
export interface GrafanaDatasourceOptions {
  /** Its name in Grafana (default `Prometheus`). */
  name?: string;
  /** Its uid, which the dashboards' `datasource` variable selects (default `prometheus`). */
  uid?: string;
  /** Prometheus as Grafana reaches it (default `http://prometheus:9090`, the Docker Compose service). */
  url?: string;
  /**
   * Exemplars → traces: the exemplar label that holds the trace id links to the traces data source
   * (`exemplarTraceIdDestinations`). Default: on, label `trace_id`, when a Tempo or Jaeger data source
   * is configured; `false` turns it off.
   */
  exemplars?: ExemplarOptions | false;
}

/** Where an exemplar's trace id leads. */
export interface ExemplarOptions {
  /** The exemplar label holding the trace id (default `trace_id`, as OpenTelemetry-instrumented clients write it). */
  label?: string;
  /** The uid of the traces data source (default: the Tempo data source's, else the Jaeger one's). */
  datasource?: string;
}

/** What every provisioned data source has: its name, uid and URL in Grafana. */
export interface DatasourceConnection {
  /** Its name in Grafana. */
  name?: string;
  /** Its uid: stable, so that panels and links that name it keep working. */
  uid?: string;
  /** The server as Grafana reaches it. */
  url?: string;
}

/** A Loki data source for logs panels; its log lines link to their trace. Defaults: name `Loki`, uid `loki`, url `http://loki:3100`. */
export interface LokiDatasourceOptions extends DatasourceConnection {
  /** Most log lines a query returns (Grafana's default 1000). */
  maxLines?: number;
  /**
   * Log line → trace: a derived field reads the trace id from the JSON log line's field and links it
   * to the traces data source. Default: on, field `trace_id`, when Tempo or Jaeger is configured;
   * `false` turns it off.
   */
  traceLinks?: TraceLinkOptions | false;
}

export interface TraceLinkOptions {
  /** The JSON field of the log line that holds the trace id (default `trace_id`). */
  field?: string;
  /** The uid of the traces data source (default: the Tempo data source's, else the Jaeger one's). */
  datasource?: string;
}

/** Trace → logs: from a span, the logs of its service around its time, filtered by its trace id. */
export interface TracesToLogsOptions {
  /** The uid of the Loki data source (default: the configured Loki's). */
  datasource?: string;
  /** Span attributes → log stream labels the logs query selects on (default `{ 'service.name': 'service' }`). */
  tags?: Readonly<Record<string, string>>;
  /** Keep only the log lines holding the trace id (default true). */
  filterByTraceId?: boolean;
  /** Keep only the log lines holding the span id (default false). */
  filterBySpanId?: boolean;
  /** How far before the span's start the logs query begins (default `-1m`). */
  spanStartTimeShift?: string;
  /** How far after the span's end the logs query ends (default `1m`). */
  spanEndTimeShift?: string;
}

/** A Tempo data source for traces panels; spans link to their logs. Defaults: name `Tempo`, uid `tempo`, url `http://tempo:3200`. */
export interface TempoDatasourceOptions extends DatasourceConnection {
  /** Trace → logs (`tracesToLogsV2`). Default: on, when Loki is configured; `false` turns it off. */
  traceToLogs?: TracesToLogsOptions | false;
  /** The service graph from Tempo's span metrics in Prometheus (default false: it needs Tempo's metrics generator). */
  serviceMap?: boolean;
}

/**
 * A Jaeger data source for traces panels (instead of or next to Tempo); spans link to their logs.
 * Defaults: name `Jaeger`, uid `jaeger`, url `http://jaeger:16686`.
 */
export interface JaegerDatasourceOptions extends DatasourceConnection {
  /** Trace → logs (`tracesToLogsV2`). Default: on, when Loki is configured; `false` turns it off. */
  traceToLogs?: TracesToLogsOptions | false;
}

/** How the generated dashboards reach Grafana. Every field has an English default. */
export interface GrafanaOptions {
  datasource?: GrafanaDatasourceOptions;
  /** A Loki data source, provisioned next to Prometheus (`{}` for the defaults). */
  loki?: LokiDatasourceOptions;
  /** A Tempo data source, provisioned next to Prometheus (`{}` for the defaults). */
  tempo?: TempoDatasourceOptions;
  /** A Jaeger data source, provisioned next to Prometheus (`{}` for the defaults). */
  jaeger?: JaegerDatasourceOptions;
  /** The Grafana folder the dashboards appear in (default: the project's name). */
  folder?: string;
  /** Where Grafana reads the dashboard JSON: mount out/grafana/dashboards there (default `/var/lib/grafana/dashboards/totem-mon`). */
  provisioningPath?: string;
  /** The label of every dashboard's data source drop-down (default `Data source`). */
  datasourceVariableLabel?: string;
  /**
   * The dashboards' schema (default `classic`): `classic` writes the JSON model that file provisioning
   * loads (out/grafana/dashboards/); `v2` writes Grafana 12/13 `dashboard.grafana.app/v2` resources
   * (out/grafana/resources/) for the API or GitOps (grafanactl, Git Sync): file provisioning refuses them.
   */
  schema?: 'classic' | 'v2';
  /**
   * Also write the alert rules as Grafana-managed alert rules (default false): alerting provisioning
   * files under out/grafana/provisioning/alerting/, one per rule group, evaluated by Grafana on this
   * data source, for teams that alert in Grafana instead of Alertmanager.
   */
  alertRules?: boolean;
}

export interface ConfigOptions {
  /** The definitions folder, relative to this file (default `definitions`); `--definitions` wins. */
  definitions?: string;
  /** The output folder, relative to this file (default `out`); `--out` wins. */
  out?: string;
  /** Grafana settings; they win over the project's `grafana`. */
  grafana?: GrafanaOptions;
  /** Check settings; per check, they win over the project's `lint.checks`. */
  lint?: LintOptions;
  /** The Prometheus, Alertmanager and blackbox exporter versions the output targets; they win over the project's `versions`. */
  versions?: TargetVersions;
}

export interface Config extends Readonly<ConfigOptions> {
  readonly kind: 'config';
  readonly source?: SourceRef;
}

/** The default export of `totem-mon.config.ts`. */
export function defineConfig(options: ConfigOptions): Config {
  return { kind: 'config', ...options, source: captureSource() };
}
