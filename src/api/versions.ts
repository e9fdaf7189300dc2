/** The Prometheus versions the output can target (`3.x`: any Prometheus 3, what 3.0 has). */
export type PrometheusVersion = '2.42' | '2.53' | '3.x';
/** The Alertmanager versions the output can target. */
export type AlertmanagerVersion = '0.25' | '0.27' | '0.28';

/**
 * The versions the output targets: a field a version lacks is refused, naming the version that adds
 * it. Default: in `validate`, the versions of the promtool and amtool it runs; otherwise Prometheus
 * 2.42 and Alertmanager 0.25 (Debian 12's). totem-mon.config.ts's `versions` win over the project's.
 */
export interface TargetVersions {
  prometheus?: PrometheusVersion;
  alertmanager?: AlertmanagerVersion;
}
