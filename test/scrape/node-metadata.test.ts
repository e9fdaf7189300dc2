// Audit round 21: Prometheus sets a node's labels on pod, endpoints and endpointslice targets only
// with attach_metadata: { node: true }. A job whose relabeling reads them gets it written (in
// prometheus.yml and in the operator's resources); node labels attach_metadata does not add, or on
// a role it does not apply to, are still reported by scrape/meta-label.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defineProject, files, prometheusOperator, scrapeJob, type ScrapeJob } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { checkResources } from '../../src/validate/kubernetes-schema.js';
import { modelOf, runOn } from '../helpers/model.js';
import { resourcesOf, shippedCrds } from '../profiles/crds.js';
import { prometheusYml, scrapeProject, up } from './helpers.js';

const ZONE = '__meta_kubernetes_node_label_topology_kubernetes_io_zone';
const zoneRules = [
  { action: 'keep' as const, sourceLabels: [ZONE], regex: 'sa-east-1a' },
  { sourceLabels: [ZONE], targetLabel: 'zone' },
];

function sdConfig(job: ScrapeJob): Record<string, unknown> {
  return (parse(prometheusYml([job])) as { scrape_configs: Array<{ kubernetes_sd_configs: Array<Record<string, unknown>> }> }).scrape_configs[0]!.kubernetes_sd_configs[0]!;
}

describe('attach_metadata: { node: true }', () => {
  it('is written for pod, endpoints and endpointslice jobs whose relabeling reads node labels (source labels or a labelmap)', () => {
    expect(sdConfig(scrapeJob({ name: 'pods', kubernetes: { role: 'pod', namespaces: ['shop'] }, relabel: zoneRules }))).toEqual({
      role: 'pod',
      namespaces: { names: ['shop'] },
      attach_metadata: { node: true },
    });
    for (const role of ['endpoints', 'endpointslice'] as const) {
      expect(sdConfig(scrapeJob({ name: 'eps', kubernetes: { role }, relabel: [{ sourceLabels: ['__meta_kubernetes_node_name'], targetLabel: 'node' }] }))['attach_metadata']).toEqual({ node: true });
    }
    expect(sdConfig(scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, relabel: [{ action: 'labelmap', regex: '__meta_kubernetes_node_label_(.+)' }] }))['attach_metadata']).toEqual({ node: true });
  });

  it('is not written when no node label is read, nor on the node role (its own labels)', () => {
    expect(sdConfig(scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, relabel: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' }] }))).toEqual({ role: 'pod' });
    expect(sdConfig(scrapeJob({ name: 'nodes', kubernetes: { role: 'node' }, relabel: [{ sourceLabels: [ZONE], targetLabel: 'zone' }] }))).toEqual({ role: 'node' });
  });

  it('scrape/meta-label: quiet on attached node labels, an error on node labels no attach_metadata gives', () => {
    const pods = scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, relabel: zoneRules });
    const address = scrapeJob({ name: 'addr', kubernetes: { role: 'pod' }, relabel: [{ sourceLabels: ['__meta_kubernetes_node_address_InternalIP'], targetLabel: 'node_ip' }] });
    const services = scrapeJob({ name: 'svc', kubernetes: { role: 'service' }, relabel: [{ sourceLabels: [ZONE], targetLabel: 'zone' }] });
    expect(runOn(scrapeProject([pods, address, services]), ['scrape/meta-label']).map((d) => [d.path?.join('.'), d.message, d.hint])).toEqual([
      [
        'prometheus.scrapeJobs.addr.relabel[0].sourceLabels[0]',
        'scrape job "addr" relabel[0] reads __meta_kubernetes_node_address_InternalIP, which its service discovery (Kubernetes role pod) never sets: the rule always sees an empty value',
        '__meta_kubernetes_node_address_InternalIP is set by the Kubernetes role node',
      ],
      [
        'prometheus.scrapeJobs.svc.relabel[0].sourceLabels[0]',
        `scrape job "svc" relabel[0] reads ${ZONE}, which its service discovery (Kubernetes role service) never sets: the rule always sees an empty value`,
        `${ZONE} is set by the Kubernetes roles pod, endpoints, endpointslice, node`,
      ],
    ]);
  });

  it('the operator resources ask for it too, valid against the CRDs: a ScrapeConfig and a ServiceMonitor', () => {
    const pods = scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, relabel: zoneRules });
    const eps = scrapeJob({ name: 'eps', kubernetes: { role: 'endpoints' }, relabel: [{ sourceLabels: ['__meta_kubernetes_node_name'], targetLabel: 'node' }] });
    const out = compileOutputs(
      modelOf(defineProject({ name: 'scrape', metrics: [up], prometheus: { scrapeJobs: [pods, eps] }, outputs: [files(), prometheusOperator({ namespace: 'm', kubernetesJobsAs: 'ServiceMonitor' })] })),
    );
    const resources = resourcesOf(out).filter((r) => r.resource.kind === 'ServiceMonitor' || r.resource.kind === 'ScrapeConfig');
    expect(checkResources(resources, shippedCrds())).toEqual([]);
    const spec = (kind: string) => (parse(resources.find((r) => r.resource.kind === kind)!.content) as { spec: Record<string, any> }).spec;
    expect(spec('ScrapeConfig')['kubernetesSDConfigs'][0].attachMetadata).toEqual({ node: true });
    expect(spec('ServiceMonitor')['attachMetadata']).toEqual({ node: true });
  });
});
