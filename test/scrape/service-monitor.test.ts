// #17: with prometheusOperator({ kubernetesJobsAs: 'ServiceMonitor' }) a scrape job that discovers
// Kubernetes endpoints becomes a ServiceMonitor when its discovery and relabeling can be said as one
// (valid against the real CRD, selecting the targets its scrape_configs entry selects), and stays a
// ScrapeConfig, saying why in its header, when they cannot.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { effectiveScrape } from '../../src/model/scrape-facts.js';
import { defineProject, files, prometheusOperator, scrapeJob, secretFile, type ScrapeJob } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { checkResources } from '../../src/validate/kubernetes-schema.js';
import { modelOf } from '../helpers/model.js';
import { resourcesOf, shippedCrds } from '../profiles/crds.js';
import { up } from './helpers.js';

const operator = (kubernetesJobsAs?: 'ScrapeConfig' | 'ServiceMonitor') =>
  prometheusOperator({ namespace: 'monitoring', ...(kubernetesJobsAs ? { kubernetesJobsAs } : {}), alertmanager: { secrets: { '/etc/prometheus/token': { name: 'orders', key: 'token' } } } });

function outputsOf(jobs: readonly ScrapeJob[], kubernetesJobsAs: 'ScrapeConfig' | 'ServiceMonitor' | 'default' = 'ServiceMonitor') {
  return compileOutputs(modelOf(defineProject({ name: 'scrape', metrics: [up], prometheus: { scrapeJobs: jobs }, outputs: [files(), operator(kubernetesJobsAs === 'default' ? undefined : kubernetesJobsAs)] })));
}

type Rule = Record<string, unknown>;

/**
 * The relabeling the operator generates for a ServiceMonitor endpoint, as far as it selects targets:
 * a keep per selector label and one on the port name, then the endpoint's relabelings (its own
 * namespace/service/pod/container/endpoint/job labels sit between: documented in the README).
 */
function operatorChain(spec: Record<string, any>): Rule[] {
  const endpoint = spec.endpoints[0];
  const keeps: Rule[] = Object.entries((spec.selector.matchLabels ?? {}) as Record<string, string>).map(([label, value]) => ({ source_labels: [`__meta_kubernetes_service_label_${label}`], regex: value, action: 'keep' }));
  const portName = spec.serviceDiscoveryRole === 'EndpointSlice' ? '__meta_kubernetes_endpointslice_port_name' : '__meta_kubernetes_endpoint_port_name';
  if (endpoint.port !== undefined) keeps.push({ source_labels: [portName], regex: endpoint.port, action: 'keep' });
  const own = (endpoint.relabelings ?? []).map((r: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [({ sourceLabels: 'source_labels', targetLabel: 'target_label' } as Record<string, string>)[k] ?? k, v])),
  );
  return [...keeps, ...own];
}

const isKeep = (r: Rule) => r['action'] === 'keep';
const key = (r: Rule) => JSON.stringify(r);

const expressible: Array<{ name: string; job: ScrapeJob }> = [
  {
    name: 'endpoints in two namespaces, service label and port name, static label, relabeling, settings, auth',
    job: scrapeJob({
      name: 'orders',
      kubernetes: { role: 'endpoints', namespaces: ['shop', 'billing'] },
      labels: { cluster: 'sp1' },
      interval: '15s',
      timeout: '10s',
      path: '/admin/metrics',
      scheme: 'https',
      honorLabels: true,
      sampleLimit: 5000,
      authorization: { credentials: secretFile('/etc/prometheus/token') },
      relabel: [
        { action: 'keep', sourceLabels: ['__meta_kubernetes_service_label_app'], regex: 'orders' },
        { action: 'keep', sourceLabels: ['__meta_kubernetes_endpoint_port_name'], regex: 'http-metrics' },
        { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' },
      ],
      metricRelabel: [{ action: 'drop', sourceLabels: ['__name__'], regex: 'go_.*' }],
    }),
  },
  {
    name: 'endpoints in every namespace, every service, every port',
    job: scrapeJob({ name: 'everything', kubernetes: { role: 'endpoints' } }),
  },
  {
    name: 'endpoint slices, service label and the slice port name',
    job: scrapeJob({
      name: 'slices',
      kubernetes: { role: 'endpointslice', namespaces: ['shop'] },
      relabel: [
        { action: 'keep', sourceLabels: ['__meta_kubernetes_endpointslice_port_name'], regex: 'metrics' },
        { action: 'keep', sourceLabels: ['__meta_kubernetes_service_label_app'], regex: 'orders' },
      ],
    }),
  },
  {
    name: 'a keep on several values and a keep after another rule stay relabelings',
    job: scrapeJob({
      name: 'shops',
      kubernetes: { role: 'endpoints', namespaces: ['shop'] },
      relabel: [
        { action: 'keep', sourceLabels: ['__meta_kubernetes_service_label_app'], regex: 'orders|payments' },
        { sourceLabels: ['__meta_kubernetes_service_label_tier'], targetLabel: 'tier' },
        { action: 'keep', sourceLabels: ['__meta_kubernetes_endpoint_port_name'], regex: 'metrics' },
      ],
    }),
  },
];

describe('scrape jobs as ServiceMonitors (kubernetesJobsAs)', () => {
  for (const c of expressible) {
    it(`${c.name}: a ServiceMonitor valid against the CRD that selects what the scrape_configs entry selects`, () => {
      const out = outputsOf([c.job]);
      const resources = resourcesOf(out).filter((r) => r.resource.kind === 'ServiceMonitor' || r.resource.kind === 'ScrapeConfig');
      expect(resources.map((r) => `${r.resource.kind} ${r.resource.name}`)).toEqual([`ServiceMonitor ${c.job.name}`]);
      expect(checkResources(resources, shippedCrds())).toEqual([]);
      const file = resources[0]!;
      expect(file.path).toBe(`prometheus-operator/servicemonitors/${c.job.name}.yaml`);
      const resource = parse(file.content) as { apiVersion: string; spec: Record<string, any> };
      expect(resource.apiVersion).toBe('monitoring.coreos.com/v1');
      const spec = resource.spec;
      const entry = (parse(out.find((f) => f.path === 'prometheus/prometheus.yml')!.content) as { scrape_configs: Array<Record<string, any>> }).scrape_configs[0]!;

      // Discovery: the operator discovers with the spec's role (set, not left to the Prometheus resource), in matchNames (or everywhere with any: true).
      expect(entry.kubernetes_sd_configs).toEqual([{ role: spec.serviceDiscoveryRole.toLowerCase(), ...(spec.namespaceSelector.matchNames ? { namespaces: { names: spec.namespaceSelector.matchNames } } : {}) }]);
      expect(spec.namespaceSelector.any ?? false).toBe(entry.kubernetes_sd_configs[0].namespaces === undefined);

      // Selection: the same keeps, and the same other rules in the same order; the job label first
      // set back to the job's name (the operator's job label is the service's name).
      const theirs = operatorChain(spec);
      const ours = (entry.relabel_configs ?? []) as Rule[];
      expect(theirs.filter(isKeep).map(key).sort()).toEqual(ours.filter(isKeep).map(key).sort());
      const [job, ...rest] = theirs.filter((r) => !isKeep(r));
      expect(job).toEqual({ target_label: 'job', replacement: c.job.name });
      expect(rest.map(key)).toEqual(ours.filter((r) => !isKeep(r)).map(key));

      // Settings under the CRD's names.
      const endpoint = spec.endpoints[0];
      expect(endpoint.path).toBe(entry.metrics_path);
      expect(endpoint.scheme).toBe(entry.scheme);
      // The interval and timeout prometheus.yml scrapes the job with, always stated (its own, else the global ones).
      const global = (parse(out.find((f) => f.path === 'prometheus/prometheus.yml')!.content) as { global?: Record<string, string> }).global ?? {};
      expect(endpoint.interval).toBe(entry.scrape_interval ?? global['scrape_interval'] ?? '1m');
      expect(endpoint.scrapeTimeout).toBe(entry.scrape_timeout ?? effectiveScrape({ scrapeInterval: global['scrape_interval'], scrapeTimeout: global['scrape_timeout'] }, { interval: entry.scrape_interval })!.timeout);
      expect(endpoint.honorLabels).toBe(entry.honor_labels);
      expect(spec.sampleLimit).toBe(entry.sample_limit);
      expect((endpoint.metricRelabelings ?? []).length).toBe((entry.metric_relabel_configs ?? []).length);
    });
  }

  it('credentials are Secret keys and metric relabelings keep their rules', () => {
    const spec = (parse(resourcesOf(outputsOf([expressible[0]!.job])).find((r) => r.resource.kind === 'ServiceMonitor')!.content) as { spec: any }).spec;
    expect(spec.selector).toEqual({ matchLabels: { app: 'orders' } });
    expect(spec.endpoints[0].port).toBe('http-metrics');
    expect(spec.serviceDiscoveryRole).toBe('Endpoints');
    expect(spec.endpoints[0].authorization).toEqual({ credentials: { name: 'orders', key: 'token' } });
    expect(spec.endpoints[0].metricRelabelings).toEqual([{ sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop' }]);
  });

  it("endpoint slices: the role and the slice port name say the ServiceMonitor's port", () => {
    const spec = (parse(resourcesOf(outputsOf([expressible[2]!.job])).find((r) => r.resource.kind === 'ServiceMonitor')!.content) as { spec: any }).spec;
    expect(spec.serviceDiscoveryRole).toBe('EndpointSlice');
    expect(spec.selector).toEqual({ matchLabels: { app: 'orders' } });
    expect(spec.endpoints[0].port).toBe('metrics');
    expect(spec.endpoints[0].relabelings).toEqual([{ targetLabel: 'job', replacement: 'slices' }]);
  });

  const inexpressible: Array<{ why: string; job: ScrapeJob; reason: RegExp }> = [
    { why: 'role pod', job: scrapeJob({ name: 'pods', kubernetes: { role: 'pod' } }), reason: /role pod/ },
    { why: 'role service', job: scrapeJob({ name: 'svc', kubernetes: { role: 'service' } }), reason: /role service/ },
    { why: 'a label selector', job: scrapeJob({ name: 'sel', kubernetes: { role: 'endpoints', labelSelector: 'app=orders' } }), reason: /selector/ },
    { why: 'an API server of its own', job: scrapeJob({ name: 'remote', kubernetes: { role: 'endpoints', apiServer: 'https://k8s.example:6443' } }), reason: /apiServer/ },
    {
      why: 'a rule that reads a label the operator sets',
      job: scrapeJob({ name: 'reads', kubernetes: { role: 'endpoints' }, relabel: [{ action: 'drop', sourceLabels: ['namespace'], regex: 'kube-system' }] }),
      reason: /namespace/,
    },
  ];
  for (const c of inexpressible) {
    it(`${c.why}: stays a ScrapeConfig whose header says why`, () => {
      const resources = resourcesOf(outputsOf([c.job])).filter((r) => r.resource.kind === 'ServiceMonitor' || r.resource.kind === 'ScrapeConfig');
      expect(resources.map((r) => `${r.resource.kind} ${r.resource.name}`)).toEqual([`ScrapeConfig ${c.job.name}`]);
      const header = resources[0]!.content.split('\n').filter((l) => l.startsWith('#')).join('\n');
      expect(header).toMatch(/Not a ServiceMonitor: /);
      expect(header).toMatch(c.reason);
    });
  }

  it('a job without Kubernetes discovery stays a ScrapeConfig, with no note', () => {
    const resources = resourcesOf(outputsOf([scrapeJob({ name: 'static', targets: ['api:8000'] })])).filter((r) => r.resource.kind === 'ScrapeConfig');
    expect(resources.map((r) => r.resource.name)).toEqual(['static']);
    expect(resources[0]!.content).not.toMatch(/ServiceMonitor/);
  });

  it('by default (ScrapeConfig) every job stays a ScrapeConfig, with no such note', () => {
    for (const kubernetesJobsAs of ['default', 'ScrapeConfig'] as const) {
      const resources = resourcesOf(outputsOf([expressible[0]!.job], kubernetesJobsAs)).filter((r) => r.resource.kind === 'ServiceMonitor' || r.resource.kind === 'ScrapeConfig');
      expect(resources.map((r) => r.resource.kind)).toEqual(['ScrapeConfig']);
      expect(resources[0]!.content).not.toMatch(/ServiceMonitor/);
    }
  });
});
