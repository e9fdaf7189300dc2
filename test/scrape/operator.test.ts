// #17: with the prometheus-operator profile each scrape job is a ScrapeConfig and each health check
// a Probe, valid against the operator's real CRDs, and a ScrapeConfig selects the same targets as
// the job's scrape_configs entry (same discovery, same relabeling), for every service discovery case.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defineProject, files, prometheusOperator, scrapeJob, secretFile, type ScrapeJob } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { lint } from '../../src/app/synth.js';
import { checkResources } from '../../src/validate/kubernetes-schema.js';
import { modelOf } from '../helpers/model.js';
import { resourcesOf, shippedCrds } from '../profiles/crds.js';
import { sdCases } from './sd-cases.js';
import { up } from './helpers.js';
import shop from '../fixtures/k8s/shop/index.js';

// The sd cases' secret files, mapped to Secret keys for the operator profile.
const secrets = {
  '/var/run/secrets/kubernetes.io/serviceaccount/token': { name: 'prometheus-sa', key: 'token' },
  '/etc/prometheus/secrets/vms_password': { name: 'vms', key: 'password' },
  '/etc/prometheus/secrets/oauth_client_secret': { name: 'oauth', key: 'client_secret' },
  '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt': { name: 'prometheus-sa', key: 'ca.crt' },
  '/etc/prometheus/kubelet-ca.crt': { name: 'kubelet', key: 'ca.crt' },
};
const operator = prometheusOperator({ namespace: 'monitoring', labels: { release: 'prom' }, alertmanager: { secrets } });

function outputsOf(jobs: readonly ScrapeJob[]) {
  return compileOutputs(modelOf(defineProject({ name: 'scrape', metrics: [up], prometheus: { scrapeJobs: jobs }, outputs: [files(), operator] })));
}

/** The parts of a scrape_configs entry that decide which targets it scrapes and with which labels. */
function selection(entry: Record<string, any>) {
  const pick = (o: Record<string, any>, keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  return pick(entry, ['job_name', 'metrics_path', 'scheme', 'params', 'kubernetes_sd_configs', 'file_sd_configs', 'http_sd_configs', 'static_configs', 'relabel_configs', 'metric_relabel_configs']);
}

const SNAKE: Record<string, string> = {
  jobName: 'job_name', metricsPath: 'metrics_path', kubernetesSDConfigs: 'kubernetes_sd_configs', fileSDConfigs: 'file_sd_configs', httpSDConfigs: 'http_sd_configs',
  staticConfigs: 'static_configs', relabelings: 'relabel_configs', metricRelabelings: 'metric_relabel_configs', sourceLabels: 'source_labels', targetLabel: 'target_label',
  refreshInterval: 'refresh_interval', apiServer: 'api_server',
};

/** A ScrapeConfig spec in Prometheus's own terms (the operator's translation: names, role case). */
function asPrometheus(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => asPrometheus(v, key));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [SNAKE[k] ?? k, asPrometheus(v, k)]));
  return key === 'role' && typeof value === 'string' ? value.toLowerCase() : value;
}

describe('scrape jobs as Prometheus Operator resources', () => {
  for (const c of sdCases) {
    it(`${c.role}: a ScrapeConfig valid against the CRD, selecting what the scrape_configs entry selects`, () => {
      const out = outputsOf([c.job]);
      const resources = resourcesOf(out).filter((r) => r.resource.kind === 'ScrapeConfig');
      expect(resources.map((r) => r.resource.name)).toEqual([c.job.name]);
      expect(checkResources(resources, shippedCrds())).toEqual([]);
      const entry = (parse(out.find((f) => f.path === 'prometheus/prometheus.yml')!.content) as { scrape_configs: Array<Record<string, any>> }).scrape_configs[0]!;
      const spec = (parse(resources[0]!.content) as { spec: Record<string, any> }).spec;
      expect(selection(asPrometheus(spec) as Record<string, any>)).toEqual(selection(entry));
    });
  }

  it('credentials are Secret keys, never values: bearer token, basic auth, OAuth2, TLS', () => {
    const specs = Object.fromEntries(
      resourcesOf(outputsOf(sdCases.map((c) => c.job))).filter((r) => r.resource.kind === 'ScrapeConfig').map((r) => [r.resource.name, (parse(r.content) as { spec: any }).spec]),
    );
    expect(specs['apiserver'].authorization).toEqual({ credentials: { name: 'prometheus-sa', key: 'token' } });
    expect(specs['apiserver'].tlsConfig).toEqual({ ca: { secret: { name: 'prometheus-sa', key: 'ca.crt' } }, serverName: 'kubernetes' });
    expect(specs['legacy-vms'].basicAuth).toEqual({ username: { name: 'vms', key: 'username' }, password: { name: 'vms', key: 'password' } });
    expect(specs['discovered'].oauth2).toMatchObject({ clientId: { secret: { name: 'oauth', key: 'client_id' } }, clientSecret: { name: 'oauth', key: 'client_secret' } });
  });

  it('a secret file no Secret holds is refused with the profile, naming where the operator mounts them', () => {
    const job = scrapeJob({ name: 'api', targets: ['api:8000'], authorization: { credentials: secretFile('/opt/token') } });
    const project = defineProject({ name: 'scrape', metrics: [up], prometheus: { scrapeJobs: [job] }, outputs: [prometheusOperator({ namespace: 'monitoring' })] });
    expect(lint(project).diagnostics.map((d) => [d.path?.join('.'), d.message])).toEqual([
      [
        'prometheus.scrapeJobs.api.authorization.credentials',
        "secretFile('/opt/token') has no Kubernetes Secret for the prometheus-operator profile: a ScrapeConfig names a Secret key, which the Prometheus resource mounts at /etc/prometheus/secrets/<secret>/<key>",
      ],
    ]);
  });

  it('the Kubernetes shop: a ScrapeConfig per discovering job and a Probe for its health check, all valid against the CRDs', () => {
    const out = compileOutputs(modelOf(defineProject({ ...shop, outputs: [files(), operator] })));
    const resources = resourcesOf(out).filter((r) => r.resource.kind === 'ScrapeConfig' || r.resource.kind === 'Probe');
    expect(resources.map((r) => `${r.resource.kind} ${r.resource.name}`).sort()).toEqual(['Probe checkout-health', 'ScrapeConfig shop-pods', 'ScrapeConfig shop-services']);
    expect(checkResources(resources, shippedCrds())).toEqual([]);
    const probe = (parse(resources.find((r) => r.resource.kind === 'Probe')!.content) as { spec: any }).spec;
    expect(probe).toEqual({
      jobName: 'checkout-health',
      interval: '30s',
      scrapeTimeout: '30s',
      module: 'http_checkout',
      prober: { url: 'blackbox-exporter.monitoring.svc:9115', path: '/probe' },
      targets: { staticConfig: { static: ['http://checkout.shop.svc:8080/health'] } },
    });
    const kustomization = parse(out.find((f) => f.path === 'prometheus-operator/kustomization.yaml')!.content) as { resources: string[] };
    expect(kustomization.resources).toEqual(expect.arrayContaining(['scrapeconfigs/shop-pods.yaml', 'probes/checkout-health.yaml']));
  });
});
