/**
 * `totem-mon.config.ts`: where the definitions and the output are, and the deployment settings the
 * definitions do not describe (where Grafana reaches Prometheus, where it mounts the dashboards).
 * Found from the current folder upwards; command-line flags win over it.
 */
import type { SourceRef } from '../diagnostic.js';
import type { LintOptions } from './lint.js';
import { captureSource } from './source.js';

/** The Prometheus data source Grafana is provisioned with; the dashboards' `datasource` variable defaults to it. */
export interface GrafanaDatasourceOptions {
  /** Its name in Grafana (default `Prometheus`). */
  name?: string;
  /** Its uid, which the dashboards' `datasource` variable selects (default `prometheus`). */
  uid?: string;
  /** Prometheus as Grafana reaches it (default `http://prometheus:9090`, the Docker Compose service). */
  url?: string;
}

/** How the generated dashboards reach Grafana. Every field has an English default. */
export interface GrafanaOptions {
  datasource?: GrafanaDatasourceOptions;
  /** The Grafana folder the dashboards appear in (default: the project's name). */
  folder?: string;
  /** Where Grafana reads the dashboard JSON: mount out/grafana/dashboards there (default `/var/lib/grafana/dashboards/totem-mon`). */
  provisioningPath?: string;
  /** The label of every dashboard's data source drop-down (default `Data source`). */
  datasourceVariableLabel?: string;
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
}

export interface Config extends Readonly<ConfigOptions> {
  readonly kind: 'config';
  readonly source?: SourceRef;
}

/** The default export of `totem-mon.config.ts`. */
export function defineConfig(options: ConfigOptions): Config {
  return { kind: 'config', ...options, source: captureSource() };
}
