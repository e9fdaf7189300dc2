// A rule or a dashboard that reads a recorded series (a name with a colon) the imported rules do not
// record: the series is recorded elsewhere (a rule file not given, another team's ruler). Before,
// the importer guessed it as a gauge, the catalogue refused the name, and the import wrote nothing.
// Now it is no metric: the reader is written as it is, with an ignore of promql/unknown-metric.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { importProject } from '../helpers/imported.js';

const RULES = `groups:
- name: api
  rules:
  - record: job:api_requests:rate5m
    expr: sum by (job) (rate(api_requests_total[5m]))
  - alert: ApiBusy
    expr: job:api_requests:rate5m > 100 and on (job) job:api_errors:rate5m > 1
    for: 5m
    labels: { severity: warning }
    annotations: { summary: Busy, description: Busy }
`;

const DASHBOARD = JSON.stringify({
  title: 'Nodes', uid: 'nodes', schemaVersion: 39,
  panels: [{ type: 'timeseries', title: 'CPU', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: 'A', expr: 'sum(node:cpu_utilisation:avg1m{cluster="a"})' }] }],
});

describe('import: recorded series the input does not record', () => {
  it('are not guessed as metrics; their readers are written with an ignore, and the import succeeds', async () => {
    const inputs = tempDir('totem-mon-import-in-');
    mkdirSync(inputs, { recursive: true });
    writeFileSync(path.join(inputs, 'rules.yml'), RULES);
    writeFileSync(path.join(inputs, 'nodes.json'), DASHBOARD);
    const { into } = importProject();
    const result = await runCli(['import', inputs, '--into', into]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const catalogue = readFileSync(path.join(into, 'catalogue.ts'), 'utf8');
    expect(catalogue).toContain("name: 'api_requests_total'");
    expect(catalogue).not.toMatch(/name: '[^']*:/);
    const rules = readFileSync(path.join(into, 'rules/api.ts'), 'utf8');
    expect(rules).toContain(`'promql/unknown-metric': 'imported as written: alert ApiBusy uses metric "job:api_errors:rate5m", which is not in the catalogue.`);
    expect(result.stdout).toMatch(/dashboard "Nodes" — breaks promql\/unknown-metric/);
    expect(result.stdout).not.toContain('[schema]');
  }, 60_000);
});
