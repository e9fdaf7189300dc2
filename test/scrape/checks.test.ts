// #17: the checks on scrape jobs' relabeling, each firing and quiet, with message, hint and location.
import { describe, expect, it } from 'vitest';
import { alert, counter, defineProject, ruleGroup, scrapeJob, type ScrapeJob } from '../../src/index.js';
import { fileOf, runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';

const requests = counter({ name: 'shop_requests_total', help: 'Requests', labels: ['code', 'pod_template_hash'] });
const annotations = { summary: 'Errors', description: 'Many errors', runbook_url: 'https://runbooks.example.com/' };

function run(id: string, jobs: ScrapeJob[], expr?: string) {
  const rules = expr ? [alert({ name: 'Errors', expr, for: '5m', labels: { severity: 'warning' }, annotations })] : [];
  const project = defineProject({ name: 'shop', metrics: [requests], prometheus: { scrapeJobs: jobs }, ...(expr ? { ruleGroups: [ruleGroup({ name: 'shop', rules })] } : {}) });
  return runOn(project, [id]).map(pinned);
}

const atJob = (job: ScrapeJob, ...path: string[]) => ({ path: ['prometheus', 'scrapeJobs', job.name, ...path], file: fileOf(job), line: job.source!.line, highlighted: undefined });

describe('scrape/relabel-regex', () => {
  it('fires on a regex RE2 does not compile (a lookahead), in relabel and metricRelabel', () => {
    const job = scrapeJob({
      name: 'api',
      targets: ['api:8000'],
      relabel: [{ action: 'keep', sourceLabels: ['__address__'], regex: 'api(?=:)' }],
      metricRelabel: [{ action: 'drop', sourceLabels: ['__name__'], regex: '(go)_\\1' }],
    });
    const hint = 'RE2 has no lookahead or lookbehind ((?=, (?!, (?<=, (?<!) and no backreferences (\\1): match with groups and split the condition into keep/drop rules';
    expect(run('scrape/relabel-regex', [job])).toEqual([
      { message: 'scrape job "api" relabel[0]: regex "api(?=:)" does not compile in RE2, so Prometheus refuses the configuration (error parsing regexp: invalid or unsupported Perl syntax: `(?=`)', hint, ...atJob(job, 'relabel[0]', 'regex') },
      { message: 'scrape job "api" metricRelabel[0]: regex "(go)_\\\\1" does not compile in RE2, so Prometheus refuses the configuration (error parsing regexp: invalid escape sequence: `\\1`)', hint, ...atJob(job, 'metricRelabel[0]', 'regex') },
    ]);
  });

  it('is quiet on RE2 syntax JavaScript would not read the same way (named groups, flags)', () => {
    const job = scrapeJob({ name: 'api', targets: ['api:8000'], relabel: [{ sourceLabels: ['__address__'], regex: '(?P<host>[^:]+):\\d+', targetLabel: 'host', replacement: '${host}' }, { action: 'keep', sourceLabels: ['__address__'], regex: '(?i)API.*' }] });
    expect(run('scrape/relabel-regex', [job])).toEqual([]);
  });
});

describe('scrape/meta-label', () => {
  it('fires on a pod label read by a service job, and on a __meta_ label in metricRelabel', () => {
    const job = scrapeJob({
      name: 'orders',
      kubernetes: { role: 'service' },
      relabel: [{ action: 'keep', sourceLabels: ['__meta_kubernetes_pod_label_app'], regex: 'orders' }],
      metricRelabel: [{ sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' }],
    });
    expect(run('scrape/meta-label', [job])).toEqual([
      {
        message: 'scrape job "orders" relabel[0] reads __meta_kubernetes_pod_label_app, which its service discovery (Kubernetes role service) never sets: the rule always sees an empty value',
        hint: '__meta_kubernetes_pod_label_app is set by the Kubernetes roles pod, endpoints, endpointslice',
        ...atJob(job, 'relabel[0]', 'sourceLabels[0]'),
      },
      {
        message: 'scrape job "orders" metricRelabel[0] reads __meta_kubernetes_namespace, but __meta_* labels are gone once targets are relabeled: the rule always sees an empty value',
        hint: 'copy the label in relabel (targetLabel) and read that label here, or move the rule to relabel',
        ...atJob(job, 'metricRelabel[0]', 'sourceLabels[0]'),
      },
    ]);
  });

  it('fires on a Kubernetes label in a file SD job, and on a labelmap of another role', () => {
    const files = scrapeJob({ name: 'vms', fileSd: { files: ['/t/*.json'] }, relabel: [{ sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' }] });
    const nodes = scrapeJob({ name: 'nodes', kubernetes: { role: 'node' }, relabel: [{ action: 'labelmap', regex: '__meta_kubernetes_service_label_(.+)' }] });
    expect(run('scrape/meta-label', [files, nodes]).map((d) => [d.message, d.hint])).toEqual([
      [
        'scrape job "vms" relabel[0] reads __meta_kubernetes_namespace, which its service discovery (file SD) never sets: the rule always sees an empty value',
        '__meta_kubernetes_namespace is set by the Kubernetes roles pod, service, endpoints, endpointslice',
      ],
      [
        'scrape job "nodes" relabel[0] reads __meta_kubernetes_service_label_, which its service discovery (Kubernetes role node) never sets: the rule always sees an empty value',
        '__meta_kubernetes_service_label_ is set by the Kubernetes roles service, endpoints, endpointslice',
      ],
    ]);
  });

  it('is quiet on the labels each role sets (endpoints carry their service and pod labels), __meta_filepath on file SD', () => {
    const jobs = [
      scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, relabel: [{ sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' }, { action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)' }] }),
      scrapeJob({ name: 'eps', kubernetes: { role: 'endpoints' }, relabel: [{ sourceLabels: ['__meta_kubernetes_service_name', '__meta_kubernetes_pod_name', '__meta_kubernetes_endpoint_port_name'], targetLabel: 'x' }] }),
      scrapeJob({ name: 'slices', kubernetes: { role: 'endpointslice' }, relabel: [{ sourceLabels: ['__meta_kubernetes_endpointslice_endpoint_zone'], targetLabel: 'zone' }] }),
      scrapeJob({ name: 'vms', fileSd: { files: ['/t/*.json'] }, relabel: [{ sourceLabels: ['__meta_filepath'], targetLabel: 'file' }] }),
      scrapeJob({ name: 'web', httpSd: { url: 'http://sd:80/t' }, relabel: [{ sourceLabels: ['__meta_url'], targetLabel: 'sd' }] }),
    ];
    expect(run('scrape/meta-label', jobs)).toEqual([]);
  });
});

describe('scrape/dropped-label', () => {
  const dropping = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'pod_template_hash|id' }] });

  it('fires on a matcher and a by on a label every job scraping the metric drops', () => {
    const found = run('scrape/dropped-label', [dropping], `sum by (pod_template_hash) (rate(${requests.select({ pod_template_hash: 'abc' })}[5m])) > 1`);
    expect(found.map((d) => [d.message, d.hint, d.highlighted])).toEqual([
      [
        'alert Errors filters "shop_requests_total" on label "pod_template_hash", which scrape job "shop" metricRelabel[0] (labeldrop "pod_template_hash|id") removes before storage: the series never carry it',
        "keep the label (narrow the rule's regex) or stop using it here",
        'pod_template_hash="abc"',
      ],
      [
        'alert Errors uses by (pod_template_hash), but scrape job "shop" metricRelabel[0] (labeldrop "pod_template_hash|id") removes "pod_template_hash" before storage: every series falls in one group',
        "keep the label (narrow the rule's regex) or group by another label",
        'pod_template_hash',
      ],
    ]);
  });

  it('labelkeep drops what it does not keep', () => {
    const keeping = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labelkeep', regex: '__name__|job|instance|code' }] });
    expect(run('scrape/dropped-label', [keeping], `sum by (pod_template_hash) (rate(${requests}[5m])) > 1`).map((d) => d.message)).toEqual([
      'alert Errors uses by (pod_template_hash), but scrape job "shop" metricRelabel[0] (labelkeep "__name__|job|instance|code") removes "pod_template_hash" before storage: every series falls in one group',
    ]);
  });

  it('is quiet when another job that may scrape the metric keeps the label, or the selector names a job that keeps it', () => {
    const keeping = scrapeJob({ name: 'legacy', targets: ['legacy:8000'] });
    expect(run('scrape/dropped-label', [dropping, keeping], `sum by (pod_template_hash) (rate(${requests}[5m])) > 1`)).toEqual([]);
    expect(run('scrape/dropped-label', [dropping, keeping], `sum by (pod_template_hash) (rate(${requests.select({ job: 'legacy' })}[5m])) > 1`)).toEqual([]);
    expect(run('scrape/dropped-label', [dropping], `sum by (code) (rate(${requests}[5m])) > 1`)).toEqual([]);
  });
});
