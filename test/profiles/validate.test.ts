import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { validate } from '../../src/app/validate.js';
import { CRDS_ENV, SHIPPED_CRDS } from '../../src/validate/kubernetes-schema.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';

const OPERATOR_ONLY = path.join(FIXTURES, 'profiles', 'operator-only', 'definitions');
const it = itWithBinaries(['promtool']);

/** The shipped CRDs, with the PrometheusRule schema's `for` narrowed to whole minutes: a cluster whose CRD refuses what we generate. */
function stricterCrds(): string {
  const dir = path.join(tempDir(), 'crds');
  cpSync(SHIPPED_CRDS, dir, { recursive: true });
  const file = path.join(dir, 'prometheus-operator-prometheusrules.yaml');
  const text = readFileSync(file, 'utf8');
  const narrowed = text.replace(/(\n(\s+)for:\n\s+description:[^\n]*(?:\n\2\s+[^\n]*)*?\n\s+pattern: )[^\n]+/, '$1^[0-9]+h$');
  if (narrowed === text) throw new Error('the PrometheusRule CRD has no `for` pattern to narrow');
  writeFileSync(file, narrowed);
  return dir;
}

describe('validate, with output profiles', () => {
  it('runs promtool on the rules of a project without the files profile (check rules on the extracted PrometheusRules, the unit tests) and finds nothing', async () => {
    const result = await validate({ definitions: OPERATOR_ONLY, offline: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.tools.find((t) => t.name === 'promtool')?.ran).toEqual(['check config', 'check rules', 'test rules']);
  });

  it('reports a resource its CRD schema refuses, a finding per violation, at the property of the definition it came from (offline too)', async () => {
    const result = await validate({ definitions: OPERATOR_ONLY, offline: true, env: { ...process.env, [CRDS_ENV]: stricterCrds() } });
    const found = result.diagnostics.filter((d) => d.id === 'kubernetes/schema');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', path: ['ruleGroups', 'shop-alerts', 'rules', 'ShopErrors'], file: 'prometheus-operator/prometheusrules/shop-alerts.yaml' });
    expect(found[0]!.message).toMatch(/\/spec\/groups\/0\/rules\/0\/for: must match pattern "\^\[0-9\]\+h\$"/);
    expect(found[0]!.source).toMatchObject({ file: 'definitions/index.ts', line: 7 });
    expect(found[0]!.hint).toBeDefined();
  });

  it('names a CRD folder that does not exist as a usage error (exit 2), not a crash', async () => {
    const missing = path.join(tempDir(), 'no-such-folder');
    await expect(validate({ definitions: OPERATOR_ONLY, offline: true, env: { ...process.env, [CRDS_ENV]: missing } })).rejects.toMatchObject({ name: 'UsageError', exitCode: 2, message: `the CRD folder ${missing} does not exist` });
  });
});
