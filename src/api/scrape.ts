import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import type { Ignore } from './lint.js';

export interface ScrapeJobOptions {
  /** Job name; becomes the `job` label of every scraped series (the `job_name` of prometheus.yml). */
  name: string;
  /** `host:port` targets. */
  targets: readonly string[];
  /** Metrics path (default `/metrics`). */
  path?: string;
  /** Scrape interval (default: the global scrape interval). */
  interval?: string;
  /** Scrape timeout (default: the global timeout). */
  timeout?: string;
  /** `http` or `https` (default `http`). */
  scheme?: 'http' | 'https';
  /** Labels added to every target of the job. */
  labels?: Record<string, string>;
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface ScrapeJob extends Readonly<ScrapeJobOptions> {
  readonly kind: 'scrapeJob';
  readonly source?: SourceRef;
}

export function scrapeJob(options: ScrapeJobOptions): ScrapeJob {
  return { kind: 'scrapeJob', ...options, source: captureSource() };
}

export interface PrometheusGlobal {
  /** Default 1m, as Prometheus. */
  scrapeInterval?: string;
  /** Default 10s, as Prometheus. */
  scrapeTimeout?: string;
  /** Default 1m, as Prometheus. */
  evaluationInterval?: string;
  externalLabels?: Record<string, string>;
}

export interface PrometheusOptions {
  global?: PrometheusGlobal;
  scrapeJobs: readonly ScrapeJob[];
  /** `host:port` of the Alertmanagers that receive alerts (default none: no alerting section). */
  alertmanagers?: readonly string[];
  /** `host:port` of the blackbox exporter that probes the health checks (default `blackbox-exporter:9115`). */
  blackboxExporter?: string;
}
