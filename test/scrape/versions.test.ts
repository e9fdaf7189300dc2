// #17: target versions. A field the target lacks is refused, naming the field, the target version
// (and where it comes from) and the version that adds it; the default in validate is the installed tools'.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alert, defineProject, gauge, ruleGroup, scrapeJob, type ProjectOptions, type ScrapeJob } from '../../src/index.js';
import { supportedVersion } from '../../src/model/version-facts.js';
import { targetVersions } from '../../src/model/versions.js';
import { lint } from '../../src/app/synth.js';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { fileOf } from '../helpers/model.js';
import { jsonReportSchema } from '../../src/report/json.js';

const up = gauge({ name: 'up', help: 'Target reachable', exporter: 'prometheus' });

function findings(jobs: ScrapeJob[], extra: Partial<ProjectOptions> = {}) {
  const project = defineProject({ name: 'v', metrics: [up], prometheus: { scrapeJobs: jobs }, ...extra });
  return lint(project).diagnostics.filter((d) => d.id === 'version/unsupported').map((d) => ({ message: d.message, hint: d.hint, path: d.path?.join('.'), file: d.source?.file }));
}

const protocols = scrapeJob({ name: 'api', targets: ['api:8000'], scrapeProtocols: ['PrometheusProto'] });

describe('version/unsupported', () => {
  it('scrapeProtocols on the default target (Prometheus 2.42): field, target, where the target comes from, the version that adds it', () => {
    expect(findings([protocols])).toEqual([
      {
        message: 'scrape job "api" uses scrapeProtocols (scrape_protocols), which Prometheus 2.42 (the target version, the default) does not have: it came in Prometheus 2.49',
        hint: "if your Prometheus is 2.49 or newer, set versions: { prometheus: '2.49' } (or the release it runs, or '>=2.49') in defineProject or totem-mon.config.ts; otherwise remove it",
        path: 'prometheus.scrapeJobs.api.scrapeProtocols',
        file: fileOf(protocols),
      },
    ]);
  });

  it('is quiet when the project targets a version that has it', () => {
    expect(findings([protocols], { versions: { prometheus: '2.53' } })).toEqual([]);
    expect(findings([protocols], { versions: { prometheus: '3.x' } })).toEqual([]);
  });

  it('UTF-8 label names: a relabeling writing k8s.namespace needs Prometheus 3', () => {
    const job = scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, relabel: [{ sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'k8s.namespace' }] });
    expect(findings([job], { versions: { prometheus: '2.53' } }).map((f) => [f.message, f.path])).toEqual([
      [
        'scrape job "pods" relabel[0] (targetLabel "k8s.namespace") uses UTF-8 label names (beyond [a-zA-Z_][a-zA-Z0-9_]*), which Prometheus 2.53 (the target version, from the project) does not have: it came in Prometheus 3.0',
        'prometheus.scrapeJobs.pods.relabel[0].targetLabel',
      ],
    ]);
    expect(findings([job], { versions: { prometheus: '3.x' } })).toEqual([]);
  });

  it('keep_firing_for and keepequal exist in every supported Prometheus: quiet', () => {
    const job = scrapeJob({ name: 'api', targets: ['api:8000'], relabel: [{ action: 'keepequal', sourceLabels: ['__address__'], targetLabel: 'instance' }] });
    const rule = alert({ name: 'Down', expr: `${up} == 0`, for: '5m', keepFiringFor: '5m', labels: { severity: 'critical' }, annotations: { summary: 's', description: 'd', runbook_url: 'https://r.example.com/' } });
    expect(findings([job], { ruleGroups: [ruleGroup({ name: 'g', rules: [rule] })] })).toEqual([]);
  });
});

describe('where the target versions come from', () => {
  it('config over project over the installed tools over the default, per program', () => {
    expect(
      targetVersions([
        { versions: { prometheus: '3.x' }, origin: 'config' },
        { versions: { prometheus: '2.53', alertmanager: '0.27' }, origin: 'project' },
        { versions: { prometheus: '2.42', alertmanager: '0.25' }, origin: 'installed' },
      ]),
    ).toEqual({ prometheus: '3.x', alertmanager: '0.27', blackbox: '0.23', from: { prometheus: 'config', alertmanager: 'project', blackbox: 'default' } });
    expect(targetVersions([])).toEqual({ prometheus: '2.42', alertmanager: '0.25', blackbox: '0.23', from: { prometheus: 'default', alertmanager: 'default', blackbox: 'default' } });
  });

  it('an installed version stands for its own release (test/model/version-targets.test.ts has more)', () => {
    expect(['2.42.0+ds', '2.49.1', '2.55.1', '3.5.0', '2.40.7', 'x'].map((v) => supportedVersion('prometheus', v))).toEqual(['2.42', '2.49', '2.55', '3.5', undefined, undefined]);
    expect(['0.25.0', '0.26.0', '0.27.0', '0.31.1'].map((v) => supportedVersion('alertmanager', v))).toEqual(['0.25', '0.26', '0.27', '0.31']);
  });
});

describe('validate on a version-gated field', () => {
  itWithBinaries(['promtool'])('names the field, the target version (the installed promtool\'s) and the version that adds it', async () => {
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, 'scrape', 'version-gated')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /error \[version\/unsupported\] .*version-gated\/index\.ts:15 › prometheus › scrapeJobs › api › scrapeProtocols: scrape job "api" uses scrapeProtocols \(scrape_protocols\), which Prometheus 2\.42 \(the target version, the installed tool\) does not have: it came in Prometheus 2\.49/,
    );
    expect(r.stdout).toMatch(/targets Prometheus 2\.42 \(installed\)/);
  }, 60_000);

  itWithBinaries(['promtool'])('--format json states the targets and where they came from', async () => {
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, 'scrape', 'version-gated'), '--format', 'json']);
    const report = jsonReportSchema.parse(JSON.parse(r.stdout));
    expect(report.targets?.prometheus).toEqual({ version: '2.42', from: 'installed' });
    expect(report.diagnostics.find((d) => d.id === 'version/unsupported')?.path).toEqual(['prometheus', 'scrapeJobs', 'api', 'scrapeProtocols']);
  }, 60_000);
});
