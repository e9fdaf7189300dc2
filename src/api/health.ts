import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import type { Ignore } from './lint.js';
import { alert, type AlertOptions, type AlertRule } from './rules.js';
import { renderSelector } from './selector.js';
import { durationMs, formatDuration } from '../duration.js';

/** Defaults of Docker's HEALTHCHECK, which the options mirror (interval 30s, timeout 30s, 3 retries). */
export const HEALTH_DEFAULTS = { interval: '30s', timeout: '30s', retries: 3 } as const;

/** The Prometheus job that probes a health check. */
export function healthJobName(name: string): string {
  return `${name}-health`;
}

/**
 * How long probes must fail before the alert fires: `retries` consecutive failed probes span
 * `retries - 1` intervals (the first failure starts the pending state, the last one completes it).
 */
export function healthFor(interval: string | undefined, retries: number | undefined): string {
  const ms = durationMs(interval ?? HEALTH_DEFAULTS.interval) ?? 0;
  return formatDuration(Math.max(0, (retries ?? HEALTH_DEFAULTS.retries) - 1) * ms);
}

/** A JSON value a health answer's field must have (`{ status: 'healthy' }`). */
export type JsonScalar = string | number | boolean | null;

export interface HealthCheckOptions {
  /** Name of the checked service, e.g. `totem-api`; the probe job is `<name>-health`. */
  name: string;
  /** The health endpoint the blackbox exporter probes, e.g. `http://api:8000/health`. */
  url: string;
  /** How often it is probed (Docker Compose `interval`; default 30s, as Docker). */
  interval?: string;
  /** How long one probe may take (Docker Compose `timeout`; default 30s, as Docker, at most `interval`). */
  timeout?: string;
  /** Consecutive failed probes that make it unhealthy (Docker Compose `retries`; default 3, as Docker). */
  retries?: number;
  /** HTTP status codes that count as healthy (default: any 2xx). */
  validStatusCodes?: readonly number[];
  /**
   * Top-level fields the JSON answer must carry with these values, e.g. `{ status: 'healthy' }`
   * (a same-named field nested deeper does not count; values after ones nested more than 10 deep
   * are not found, and the probe fails).
   */
  expectJson?: Readonly<Record<string, JsonScalar>>;
  /** Component checks the answer must report healthy, e.g. `['database', 'redis', 'printer']`: a field of that name at any depth (`{"checks": {"database": true}}`). */
  components?: readonly string[];
  /** The value a healthy component has in the answer (default `true`). */
  componentHealthy?: JsonScalar;
  /** Silences checks on this definition, each with the reason (see the README, Checks). */
  ignore?: Ignore;
}

export interface HealthCheck extends Readonly<HealthCheckOptions> {
  readonly kind: 'healthCheck';
  readonly source?: SourceRef;
}

/**
 * A service's health endpoint, probed by the blackbox exporter: generates its module
 * (`out/blackbox/blackbox.yml`) and the Prometheus probe job (`<name>-health`). Alert on it with
 * `healthAlert(check, …)`.
 */
export function healthCheck(options: HealthCheckOptions): HealthCheck {
  return { kind: 'healthCheck', ...options, source: captureSource() };
}

/** The Prometheus job that probes a health check (`<name>-health`): select its probe metrics with it. */
export function healthJob(check: Pick<HealthCheck, 'name'>): string {
  return healthJobName(check.name);
}

export type HealthAlertOptions = Omit<AlertOptions, 'expr' | 'for'> & {
  /** Default: from the check, `(retries - 1) × interval` (Docker's "unhealthy after `retries` failures"). */
  for?: string;
};

/**
 * The alert for a health check: its probe failed (`probe_success == 0`) for as long as the check's
 * retries last. Texts, labels and tests are yours.
 */
export function healthAlert(check: HealthCheck, options: HealthAlertOptions): AlertRule {
  return alert({
    ...options,
    expr: `${renderSelector('probe_success', { job: healthJob(check) })} == 0`,
    for: options.for ?? healthFor(check.interval, check.retries),
  });
}
