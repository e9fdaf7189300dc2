// Audit round 21: a literal value totem-mon writes as a relabel `replacement` (a discovering job's
// static labels, the ServiceMonitor's job label, the probe's exporter) has its `$` escaped as `$$`,
// so Prometheus stores the value as written and does not expand `$1`, `${1}` in it.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defineProject, files, prometheusOperator, scrapeJob } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { modelOf } from '../helpers/model.js';
import { prometheusYml, up } from './helpers.js';

const labels = { cost_center: 'cc$1-a', tier: '${1}x', plain: 'eu' };

/**
 * Prometheus's expansion of a replacement (Go regexp.Expand with the groups of `(.*)` on an empty
 * source value): `$$` is `$`, `$name`/`${name}` a group (here all empty).
 */
function expand(replacement: string): string {
  return replacement.replace(/\$(\$|\{\w+\}|\w+)/g, (_, ref: string) => (ref === '$' ? '$' : ''));
}

type Rule = Record<string, any>;

describe('literal values in relabel replacements', () => {
  it("a discovering job's static labels are stored as written; a static job's stay static_configs labels", () => {
    const yml = parse(
      prometheusYml([
        scrapeJob({ name: 'files', fileSd: { files: ['/etc/prometheus/targets.json'] }, labels }),
        scrapeJob({ name: 'static', targets: ['app:8000'], labels }),
      ]),
    ) as { scrape_configs: Rule[] };
    const [files, fixed] = yml.scrape_configs;
    const written: Record<string, string> = Object.fromEntries((files!['relabel_configs'] as Rule[]).map((r) => [r['target_label'], r['replacement']]));
    expect(written).toEqual({ cost_center: 'cc$$1-a', tier: '$${1}x', plain: 'eu' });
    expect(Object.fromEntries(Object.entries(written).map(([k, v]) => [k, expand(v)]))).toEqual(labels);
    expect(fixed!['static_configs'][0].labels).toEqual(labels);
  });

  it('the same in the operator resources: a ScrapeConfig, and the job label of a ServiceMonitor', () => {
    const job = scrapeJob({ name: 'orders$1', kubernetes: { role: 'endpoints' }, labels: { cost_center: 'cc$1-a' } });
    const out = (as: 'ScrapeConfig' | 'ServiceMonitor') =>
      compileOutputs(modelOf(defineProject({ name: 'scrape', metrics: [up], prometheus: { scrapeJobs: [job] }, outputs: [files(), prometheusOperator({ namespace: 'm', kubernetesJobsAs: as })] })));
    const spec = (as: 'ScrapeConfig' | 'ServiceMonitor') => {
      const file = out(as).find((f) => f.path.includes(as === 'ScrapeConfig' ? 'scrapeconfigs/' : 'servicemonitors/'))!;
      return (parse(file.content) as { spec: Rule }).spec;
    };
    expect(spec('ScrapeConfig')['relabelings']).toEqual([{ targetLabel: 'cost_center', replacement: 'cc$$1-a' }]);
    expect(spec('ServiceMonitor')['endpoints'][0].relabelings).toEqual([
      { targetLabel: 'job', replacement: 'orders$$1' },
      { targetLabel: 'cost_center', replacement: 'cc$$1-a' },
    ]);
  });
});
