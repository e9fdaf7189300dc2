/**
 * Issue 22: `totem-mon import` on an alertmanager.yml and Grafana dashboards: the definitions it
 * writes type-check, generate and validate (the routing tests derived from the config's routes run
 * with amtool), and no literal secret of the input reaches a written file or the report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, snapshotTree } from '../helpers/cli.js';
import { importProject } from '../helpers/imported.js';
import { typecheckDefinitions } from '../helpers/typecheck.js';
import { itWithBinaries } from '../helpers/tools.js';
import { importReportSchema } from '../../src/report/import.js';

const AM = path.join(FIXTURES, 'import/alertmanager');
const DASHBOARD = path.join(FIXTURES, 'import/grafana/shop.json');
const cwd = process.cwd();
afterEach(() => process.chdir(cwd));


describe('totem-mon import: Alertmanager configuration and dashboards', () => {
  itWithBinaries(['amtool', 'promtool'])('writes alertmanager.ts and one file per dashboard, which type-check, generate and validate', async () => {
    const { root, into } = importProject();
    const result = await runCli(['import', path.join(AM, 'routing.yml'), DASHBOARD, '--into', into]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(Object.keys(snapshotTree(into)).sort()).toEqual(['alertmanager.ts', 'catalogue.ts', 'dashboards/shop-checkout.ts', 'index.ts']);
    expect(typecheckDefinitions(into)).toEqual([]);
    // The dashboard's metrics are in the inferred catalogue; a variable standing for a number is not a metric.
    const catalogue = readFileSync(path.join(into, 'catalogue.ts'), 'utf8');
    expect(catalogue).toMatch(/export const shopHttpRequestsTotal = counter\(\{\s*name: 'shop_http_requests_total'/);
    expect(catalogue).toMatch(/histogram\(\{\s*name: 'shop_http_request_duration_seconds'/);
    expect(catalogue).not.toContain('_quantile');
    process.chdir(root);
    const generate = await runCli(['generate', '--definitions', 'definitions', '--out', 'out']);
    expect(generate.code, generate.stdout + generate.stderr).toBe(0);
    const validate = await runCli(['validate', '--definitions', 'definitions', '--format', 'json']);
    const report = JSON.parse(validate.stdout) as { diagnostics: Array<{ id: string; severity: string; message: string }> };
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validate.code, validate.stdout).toBe(0);
  }, 240_000);

  it('copies no literal secret into any file it writes or into its report, and lists each as a file to fill', async () => {
    const { into } = importProject();
    const text = readFileSync(path.join(AM, 'secrets.yml'), 'utf8');
    const result = await runCli(['import', path.join(AM, 'secrets.yml'), DASHBOARD, '--into', into, '--format', 'json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = importReportSchema.parse(JSON.parse(result.stdout));
    const secrets = report.items.filter((i) => i.status === 'secret');
    expect(secrets).toHaveLength(9);
    expect(report.summary.secret).toBe(9);
    const written = Object.values(snapshotTree(into)).join('\n');
    for (const s of secrets) expect(written).toContain(`secretFile('${/write it to (\S+) on/.exec(s.reason ?? '')?.[1]}')`);
    // Every secret-looking value of the input (those of secret fields and the token in a URL).
    const values = [
      ...text.matchAll(/^\s*(?:- )?(?:\w*(?:password|secret|api_url|api_key|routing_key|service_key|credentials|bearer_token)): (\S+)$/gm),
      ...text.matchAll(/token=(\w+)/g),
    ].map((m) => m[1]!);
    expect(values.length).toBe(13);
    for (const v of values) {
      expect(written, v).not.toContain(v);
      expect(result.stdout, v).not.toContain(v);
    }
  });
});
