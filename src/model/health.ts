/**
 * Health checks in the model: the blackbox exporter probes each one's URL from a Prometheus probe
 * job. The names and defaults the API, the schema and the compilers share (so that they cannot
 * disagree) are the API's (src/api/health.ts).
 */
import type { HealthCheckInput } from './schema/health.js';
import type { HealthCheckModel, MetricModel } from './types.js';
import { durationMs } from '../duration.js';
import { HEALTH_DEFAULTS, healthFor, healthJobName } from '../api/health.js';
import { located } from './located.js';

/** Where Prometheus reaches the blackbox exporter unless `prometheus.blackboxExporter` says otherwise. */
export const DEFAULT_BLACKBOX_EXPORTER = 'blackbox-exporter:9115';

/** The blackbox module of a health check (module names are YAML keys and URL parameters: kept plain). */
export function healthModule(name: string): string {
  return `http_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * The blackbox exporter's own metrics that health checks give Prometheus (names, types and labels
 * as blackbox_exporter 0.23 exposes them for the http prober). They join the catalogue when a
 * project has health checks and does not declare them itself.
 */
export const BLACKBOX_METRICS: readonly Omit<MetricModel, 'path'>[] = [
  { type: 'gauge', name: 'probe_success', help: 'Displays whether or not the probe was a success', labels: [], exporter: 'blackbox_exporter' },
  { type: 'gauge', name: 'probe_duration_seconds', help: 'Returns how long the probe took to complete in seconds', labels: [], unit: 'seconds', exporter: 'blackbox_exporter' },
  { type: 'gauge', name: 'probe_http_status_code', help: 'Response HTTP status code', labels: [], exporter: 'blackbox_exporter' },
];

export function buildHealthChecks(checks: readonly HealthCheckInput[]): HealthCheckModel[] {
  return checks.map((c) => {
    const interval = c.interval ?? HEALTH_DEFAULTS.interval;
    return {
      name: c.name,
      url: c.url,
      job: healthJobName(c.name),
      module: healthModule(c.name),
      interval,
      intervalMs: durationMs(interval)!,
      timeout: c.timeout ?? HEALTH_DEFAULTS.timeout,
      retries: c.retries ?? HEALTH_DEFAULTS.retries,
      for: healthFor(c.interval, c.retries),
      validStatusCodes: [...(c.validStatusCodes ?? [])],
      expectJson: Object.entries(c.expectJson ?? {}),
      components: [...(c.components ?? [])],
      componentHealthy: c.componentHealthy === undefined ? true : c.componentHealthy,
      ...located(c, ['healthChecks', c.name]),
    };
  });
}

/** The blackbox metrics a project with health checks lacks, located at its first health check. */
export function missingBlackboxMetrics(metrics: readonly MetricModel[], checks: readonly HealthCheckModel[]): MetricModel[] {
  const first = checks[0];
  if (!first) return [];
  const declared = new Set(metrics.map((m) => m.name));
  return BLACKBOX_METRICS.filter((m) => !declared.has(m.name)).map((m) => ({ ...m, labels: [...m.labels], path: first.path, ...(first.source ? { source: first.source } : {}) }));
}
