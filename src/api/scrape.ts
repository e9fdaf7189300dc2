import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import type { Ignore } from './lint.js';
import type { RelabelRule, ScrapeAddedLabel } from './relabel.js';
import type { ScrapeAuth } from './scrape-auth.js';
import type { FileSd, HttpSd, KubernetesSd } from './service-discovery.js';

/** Formats a scrape may ask the target for, most preferred first (Prometheus `scrape_protocols`). */
export type ScrapeProtocol = 'PrometheusProto' | 'OpenMetricsText1.0.0' | 'OpenMetricsText0.0.1' | 'PrometheusText0.0.4' | 'PrometheusText1.0.0';

/**
 * A scrape job. Its targets come from `targets` (static), `kubernetes`, `fileSd` or `httpSd`
 * (service discovery), one or several of them; `relabel` runs on each discovered target before the
 * scrape, `metricRelabel` on each scraped series. `L` is what the job adds to its series: the keys
 * of `labels` and the `targetLabel`s of its relabelings (see `ScrapeAddedLabel`).
 */
export interface ScrapeJobOptions<L extends string = string, T extends string = string, M extends string = string> extends ScrapeAuth {
  /** Job name; becomes the `job` label of every scraped series (the `job_name` of prometheus.yml). */
  name: string;
  /** `host:port` targets (`static_configs`). */
  targets?: readonly string[];
  /** Kubernetes service discovery (`kubernetes_sd_configs`): pods, services, endpoints, endpoint slices or nodes. */
  kubernetes?: KubernetesSd;
  /** File service discovery (`file_sd_configs`): target groups in JSON or YAML files Prometheus watches. */
  fileSd?: FileSd;
  /** HTTP service discovery (`http_sd_configs`): target groups served as JSON by a URL. */
  httpSd?: HttpSd;
  /** Metrics path (default `/metrics`). */
  path?: string;
  /** Scrape interval (default: the global scrape interval). */
  interval?: string;
  /** Scrape timeout (default: the global timeout, or the job's interval when shorter, as Prometheus); at most the job's interval. */
  timeout?: string;
  /** `http` or `https` (default `http`). */
  scheme?: 'http' | 'https';
  /** URL parameters of the scrape request (`params`), e.g. `{ module: ['http_2xx'] }`. */
  params?: Readonly<Record<string, readonly string[]>>;
  /** Labels added to every target of the job. */
  labels?: Readonly<Record<L, string>>;
  /** Relabeling of each target before the scrape (`relabel_configs`): keep, drop, copy `__meta_*` labels… */
  relabel?: readonly RelabelRule<T>[];
  /** Relabeling of each scraped series (`metric_relabel_configs`): drop series or labels before they are stored. */
  metricRelabel?: readonly RelabelRule<M>[];
  /** Keep the target's own `job`/`instance`/… labels when they clash with the scrape's (`honor_labels`; federation, Pushgateway). */
  honorLabels?: boolean;
  /** Fail the scrape of a target that exposes more series than this (`sample_limit`; default no limit). */
  sampleLimit?: number;
  /** Formats to ask for, most preferred first (`scrape_protocols`, from Prometheus 2.49). */
  scrapeProtocols?: readonly ScrapeProtocol[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

/**
 * A scrape job as `scrapeJob()` returns it. `L` are the keys of its `labels`, `T` and `M` the target
 * labels of its `relabel` and `metricRelabel` rules: `LabelsOfJob` reads what it adds to its series.
 */
export interface ScrapeJob<L extends string = string, T extends string = string, M extends string = string>
  extends Readonly<Omit<ScrapeJobOptions<L, T, M>, 'ignore'>> {
  readonly kind: 'scrapeJob';
  readonly ignore?: Ignore;
  readonly source?: SourceRef;
}

/**
 * A scrape job. The labels it adds (static `labels`, and relabelings' target labels you can read
 * in the definition: not `__…`, not `$1`) are known to the lint, and to the types of the metrics
 * that declare `jobs: [thisJob]`.
 */
export function scrapeJob<const L extends string = never, const T extends string = never, const M extends string = never>(
  options: ScrapeJobOptions<L, T, M>,
): ScrapeJob<L, T, M> {
  return { kind: 'scrapeJob', ...options, source: captureSource() };
}

/** The labels a scrape job adds to the series it scrapes (for a metric's `jobs`). */
export type LabelsOfJob<J> = J extends ScrapeJob<infer L, infer T, infer M> ? L | ScrapeAddedLabel<T | M> : never;

export interface PrometheusGlobal {
  /** Default 1m, as Prometheus. */
  scrapeInterval?: string;
  /** Default 10s, or the scrape interval when shorter, as Prometheus; at most `scrapeInterval`. */
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
