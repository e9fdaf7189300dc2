import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { files, prometheusOperator } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import type { OutputFile } from '../../src/compile/output.js';
import type { Model } from '../../src/model/types.js';
import { extractedRuleFiles } from '../../src/validate/extracted-rules.js';
import { runTools } from '../../src/validate/run-tools.js';
import { requireTool, findTool } from '../../src/validate/tools.js';
import { itWithBinaries } from '../helpers/tools.js';
import { tempDir } from '../helpers/cli.js';
import { modelOf } from '../helpers/model.js';
import { shop } from './helpers.js';
import { ALL_PROFILES, totemWith } from './totem.js';

const it = itWithBinaries(['promtool']);

/**
 * The files profile's unit tests, each loading the extracted rules instead of the rule file the files
 * profile wrote beside it: every `<rule>.rules.yml` rebuilt from the groups `validate` extracts from
 * the profile's resources (the same groups by name, the same rules by name and expression).
 */
function testsOnExtracted(all: readonly OutputFile[], profileDir: string): OutputFile[] {
  const extracted = extractedRuleFiles(all.filter((f) => f.path.startsWith(profileDir)));
  const groups = new Map<string, { name: string; rules: Array<Record<string, unknown>> }>();
  for (const f of extracted) for (const g of parse(f.content).groups) groups.set(g.name, g);
  return all.flatMap((f) => {
    if (!f.path.startsWith('prometheus/tests/')) return [];
    if (!f.path.endsWith('.rules.yml')) return [f];
    const original = parse(f.content) as { groups: Array<{ name: string; rules: Array<Record<string, unknown>> }> };
    const rebuilt = original.groups.map((g) => {
      const from = groups.get(g.name);
      if (!from) throw new Error(`group ${g.name} was not extracted from ${profileDir}`);
      const wanted = new Set(g.rules.map((r) => `${String(r['alert'] ?? r['record'])}\0${String(r['expr'])}`));
      return { ...from, rules: from.rules.filter((r) => wanted.has(`${String(r['alert'] ?? r['record'])}\0${String(r['expr'])}`)) };
    });
    expect(rebuilt.map((g) => g.rules.length), f.path).toEqual(original.groups.map((g) => g.rules.length));
    return [{ path: f.path, content: stringify({ groups: rebuilt }) }];
  });
}

async function promtoolTests(tree: readonly OutputFile[]): Promise<{ exitCode: number | undefined; all: string }> {
  const dir = tempDir();
  for (const f of tree) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.content);
  }
  const tests = tree.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path);
  expect(tests.length).toBeGreaterThan(0);
  const run = await execa(findTool('promtool')!, ['test', 'rules', ...tests], { cwd: dir, reject: false, all: true });
  rmSync(dir, { recursive: true, force: true });
  return { exitCode: run.exitCode, all: run.all ?? '' };
}

async function checkedByTools(model: Model, generated: readonly OutputFile[]) {
  return runTools({ model, files: generated, promtool: await requireTool('promtool') });
}

describe('the rules inside the profiles’ resources, by the real promtool', () => {
  it('pass the files profile’s unit tests: the shop', async () => {
    const generated = compileOutputs(modelOf(shop([files(), prometheusOperator({ namespace: 'shop' })])));
    const run = await promtoolTests(testsOnExtracted(generated, 'prometheus-operator/'));
    expect(run.all).toContain('SUCCESS');
    expect(run.exitCode).toBe(0);
  });

  it('pass the files profile’s unit tests and promtool check rules: Totem, every profile', async () => {
    const model = (await totemWith(ALL_PROFILES)).model!;
    const generated = compileOutputs(model);
    for (const dir of ['prometheus-operator/', 'mimir/', 'thanos/']) {
      const run = await promtoolTests(testsOnExtracted(generated, dir));
      expect(run.exitCode, `${dir}: ${run.all.slice(-2000)}`).toBe(0);
    }
    const tools = await checkedByTools(model, generated.filter((f) => !f.path.startsWith('prometheus/tests/')));
    expect(tools.diagnostics).toEqual([]);
    expect(tools.tools[0]?.ran).toContain('check rules');
  });

  it('are extracted and checked in validate: a broken expression inside a PrometheusRule is promtool’s finding, at the rule', async () => {
    const model = modelOf(shop([prometheusOperator({ namespace: 'shop' })]));
    const generated = compileOutputs(model).map((f) =>
      f.path === 'prometheus-operator/prometheusrules/shop-alerts.yaml' ? { ...f, content: f.content.replace(/expr: (rate\(shop_errors_total)/, 'expr: sum by (job $1') } : f,
    );
    expect(generated.some((f) => f.content.includes('sum by (job rate'))).toBe(true);
    const tools = await checkedByTools(model, generated);
    const found = tools.diagnostics.filter((d) => d.id === 'promtool/check-rules');
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toEqual(['ruleGroups', 'shop-alerts', 'rules', 'ShopErrors']);
    expect(found[0]!.file).toBe('prometheus-operator/prometheusrules/shop-alerts.yaml'); // the file out/ holds, not validate's extracted copy
    expect(found[0]!.message).toMatch(/extracted-rules\/prometheus-operator\/prometheusrules\/shop-alerts\.yaml\.yml|parse error|unexpected/);
  });
});
