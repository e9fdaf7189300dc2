/**
 * Health checks in the model: the blackbox exporter probes each one's URL from a Prometheus probe
 * job. The names and defaults here are shared by the API (healthAlert's expression and `for`), the
 * schema and the compilers, so that they cannot disagree.
 */
import type { HealthCheckInput } from './schema/health.js';
import type { HealthCheckModel, MetricModel } from './types.js';
import { durationMs, formatDuration } from './names.js';
import { located } from './located.js';

/** Defaults of Docker's HEALTHCHECK, which the options mirror (interval 30s, timeout 30s, 3 retries). */
export const HEALTH_DEFAULTS = { interval: '30s', timeout: '30s', retries: 3 } as const;

/** Where Prometheus reaches the blackbox exporter unless `prometheus.blackboxExporter` says otherwise. */
export const DEFAULT_BLACKBOX_EXPORTER = 'blackbox-exporter:9115';

/** The Prometheus job that probes a health check. */
export function healthJobName(name: string): string {
  return `${name}-health`;
}

/** The blackbox module of a health check (module names are YAML keys and URL parameters: kept plain). */
export function healthModule(name: string): string {
  return `http_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * How long probes must fail before the alert fires: `retries` consecutive failed probes span
 * `retries - 1` intervals (the first failure starts the pending state, the last one completes it).
 */
export function healthFor(interval: string | undefined, retries: number | undefined): string {
  const ms = durationMs(interval ?? HEALTH_DEFAULTS.interval) ?? 0;
  return formatDuration(Math.max(0, (retries ?? HEALTH_DEFAULTS.retries) - 1) * ms);
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
