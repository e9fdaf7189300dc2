/**
 * A version as a target: `'2.53'` (that release; a patch, `'2.53.1'`, reads as it), `'3.x'` or `'3'`
 * (every Prometheus 3), `'>=3.5'` (3.5 and every later release). What the target admits must all have
 * a feature for it to pass: on `'3.x'`, what came in 3.5 is refused, and so is what 3.5 removed.
 */
export type VersionTarget = `${number}.${number}` | `${number}.${number}.${number}` | `${number}.x` | `${number}` | `>=${number}.${number}`;
/** A Prometheus target: 2.42 or later (`'2.42'`, `'2.55'`, `'3.x'`, `'3.5'`, `'>=3.5'`). */
export type PrometheusVersion = VersionTarget;
/** An Alertmanager target: 0.25 or later (`'0.25'`, `'0.28'`, `'>=0.27'`). */
export type AlertmanagerVersion = VersionTarget;
/** A blackbox exporter target (the health checks' modules): 0.19 or later (`'0.23'`, `'>=0.25'`). */
export type BlackboxVersion = VersionTarget;

/**
 * The versions the output targets: a field a version lacks is refused, naming the version that adds
 * it. Default: in `validate`, the versions of the promtool, amtool and blackbox exporter it runs;
 * otherwise Prometheus 2.42, Alertmanager 0.25 and the blackbox exporter 0.23 (Debian 12's).
 * totem-mon.config.ts's `versions` win over the project's.
 */
export interface TargetVersions {
  prometheus?: PrometheusVersion;
  alertmanager?: AlertmanagerVersion;
  /** The blackbox exporter that runs the health checks' modules: validate runs no older exporter's `--config.check`. */
  blackbox?: BlackboxVersion;
}
