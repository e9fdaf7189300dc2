/**
 * One `scrape_configs` entry of prometheus.yml from a scrape job of the model: Prometheus's field
 * names and order (config/config.go `ScrapeConfig`), secrets as `*_file` paths.
 */
import type { ScrapeJobModel } from '../../model/types.js';
import type { RelabelRuleInput } from '../../model/schema/prometheus.js';
import { compact } from '../output.js';
import { needsNodeMetadata } from '../../model/scrape-facts.js';

/** A relabel rule's fields in Prometheus's order: the definition's (and the operator's) name, prometheus.yml's. */
const RELABEL_FIELDS = [
  ['sourceLabels', 'source_labels'],
  ['separator', 'separator'],
  ['regex', 'regex'],
  ['modulus', 'modulus'],
  ['targetLabel', 'target_label'],
  ['replacement', 'replacement'],
  ['action', 'action'],
] as const;

/** A relabel rule in Prometheus's field order, named as prometheus.yml (`source_labels`) or the operator's resources (`sourceLabels`) name them. */
export function relabelConfig(rule: RelabelRuleInput, names: 'prometheus' | 'operator' = 'prometheus'): Record<string, unknown> {
  const r = rule as Partial<Record<(typeof RELABEL_FIELDS)[number][0], unknown>>;
  return compact(Object.fromEntries(RELABEL_FIELDS.map(([api, file]) => [names === 'prometheus' ? file : api, r[api]])));
}

/**
 * A literal value as a relabel `replacement`: Prometheus expands `$1`, `${name}` there, and `$$`
 * is a literal `$` (model/relabel/relabel.go, regexp.Expand), so `cc$1` would be stored as `cc`.
 */
export function literalReplacement(value: string): string {
  return value.split('$').join('$$');
}

/**
 * A job's relabeling: for a discovering job its static labels first (static_configs' labels only
 * reach static targets; on a discovered target they are set before its relabeling, as
 * static_configs does for static ones), then the job's own rules.
 */
export function jobRelabeling(job: ScrapeJobModel): RelabelRuleInput[] {
  const labels = discovers(job) ? Object.entries(job.labels).map(([label, value]): RelabelRuleInput => ({ targetLabel: label, replacement: literalReplacement(value) })) : [];
  return [...labels, ...job.relabel];
}

/**
 * The standard blackbox relabeling: the target (a URL) becomes the `target` parameter and the
 * `instance` label, and Prometheus scrapes the exporter instead.
 */
function probeRelabeling(exporter: string) {
  return [
    { source_labels: ['__address__'], target_label: '__param_target' },
    { source_labels: ['__param_target'], target_label: 'instance' },
    { target_label: '__address__', replacement: literalReplacement(exporter) },
  ];
}

/** Whether a job finds targets by service discovery (its static labels then go through relabeling). */
export function discovers(job: ScrapeJobModel): boolean {
  return job.kubernetes !== undefined || job.fileSd !== undefined || job.httpSd !== undefined;
}

function kubernetesSdConfig(job: ScrapeJobModel) {
  const k = job.kubernetes;
  if (!k) return undefined;
  const selector = k.labelSelector !== undefined || k.fieldSelector !== undefined ? [compact({ role: k.role, label: k.labelSelector, field: k.fieldSelector })] : undefined;
  return [
    compact({
      api_server: k.apiServer,
      role: k.role,
      namespaces: k.namespaces ? { names: [...k.namespaces] } : undefined,
      selectors: selector,
      // Node labels reach pod and endpoint targets only when asked for (scrape-facts.ts).
      attach_metadata: needsNodeMetadata(job) ? { node: true } : undefined,
    }),
  ];
}

/** The job's relabel_configs (jobRelabeling), or a probe's blackbox relabeling. */
function relabelConfigs(job: ScrapeJobModel) {
  if (job.probe) return probeRelabeling(job.probe.exporter);
  const rules = jobRelabeling(job).map((rule) => relabelConfig(rule));
  return rules.length > 0 ? rules : undefined;
}

export function scrapeConfig(job: ScrapeJobModel): Record<string, unknown> {
  const oauth2 = job.oauth2;
  const tls = job.tls;
  return compact({
    job_name: job.job,
    honor_labels: job.honorLabels,
    scrape_interval: job.interval,
    scrape_timeout: job.timeout,
    metrics_path: job.metricsPath,
    scheme: job.scheme,
    params: job.probe ? { module: [job.probe.module] } : job.params,
    scrape_protocols: job.scrapeProtocols,
    sample_limit: job.sampleLimit,
    basic_auth: job.basicAuth && { username: job.basicAuth.username, password_file: job.basicAuth.password.path },
    authorization: job.authorization && compact({ type: job.authorization.type, credentials_file: job.authorization.credentials.path }),
    oauth2:
      oauth2 &&
      compact({ client_id: oauth2.clientId, client_secret_file: oauth2.clientSecret.path, scopes: oauth2.scopes, token_url: oauth2.tokenUrl, endpoint_params: oauth2.endpointParams }),
    tls_config:
      tls &&
      compact({ ca_file: tls.caFile, cert_file: tls.certFile, key_file: tls.key?.path, server_name: tls.serverName, insecure_skip_verify: tls.insecureSkipVerify }),
    kubernetes_sd_configs: kubernetesSdConfig(job),
    file_sd_configs: job.fileSd && [compact({ files: [...job.fileSd.files], refresh_interval: job.fileSd.refreshInterval })],
    http_sd_configs: job.httpSd && [compact({ url: job.httpSd.url, refresh_interval: job.httpSd.refreshInterval })],
    static_configs: job.targets.length > 0 ? [compact({ targets: job.targets, labels: discovers(job) ? undefined : job.labels })] : undefined,
    relabel_configs: relabelConfigs(job),
    metric_relabel_configs: job.metricRelabel.length > 0 ? job.metricRelabel.map((rule) => relabelConfig(rule)) : undefined,
  });
}
