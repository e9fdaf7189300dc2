// #17: what a scrape job may hold, refused with the reason: literal secrets, relabel rules missing
// what their action needs, clashing authentication, a job without targets.
import { describe, expect, it } from 'vitest';
import { alert, counter, defineProject, ruleGroup, scrapeJob, secretFile, type ScrapeJob } from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import { runOn } from '../helpers/model.js';
import { scrapeProject } from './helpers.js';

function schemaErrors(job: unknown) {
  return lint(scrapeProject([job as ScrapeJob])).diagnostics.filter((d) => d.id === 'schema').map((d) => ({ path: d.path?.join('.'), message: d.message, hint: d.hint }));
}

describe('scrape job definitions', () => {
  it('a literal secret is refused, naming job and field, with the secretFile form', () => {
    const job = { ...scrapeJob({ name: 'api', targets: ['api:8000'] }), basicAuth: { username: 'p', password: 'hunter2' } };
    expect(schemaErrors(job)).toEqual([
      {
        path: 'prometheus.scrapeJobs.api.basicAuth.password',
        message: 'scrape job api: basicAuth.password holds a literal password; a definition never holds a secret',
        hint: "write password: secretFile('/etc/prometheus/secrets/api_password') and put the value in that file on the Prometheus host (the output then says password_file: the path, never the value)",
      },
    ]);
    const token = { ...scrapeJob({ name: 'api', targets: ['api:8000'] }), authorization: { credentials: 'abc' } };
    expect(schemaErrors(token).map((e) => e.path)).toEqual(['prometheus.scrapeJobs.api.authorization.credentials']);
  });

  it('a relabel rule without what its action needs, or with what it refuses, is refused with the field', () => {
    const job = {
      ...scrapeJob({ name: 'pods', kubernetes: { role: 'pod' } }),
      relabel: [{ sourceLabels: ['__meta_kubernetes_namespace'] }, { action: 'keepequal', sourceLabels: ['a'], targetLabel: 'b', regex: 'x' }, { action: 'hashmod', sourceLabels: ['__address__'], targetLabel: '__tmp' }],
    };
    expect(schemaErrors(job)).toEqual([
      { path: 'prometheus.scrapeJobs.pods.relabel[0].targetLabel', message: 'relabel action replace requires targetLabel (the label it writes); Prometheus refuses the rule without it', hint: "e.g. { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' }" },
      { path: 'prometheus.scrapeJobs.pods.relabel[1].regex', message: 'relabel action keepequal does not take regex; Prometheus refuses the rule', hint: 'keepequal takes sourceLabels, targetLabel, separator' },
      { path: 'prometheus.scrapeJobs.pods.relabel[2].modulus', message: 'relabel action hashmod requires modulus (the number of shards, not 0); Prometheus refuses the rule without it', hint: 'write modulus in the rule' },
    ]);
  });

  it('at most one of basicAuth, authorization and oauth2; at least one source of targets', () => {
    const both = scrapeJob({
      name: 'api',
      targets: ['api:8000'],
      basicAuth: { username: 'u', password: secretFile('/etc/prometheus/secrets/pw') },
      authorization: { credentials: secretFile('/etc/prometheus/secrets/token') },
    });
    expect(schemaErrors(both).map((e) => [e.path, e.message])).toEqual([
      ['prometheus.scrapeJobs.api.authorization', 'scrape job api sets basicAuth and authorization; Prometheus takes at most one of basicAuth, authorization and oauth2'],
    ]);
    expect(schemaErrors(scrapeJob({ name: 'nothing' })).map((e) => [e.path, e.message])).toEqual([['prometheus.scrapeJobs.nothing.targets', 'scrape job nothing has no targets']]);
  });
});

describe('labels a relabeling adds are series labels for the lint', () => {
  const requests = counter({ name: 'shop_requests_total', help: 'Requests', labels: ['code'] });
  const annotations = { summary: 's', description: 'errors in {{ $labels.namespace }}', runbook_url: 'https://runbooks.example.com/' };
  const project = (job: ScrapeJob) =>
    defineProject({
      name: 'shop',
      metrics: [requests],
      prometheus: { scrapeJobs: [job] },
      ruleGroups: [ruleGroup({ name: 'shop', rules: [alert({ name: 'Errors', expr: `sum by (namespace, cluster) (rate(${requests}[5m])) > 1`, for: '5m', labels: { severity: 'warning' }, annotations })] })],
    });
  const checks = ['promql/unknown-label', 'alert/template-label-dropped'];

  it('namespace (from __meta_kubernetes_namespace) and cluster (a static label of a discovering job) are known', () => {
    const job = scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, labels: { cluster: 'sp1' }, relabel: [{ sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' }] });
    expect(runOn(project(job), checks)).toEqual([]);
  });

  it('without the relabeling, namespace is unknown; a label built from $1 or an internal __ label adds nothing', () => {
    const job = scrapeJob({
      name: 'pods',
      kubernetes: { role: 'pod' },
      labels: { cluster: 'sp1' },
      relabel: [
        { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: '__tmp_namespace' },
        { sourceLabels: ['__meta_kubernetes_namespace'], regex: '(.*)', targetLabel: '${1}_ns' },
      ],
    });
    expect(runOn(project(job), checks).map((d) => d.message)).toEqual([
      expect.stringMatching(/uses by \(namespace\), but the aggregated series have no label "namespace"/),
      expect.stringMatching(/namespace/),
    ]);
  });
});
