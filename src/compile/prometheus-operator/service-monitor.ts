/**
 * A scrape job as a `ServiceMonitor` (monitoring.coreos.com/v1), where one selects the targets the
 * job's scrape_configs entry selects. The operator generates, for each endpoint of a
 * ServiceMonitor, Kubernetes discovery of its serviceDiscoveryRole (endpoints or endpointslice) in the namespaceSelector's namespaces,
 * a keep per selector label (`__meta_kubernetes_service_label_<name>`) and one on the port name
 * (`__meta_kubernetes_endpoint_port_name`, `…_endpointslice_port_name`), then labels of its own (namespace, service, pod,
 * container, endpoint, job = the service's name), then the endpoint's relabelings. So: the job's
 * leading keeps of one literal value on those labels become selector and port, the `job` label is
 * set back to the job's name, and the job's relabeling follows unchanged. What cannot be said so
 * (another role, an API server, discovery selectors, other target sources, a rule reading a label
 * the operator sets) stays a ScrapeConfig, with the reason.
 */
import type { PrometheusModel, ScrapeJobModel } from '../../model/types.js';
import type { PrometheusOperatorOutputModel } from '../../model/outputs.js';
import type { RelabelRuleInput } from '../../model/schema/prometheus.js';
import { compact } from '../output.js';
import { effectiveScrape, needsNodeMetadata } from '../../model/scrape-facts.js';
import { jobRelabeling, literalReplacement, relabelConfig } from '../prometheus/scrape-config.js';
import { scrapeCredentials } from './credentials.js';
import { whyNotServiceMonitor } from '../../model/service-monitor.js';

export const SERVICE_MONITORS_DIR = 'servicemonitors';

const SERVICE_LABEL = '__meta_kubernetes_service_label_';
/** The port name label of each role (the operator's keep for `port`). */
const PORT_NAME = { endpoints: '__meta_kubernetes_endpoint_port_name', endpointslice: '__meta_kubernetes_endpointslice_port_name' } as const;
const ROLE = { endpoints: 'Endpoints', endpointslice: 'EndpointSlice' } as const;
/** A Kubernetes label name that Prometheus's `_label_<name>` keeps unchanged (no `.`, `/` or `-`). */
const PLAIN_LABEL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_]*[A-Za-z0-9])?$/;
/** A regex that matches one value only, and that value a valid label value or port name. */
const LITERAL_VALUE = /^[A-Za-z0-9](?:[-A-Za-z0-9_]*[A-Za-z0-9])?$/;

type Result = { spec: Record<string, unknown> } | { reason: string };

/** The project's global scrape settings, as the model keeps them (the interval always there). */
export type GlobalScrape = Pick<PrometheusModel, 'scrapeInterval' | 'scrapeTimeout'>;

/**
 * The interval and timeout a resource states for a job: the ones prometheus.yml scrapes it with
 * (the job's own, else the global ones: src/model/scrape-facts.ts effectiveScrape), always. Left
 * out, the operator would scrape at the Prometheus resource's scrapeInterval (30s by default) and
 * scrapeTimeout (Prometheus's 10s), which no check knows: the two profiles would scrape the same
 * job differently, the checks judging rate ranges against the interval would judge another one,
 * and a timeout valid under the project's 1m could exceed the operator's 30s (it refuses that).
 */
export function operatorTimings(job: Pick<ScrapeJobModel, 'interval' | 'timeout'>, global: GlobalScrape): { interval?: string; scrapeTimeout?: string } {
  const timings = effectiveScrape(global, job);
  return timings === undefined ? {} : { interval: timings.interval, scrapeTimeout: timings.timeout };
}

/** The leading keeps that are selector labels or the port name, and the rules after them. */
function selection(rules: readonly RelabelRuleInput[], portName: string) {
  const matchLabels: Record<string, string> = {};
  let port: string | undefined;
  let i = 0;
  for (; i < rules.length; i++) {
    const r = rules[i] as { action?: string; sourceLabels?: string[]; regex?: string };
    if (r.action !== 'keep' || r.sourceLabels?.length !== 1 || !LITERAL_VALUE.test(r.regex ?? '')) break;
    const label = r.sourceLabels[0]!;
    const name = label.startsWith(SERVICE_LABEL) ? label.slice(SERVICE_LABEL.length) : undefined;
    if (name !== undefined && PLAIN_LABEL_NAME.test(name) && !(name in matchLabels)) matchLabels[name] = r.regex!;
    else if (label === portName && port === undefined) port = r.regex!;
    else break;
  }
  return { matchLabels, port, rest: rules.slice(i) };
}

/** `global`: the project's global scrape settings (the endpoint states the job's effective ones: operatorTimings). */
export function serviceMonitorOf(job: ScrapeJobModel, output: PrometheusOperatorOutputModel, global: GlobalScrape): Result {
  const reason = whyNotServiceMonitor(job);
  if (reason) return { reason };
  const role = job.kubernetes!.role as keyof typeof ROLE;
  const { matchLabels, port, rest } = selection(job.relabel, PORT_NAME[role]);
  // Static labels first, as jobRelabeling puts them; they write no meta label (discoveryReason).
  const labels = jobRelabeling({ ...job, relabel: [] });
  const relabelings = [{ targetLabel: 'job', replacement: literalReplacement(job.job) }, ...labels, ...rest].map((r) => relabelConfig(r as RelabelRuleInput, 'operator'));
  const k = job.kubernetes!;
  return {
    // compact() would drop an empty selector, which the CRD requires (`{}`: every service).
    spec: {
      namespaceSelector: k.namespaces ? { matchNames: [...k.namespaces] } : { any: true },
      selector: Object.keys(matchLabels).length > 0 ? { matchLabels } : {},
      // Said, not left to the Prometheus resource's default: the port keep depends on it.
      serviceDiscoveryRole: ROLE[role],
      ...compact({
      attachMetadata: needsNodeMetadata(job) ? { node: true } : undefined,
      sampleLimit: job.sampleLimit,
      scrapeProtocols: job.scrapeProtocols,
      endpoints: [
        compact({
          port,
          path: job.metricsPath,
          scheme: job.scheme,
          params: job.params,
          ...operatorTimings(job, global),
          honorLabels: job.honorLabels,
          ...scrapeCredentials(job, output),
          relabelings,
          metricRelabelings: job.metricRelabel.length > 0 ? job.metricRelabel.map((r) => relabelConfig(r, 'operator')) : undefined,
          }),
        ],
      }),
    },
  };
}
