/**
 * Scrape jobs as Prometheus Operator resources: each job a `ScrapeConfig` (monitoring.coreos.com/
 * v1alpha1) holding the same service discovery, relabeling and settings as its `scrape_configs`
 * entry in prometheus.yml, so both select the same targets; each health check a `Probe` through the
 * blackbox exporter. Secrets are Secret keys (src/model/outputs.ts secretKeyOf).
 */
import type { Model, ScrapeJobModel } from '../../model/types.js';
import type { PrometheusOperatorOutputModel } from '../../model/outputs.js';
import { scrapeCredentials } from './credentials.js';
import { operatorTimings, serviceMonitorOf, SERVICE_MONITORS_DIR, type GlobalScrape } from './service-monitor.js';
import { resourceName } from '../../model/kubernetes-names.js';
import type { RelabelRuleInput } from '../../model/schema/prometheus.js';
import { compact, headerLines } from '../output.js';
import { needsNodeMetadata } from '../../model/scrape-facts.js';
import { resourceFile, type ResourceFile } from '../kubernetes/resource.js';
import { discovers, jobRelabeling, relabelConfig } from '../prometheus/scrape-config.js';

const ROLE = { pod: 'Pod', service: 'Service', endpoints: 'Endpoints', endpointslice: 'EndpointSlice', node: 'Node' } as const;

const relabeling = (rule: RelabelRuleInput) => relabelConfig(rule, 'operator');

function spec(job: ScrapeJobModel, output: PrometheusOperatorOutputModel, global: GlobalScrape): Record<string, unknown> {
  const k = job.kubernetes;
  const timings = operatorTimings(job, global);
  const relabelings = jobRelabeling(job).map(relabeling);
  return compact({
    jobName: job.job,
    honorLabels: job.honorLabels,
    scrapeInterval: timings.interval,
    scrapeTimeout: timings.scrapeTimeout,
    metricsPath: job.metricsPath,
    scheme: job.scheme,
    params: job.params,
    scrapeProtocols: job.scrapeProtocols,
    sampleLimit: job.sampleLimit,
    ...scrapeCredentials(job, output),
    kubernetesSDConfigs: k && [
      compact({
        apiServer: k.apiServer,
        role: ROLE[k.role],
        namespaces: k.namespaces ? { names: [...k.namespaces] } : undefined,
        selectors: k.labelSelector !== undefined || k.fieldSelector !== undefined ? [compact({ role: ROLE[k.role], label: k.labelSelector, field: k.fieldSelector })] : undefined,
        attachMetadata: needsNodeMetadata(job) ? { node: true } : undefined,
      }),
    ],
    fileSDConfigs: job.fileSd && [compact({ files: [...job.fileSd.files], refreshInterval: job.fileSd.refreshInterval })],
    httpSDConfigs: job.httpSd && [compact({ url: job.httpSd.url, refreshInterval: job.httpSd.refreshInterval })],
    staticConfigs: job.targets.length > 0 ? [compact({ targets: job.targets, labels: discovers(job) ? undefined : job.labels })] : undefined,
    relabelings: relabelings.length > 0 ? relabelings : undefined,
    metricRelabelings: job.metricRelabel.length > 0 ? job.metricRelabel.map(relabeling) : undefined,
  });
}

export const SCRAPE_CONFIGS_DIR = 'scrapeconfigs';
export const PROBES_DIR = 'probes';

/**
 * One ScrapeConfig per scrape job (health checks' probe jobs are Probes), or, with
 * `kubernetesJobsAs: 'ServiceMonitor'`, a ServiceMonitor where one says what the job does; a
 * Kubernetes job that stays a ScrapeConfig then says why in its header.
 */
export function compileScrapeConfigs(model: Model, output: PrometheusOperatorOutputModel, folder: string): ResourceFile[] {
  return model.prometheus.scrapeJobs
    .filter((job) => !job.probe)
    .map((job) => {
      const name = resourceName(job.job);
      const header = headerLines(job.source?.file ?? model.entry, `scrape job ${job.job}`);
      const monitor = output.kubernetesJobsAs === 'ServiceMonitor' && job.kubernetes ? serviceMonitorOf(job, output, model.prometheus) : undefined;
      if (monitor && 'spec' in monitor) {
        return resourceFile(`${folder}/${SERVICE_MONITORS_DIR}/${name}.yaml`, output, { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', name, body: { spec: monitor.spec } }, job, header);
      }
      return resourceFile(
        `${folder}/${SCRAPE_CONFIGS_DIR}/${name}.yaml`,
        output,
        { apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'ScrapeConfig', name, body: { spec: spec(job, output, model.prometheus) } },
        job,
        monitor ? [...header, `Not a ServiceMonitor: ${monitor.reason}.`] : header,
      );
    });
}

/** One Probe per health check: the blackbox exporter probes its URL with its module, as the probe job does. */
export function compileProbes(model: Model, output: PrometheusOperatorOutputModel, folder: string): ResourceFile[] {
  return model.healthChecks.map((check) => {
    const job = model.prometheus.scrapeJobs.find((j) => j.job === check.job)!;
    const name = resourceName(check.job);
    return resourceFile(
      `${folder}/${PROBES_DIR}/${name}.yaml`,
      output,
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'Probe',
        name,
        body: {
          spec: compact({
            jobName: check.job,
            interval: check.interval,
            scrapeTimeout: check.timeout,
            module: check.module,
            prober: { url: job.probe!.exporter, path: '/probe' },
            targets: { staticConfig: { static: [check.url] } },
          }),
        },
      },
      check,
      headerLines(check.source?.file ?? model.entry, `health check ${check.name}`),
    );
  });
}
