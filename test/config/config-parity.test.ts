/**
 * Every setting totem-mon.config.ts can set is held to the rule the project's own setting is: the
 * same bad value fails both schemas, at the same path (the grafana, lint and versions sections).
 * The rule that needs the definitions too (grafana.folder as a folder of out/) is in
 * test/config/config-rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, parseProject } from '../../src/model/parse.js';

const project = (extra: Record<string, unknown>) => ({ kind: 'project', name: 'p', metrics: [], prometheus: { scrapeJobs: [] }, ...extra });
const config = (extra: Record<string, unknown>) => ({ kind: 'config', ...extra });

const BAD: Array<[string, Record<string, unknown>]> = [
  ['datasource uid', { grafana: { datasource: { uid: 'has space' } } }],
  ['datasource uid too long', { grafana: { datasource: { uid: 'x'.repeat(41) } } }],
  ['datasource name empty', { grafana: { datasource: { name: '' } } }],
  ['datasource url', { grafana: { datasource: { url: 'prometheus:9090' } } }],
  ['exemplar label', { grafana: { datasource: { exemplars: { label: 'trace-id' } } } }],
  ['exemplar data source', { grafana: { datasource: { exemplars: { datasource: 'a b' } } } }],
  ['loki uid', { grafana: { loki: { uid: 'a/b' } } }],
  ['loki name', { grafana: { loki: { name: '' } } }],
  ['loki maxLines', { grafana: { loki: { maxLines: 0 } } }],
  ['loki trace link data source', { grafana: { loki: { traceLinks: { datasource: 'a b' } } } }],
  ['tempo url', { grafana: { tempo: { url: 'tempo' } } }],
  ['tempo trace to logs tag', { grafana: { tempo: { traceToLogs: { tags: { 'service.name': 'service-name' } } } } }],
  ['tempo time shift', { grafana: { tempo: { traceToLogs: { spanStartTimeShift: '1 minute' } } } }],
  ['jaeger uid', { grafana: { jaeger: { uid: 'ja eger' } } }],
  ['folder empty', { grafana: { folder: '' } }],
  ['provisioningPath', { grafana: { provisioningPath: 'relative/path' } }],
  ['datasourceVariableLabel empty', { grafana: { datasourceVariableLabel: '' } }],
  ['schema', { grafana: { schema: 'v3' } }],
  ['alertRules', { grafana: { alertRules: 'yes' } }],
  ['unknown grafana field', { grafana: { folders: 'x' } }],
  ['prometheus version', { versions: { prometheus: '1.8' } }],
  ['alertmanager version', { versions: { alertmanager: '0.1' } }],
  ['check id', { lint: { checks: { 'alert/namin': 'off' } } }],
  ['check setting', { lint: { checks: { 'alert/naming': 'loud' } } }],
];

describe('the config is checked as strictly as the project', () => {
  it.each(BAD)('%s: refused by both, at the same path, with the same message', (_, fields) => {
    const inProject = parseProject(project(fields));
    const inConfig = parseConfig(config(fields));
    expect(inProject.ok).toBe(false);
    // A wrong setting of the config is a finding beside the config read without it (reported with the definitions').
    expect(inConfig.ok ? inConfig.problems?.length : inConfig.diagnostics.length).toBeGreaterThan(0);
    const findings = (r: typeof inProject | typeof inConfig) => (r.ok ? ('problems' in r ? (r.problems ?? []) : []) : r.diagnostics);
    const shown = (r: typeof inProject | typeof inConfig) => findings(r).map((d) => [d.path?.join('.'), d.message]);
    expect(shown(inConfig)).toEqual(shown(inProject));
  });

  it('and accepts what the project accepts', () => {
    const good = { grafana: { datasource: { uid: 'prom_1', name: 'Prom', url: 'http://p:9090' }, folder: 'Ops/Shop', provisioningPath: '/var/lib/x', schema: 'v2' }, versions: { prometheus: '2.42' }, lint: { checks: { 'alert/naming': 'off' } } };
    expect(parseProject(project(good)).ok).toBe(true);
    const inConfig = parseConfig(config(good));
    expect(inConfig.ok).toBe(true);
    expect(inConfig).not.toHaveProperty('problems');
  });
});
