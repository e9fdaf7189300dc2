// Dashboard options (#21): annotations from firing alerts and from a query, typed links between
// dashboards, time options, refresh choices, folders, tags, graph tooltip, editable.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  alert, alertAnnotations, counter, dashboard, defineProject, gauge, linkTo, queryAnnotation, ruleGroup, scrapeJob, statPanel,
  type Dashboard,
} from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';
import { grafanaFiles } from '../helpers/grafana.js';

const builds = counter({ name: 'ci_builds_total', help: 'Builds.', labels: ['result'] });
const version = gauge({ name: 'ci_version_info', help: 'Version.', labels: ['version'] });
const buildsFailing = alert({
  name: 'BuildsFailing',
  expr: `sum(rate(${builds.select({ result: 'failed' })}[10m])) > 0`,
  for: '10m',
  labels: { severity: 'warning' },
  annotations: { summary: 's', description: 'd' },
});
const queueStuck = alert({ name: 'Queue.Stuck', expr: 'vector(1)', for: '5m', labels: { severity: 'info' }, annotations: { summary: 's', description: 'd' } });

function project(dashboards: Dashboard[]) {
  return defineProject({
    name: 'ci',
    metrics: [builds, version],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'ci', targets: ['ci:9000'] })] },
    ruleGroups: [ruleGroup({ name: 'ci', rules: [buildsFailing, queueStuck] })],
    dashboards,
  });
}

const panel = statPanel({ title: 'Builds', targets: [{ expr: `sum(increase(${builds}[$__range]))` }] });
const details = dashboard({ title: 'CI details', panels: [panel] });
const overview = dashboard({
  title: 'CI overview',
  tags: ['ci', 'team-build'],
  folder: 'Build & Release',
  graphTooltip: 'tooltip',
  editable: false,
  timezone: 'utc',
  time: { from: 'now-24h', to: 'now' },
  refresh: '30s',
  refreshIntervals: ['30s', '1m', '5m'],
  links: [linkTo(details, { title: 'Detalhes', keepTime: false })],
  annotations: [
    alertAnnotations(),
    alertAnnotations({ name: 'Build alerts', alerts: [buildsFailing, queueStuck], color: 'orange' }),
    queryAnnotation({ name: 'Deploys', expr: `changes(${version}[5m]) > 0`, title: 'Deploy', text: 'version {{version}}', tags: ['version'], step: '1m' }),
  ],
  panels: [panel],
});

const files = () => grafanaFiles(project([overview, details]));
const json = (file: string) => JSON.parse(files()[file]!) as Record<string, unknown> & { annotations: { list: Array<Record<string, unknown>> } };

describe('dashboard options', () => {
  it('annotate firing alerts from ALERTS, all or the given alert objects, and any query', () => {
    const { annotations } = json('grafana/dashboards/Build & Release/ci-overview.json');
    expect(annotations.list.map((a) => [a.name, a.expr, a.iconColor, a.enable])).toEqual([
      ['Alerts', 'ALERTS{alertstate="firing"}', 'red', true],
      ['Build alerts', 'ALERTS{alertstate="firing",alertname=~"BuildsFailing|Queue\\\\.Stuck"}', 'orange', true],
      ['Deploys', 'changes(ci_version_info[5m]) > 0', 'red', true],
    ]);
    expect(annotations.list[0]).toMatchObject({ titleFormat: '{{alertname}}', textFormat: '{{alertname}} ({{severity}})', tagKeys: 'alertname,severity', datasource: { type: 'prometheus', uid: '${datasource}' } });
    expect(annotations.list[2]).toMatchObject({ titleFormat: 'Deploy', textFormat: 'version {{version}}', tagKeys: 'version', step: '1m' });
  });

  it('write tags, time, refresh choices, time zone, graph tooltip and editable', () => {
    expect(json('grafana/dashboards/Build & Release/ci-overview.json')).toMatchObject({
      tags: ['ci', 'team-build'],
      time: { from: 'now-24h', to: 'now' },
      refresh: '30s',
      timepicker: { refresh_intervals: ['30s', '1m', '5m'] },
      timezone: 'utc',
      graphTooltip: 2,
      editable: false,
    });
    // The defaults: crosshair, editable, the browser's time zone.
    expect(json('grafana/dashboards/ci/ci-details.json')).toMatchObject({ graphTooltip: 1, editable: true, timezone: 'browser' });
  });

  it('link to a dashboard object by its uid', () => {
    expect(json('grafana/dashboards/Build & Release/ci-overview.json').links).toEqual([
      expect.objectContaining({ title: 'Detalhes', type: 'link', url: '/d/ci-details', keepTime: false, includeVars: true }),
    ]);
  });

  it('put each dashboard in its folder (the project name by default) and provision folders from the files', () => {
    expect(Object.keys(files()).filter((f) => f.startsWith('grafana/dashboards/')).sort()).toEqual([
      'grafana/dashboards/Build & Release/ci-overview.json',
      'grafana/dashboards/ci/ci-details.json',
    ]);
    const provider = (parse(files()['grafana/provisioning/dashboards/totem-mon.yml']!) as { providers: Array<Record<string, unknown>> }).providers[0]!;
    expect(provider.folder).toBeUndefined();
    expect(provider.options).toEqual({ path: '/var/lib/grafana/dashboards/totem-mon', foldersFromFilesStructure: true });
    // Without folders: every dashboard at the top, in the project's folder (as before).
    const flat = grafanaFiles(project([details]));
    expect(Object.keys(flat).filter((f) => f.startsWith('grafana/dashboards/'))).toEqual(['grafana/dashboards/ci-details.json']);
    const flatProvider = (parse(flat['grafana/provisioning/dashboards/totem-mon.yml']!) as { providers: Array<Record<string, unknown>> }).providers[0]!;
    expect(flatProvider).toMatchObject({ folder: 'ci', options: { foldersFromFilesStructure: false } });
  });

  it('match the golden file', async () => {
    await expect(files()['grafana/dashboards/Build & Release/ci-overview.json']).toMatchFileSnapshot('./__golden__/features/dashboard-options.json');
  });

  it('refuse a folder name that is not one folder', () => {
    const bad = dashboard({ title: 'Bad', folder: 'a/b', panels: [] });
    expect(() => grafanaFiles(project([bad]))).toThrow('dashboards.Bad.folder: invalid folder name');
  });
});

describe('annotation queries are checked like panel queries', () => {
  const check = CHECKS.find((c) => c.id === 'promql/unknown-metric')!;

  it('reports an unknown metric in an annotation at its expr', () => {
    const d = dashboard({ title: 'CI', annotations: [queryAnnotation({ name: 'Deploys', expr: 'changes(ci_versoin_info[5m]) > 0' })], panels: [] });
    const found = runOn(project([d]), [check]).map(pinned);
    expect(found.map((f) => [f.path, f.message.split('.')[0]])).toEqual([
      [['dashboards', 'CI', 'annotations[0]', 'expr'], 'panel Deploys (annotation) uses metric "ci_versoin_info", which is not in the catalogue'],
    ]);
  });

  it('is quiet on ALERTS', () => {
    const d = dashboard({ title: 'CI', annotations: [alertAnnotations({ alerts: [buildsFailing] })], panels: [] });
    expect(runOn(project([d]), [check])).toEqual([]);
  });
});
