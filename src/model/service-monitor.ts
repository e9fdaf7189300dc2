/**
 * Why a scrape job discovering Kubernetes targets cannot be a `ServiceMonitor` (undefined: it can),
 * for the prometheus-operator profile (src/compile/prometheus-operator/service-monitor.ts) and
 * check output/not-service-monitor. The operator discovers endpoints in the cluster of its
 * Prometheus and sets namespace/service/pod/container/endpoint labels before the relabelings.
 */
import type { ScrapeJobModel } from './types.js';
import type { RelabelRuleInput } from './schema/prometheus.js';

/** The target labels the operator sets before the endpoint's relabelings (besides job). */
export const OPERATOR_LABELS = ['namespace', 'service', 'pod', 'container', 'endpoint'];
/** The labels a rule reads. */
const reads = (rule: RelabelRuleInput): string[] => {
  const r = rule as { action?: string; sourceLabels?: string[]; targetLabel?: string };
  return [...(r.sourceLabels ?? []), ...(r.action === 'keepequal' || r.action === 'dropequal' ? [r.targetLabel!] : [])];
};

export function whyNotServiceMonitor(job: ScrapeJobModel): string | undefined {
  const k = job.kubernetes;
  if (!k) return 'it does not discover Kubernetes targets';
  if (k.role === 'pod') return 'kubernetes role pod discovers pods, which a PodMonitor would say (not generated)';
  if (k.role !== 'endpoints' && k.role !== 'endpointslice') return `kubernetes role ${k.role}: a ServiceMonitor discovers the endpoints of services (role endpoints or endpointslice)`;
  if (k.apiServer !== undefined) return 'its discovery names an apiServer: a ServiceMonitor discovers in the cluster of its Prometheus';
  if (k.labelSelector !== undefined || k.fieldSelector !== undefined) return 'its discovery has a label or field selector: write it as keeps on __meta_kubernetes_service_label_<name>';
  if (job.targets.length > 0 || job.fileSd || job.httpSd) return 'it has static, file or HTTP targets beside the Kubernetes discovery';
  if (Object.keys(job.labels).some((l) => l.startsWith('__'))) return 'a static label of it is a meta label';
  const reading = job.relabel.flatMap(reads).find((l) => OPERATOR_LABELS.includes(l));
  if (reading) return `a relabel rule reads the label ${reading}, which the operator sets on a ServiceMonitor's targets`;
  return undefined;
}
