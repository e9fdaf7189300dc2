/**
 * Facts about Prometheus scrape configuration the API, the checks and the compiler share: the
 * Kubernetes roles and the `__meta_*` labels each service discovery sets (from the sources of
 * Prometheus, github.com/prometheus/prometheus at d15adb9ad7e5, discovery/kubernetes/*.go,
 * discovery/file/file.go, discovery/http/http.go), the relabel actions and the scrape protocols
 * (config/config.go, model/relabel/relabel.go). Which version has what is in version-facts.ts.
 */

import { durationMs, formatDuration } from '../duration.js';
import type { RelabelRuleInput } from './schema/relabel.js';

export const KUBERNETES_ROLES = ['pod', 'service', 'endpoints', 'endpointslice', 'node'] as const;
export type KubernetesRoleName = (typeof KUBERNETES_ROLES)[number];

export const RELABEL_ACTIONS = ['replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase'] as const;

export const SCRAPE_PROTOCOLS = ['PrometheusProto', 'OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText0.0.4', 'PrometheusText1.0.0'] as const;

const K8S = '__meta_kubernetes_';

/**
 * The node labels `attach_metadata: { node: true }` adds to pod, endpoints and endpointslice
 * targets (discovery/kubernetes addNodeLabels: the node's name, labels and annotations; not its
 * addresses, conditions or provider id), from Prometheus 2.35 (pod) and 2.37 (endpoints,
 * endpointslice): older than every version the output targets (version-facts.ts).
 */
const ATTACHED_NODE_META = ['node_name', 'node_label', 'node_annotation'];
const ATTACHES_NODE: ReadonlySet<KubernetesRoleName> = new Set(['pod', 'endpoints', 'endpointslice']);

/**
 * The `__meta_kubernetes_*` label families each role sets, as prefixes after `__meta_kubernetes_`.
 * endpoints and endpointslice targets also carry their service's and (when backed by a pod) the
 * pod's labels; node labels come with `attach_metadata: { node: true }` on those roles and pod,
 * which the output writes when a job reads them (needsNodeMetadata).
 */
const KUBERNETES_META: Record<KubernetesRoleName, readonly string[]> = {
  pod: ['namespace', 'pod_', ...ATTACHED_NODE_META],
  service: ['namespace', 'service_'],
  endpoints: ['namespace', 'endpoints_', 'endpoint_', 'service_', 'pod_', ...ATTACHED_NODE_META],
  endpointslice: ['namespace', 'endpointslice_', 'service_', 'pod_', ...ATTACHED_NODE_META],
  node: ['node_'],
};

/** The literal start of a regex (`__meta_kubernetes_pod_label_` of `__meta_kubernetes_pod_label_(.+)`). */
export function literalPrefix(regex: string): string {
  return /^[A-Za-z0-9_]*/.exec(regex)![0];
}

/** The labels a relabel rule reads: its source labels, and a labelmap's regex by its literal start. */
export function labelsRead(rule: RelabelRuleInput): Array<{ label: string; field: string }> {
  const read: Array<{ label: string; field: string }> = [];
  if ('sourceLabels' in rule) for (const [i, label] of (rule.sourceLabels ?? []).entries()) read.push({ label, field: `sourceLabels[${i}]` });
  if (rule.action === 'labelmap') read.push({ label: literalPrefix(rule.regex), field: 'regex' });
  return read;
}

/**
 * Whether a Kubernetes job needs `attach_metadata: { node: true }`: a pod, endpoints or
 * endpointslice job whose relabeling reads node labels, which Prometheus sets only with it.
 */
export function needsNodeMetadata(job: { kubernetes?: { role: KubernetesRoleName } | undefined; relabel: readonly RelabelRuleInput[] }): boolean {
  if (!job.kubernetes || !ATTACHES_NODE.has(job.kubernetes.role)) return false;
  return job.relabel.some((rule) => labelsRead(rule).some(({ label }) => ATTACHED_NODE_META.some((p) => `${label}x`.startsWith(`${K8S}${p}`))));
}

/** The service discoveries a job uses, as far as meta labels are concerned. */
export interface DiscoveryKinds {
  kubernetesRole?: KubernetesRoleName;
  file: boolean;
  http: boolean;
}

/** Whether a `__meta_*` label can be set on the targets of a job with these discoveries. */
export function metaLabelSet(label: string, sd: DiscoveryKinds): boolean {
  if (label.startsWith(K8S)) {
    const rest = label.slice(K8S.length);
    return sd.kubernetesRole !== undefined && KUBERNETES_META[sd.kubernetesRole].some((p) => rest.startsWith(p));
  }
  if (label === '__meta_filepath') return sd.file;
  if (label === '__meta_url') return sd.http;
  return false;
}

/** The roles that set a `__meta_kubernetes_*` label (for hints). */
export function rolesSetting(label: string): KubernetesRoleName[] {
  return KUBERNETES_ROLES.filter((role) => metaLabelSet(label, { kubernetesRole: role, file: false, http: false }));
}

/** Prometheus's global scrape interval and timeout when prometheus.yml leaves them out (config/config.go DefaultGlobalConfig). */
export const DEFAULT_SCRAPE_INTERVAL = '1m';
const DEFAULT_SCRAPE_TIMEOUT_MS = 10_000;

/**
 * The timeout a scrape runs with, as Prometheus works it out (config/config.go, the same from 2.x
 * to 3.x): the job's own; else the global one, but at most the job's interval; the global one
 * left out is min(10s, global interval). Milliseconds; undefined for a duration that is none.
 */
export function scrapeTimeoutMs(
  global: { scrapeInterval?: string | undefined; scrapeTimeout?: string | undefined },
  job: { interval?: string | undefined; timeout?: string | undefined } = {},
): number | undefined {
  const globalInterval = durationMs(global.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL);
  const jobInterval = job.interval !== undefined ? durationMs(job.interval) : globalInterval;
  if (globalInterval === undefined || jobInterval === undefined) return undefined;
  if (job.timeout !== undefined) return durationMs(job.timeout);
  const globalTimeout = global.scrapeTimeout !== undefined ? durationMs(global.scrapeTimeout) : Math.min(DEFAULT_SCRAPE_TIMEOUT_MS, globalInterval);
  return globalTimeout === undefined ? undefined : Math.min(globalTimeout, jobInterval);
}

/**
 * The interval and timeout a job is scraped with under prometheus.yml (the job's own, else the
 * global ones, the timeout as scrapeTimeoutMs works it out), as duration texts: the job's or the
 * global text where that is the one that applies, else the milliseconds written out.
 */
export function effectiveScrape(
  global: { scrapeInterval?: string | undefined; scrapeTimeout?: string | undefined },
  job: { interval?: string | undefined; timeout?: string | undefined } = {},
): { interval: string; timeout: string } | undefined {
  const interval = job.interval ?? global.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL;
  const timeoutMs = scrapeTimeoutMs(global, job);
  if (timeoutMs === undefined) return undefined;
  const stated = [job.timeout, global.scrapeTimeout, interval].find((text) => text !== undefined && durationMs(text) === timeoutMs);
  return { interval, timeout: stated ?? formatDuration(timeoutMs) };
}
