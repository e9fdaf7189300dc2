// validate's temporary tree on paths that are one file on macOS and Windows (`Shop.json` and
// `shop.json`): either the clash cannot happen (the in-memory files profile leaves out what no tool
// reads), or it is a finding made before anything is written: never a crash, EEXIST, or a
// temporary folder left behind. A case-insensitive disk cannot be mounted here, so the tests check
// that no such tree is ever written (on Linux it would be written without error).
import { chmodSync, cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alertmanager, dashboard, defineProject, grafanaOperator, prometheusOperator, ratePanel, receiver, route, type Output } from '../../src/index.js';
import { compileOutputs, filesForTools } from '../../src/app/outputs.js';
import { validate } from '../../src/app/validate.js';
import { haveClashingPaths } from '../../src/compile/clashes.js';
import { writeTemporaryTree } from '../../src/io/write.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { edit } from '../helpers/output.js';
import { modelOf } from '../helpers/model.js';
import { requests, shop } from '../profiles/helpers.js';

/** A promtool that answers --version and accepts everything. */
function fakePromtool(dir: string): string {
  const tool = path.join(dir, 'promtool');
  writeFileSync(tool, '#!/bin/sh\ncase "$1" in --version) echo "promtool, version 2.42.0";; esac\nexit 0\n');
  chmodSync(tool, 0o755);
  return tool;
}

const board = (uid: string) => dashboard({ title: `Board ${uid}`, uid, panels: [ratePanel(requests, { title: 'R' })] });
const shopWithBoards = (outputs: Output[]) => defineProject({ ...shop(outputs), dashboards: [board('Shop'), board('shop')] });

describe("validate's temporary tree and paths one file on macOS and Windows", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  /** validate with a fresh TMPDIR and the fake promtool; what it reports and what it left there. */
  async function validateWithTools(definitions: string) {
    const root = tempDir('totem-mon-tmproot-');
    process.env['TMPDIR'] = root;
    const env = { ...process.env, TOTEM_MON_PROMTOOL: fakePromtool(tempDir('totem-mon-tools-')) };
    const result = await validate({ definitions, offline: false, env });
    return { result, left: readdirSync(root) };
  }

  it('dashboards "Shop" and "shop" named apart by grafana-operator: the tools get no in-memory dashboard files that clash', () => {
    const model = modelOf(shopWithBoards([prometheusOperator({ namespace: 'shop' }), grafanaOperator({ namespace: 'shop', instanceSelector: { dashboards: 'grafana' } })]));
    const compiled = compileOutputs(model);
    expect(haveClashingPaths(compiled)).toBe(false);
    const forTools = filesForTools(model, compiled);
    expect(haveClashingPaths(forTools)).toBe(false);
    expect(forTools.map((f) => f.path).filter((p) => p.startsWith('grafana/'))).toEqual([]);
    // What the tools read is still there: the rule files and prometheus.yml of the files profile.
    expect(forTools.map((f) => f.path)).toEqual(expect.arrayContaining(['prometheus/prometheus.yml', 'prometheus/rules/shop-alerts.yml']));
  });

  it('with files(), "Shop" and "shop" are a finding and no tool runs: no tree written, nothing left', async () => {
    const definitions = path.join(tempDir(), 'definitions');
    cpSync(path.join(FIXTURES, 'profiles', 'operator-only', 'definitions'), definitions, { recursive: true });
    const index = path.join(definitions, 'index.ts');
    edit(index, "import { alert, counter, defineProject,", "import { alert, counter, dashboard, defineProject, files, ratePanel,");
    edit(
      index,
      '  outputs: [',
      "  dashboards: ['Shop', 'shop'].map((uid) => dashboard({ title: `Board ${uid}`, uid, panels: [ratePanel(errors, { title: 'E' })] })),\n  outputs: [\n    files(),",
    );
    const { result, left } = await validateWithTools(definitions);
    const clash = result.diagnostics.filter((d) => d.severity === 'error' && /grafana\/dashboards\/Shop\.json and grafana\/dashboards\/shop\.json/.test(d.message));
    expect(clash.length, JSON.stringify(result.diagnostics)).toBeGreaterThan(0);
    expect(result.tools).toEqual([]);
    expect(left).toEqual([]);
  });

  it('templates "Small.tmpl" and "small.tmpl" (apart in the operator profile’s Secret): named apart in the tools’ copy, which alertmanager.yml loads by a glob', () => {
    const templates = { 'Small.tmpl': '{{ define "shop.other" }}other{{ end }}\n', 'small.tmpl': '{{ define "shop.text" }}text{{ end }}\n' };
    const project = defineProject({
      ...shop([prometheusOperator({ namespace: 'shop' })]),
      alertmanager: alertmanager({ receivers: [receiver({ name: 'team', webhook: [{ url: 'https://hooks.example.com/x' }] })], route: route({ receiver: 'team' }) }),
    });
    const model = modelOf(project, { templates });
    const compiled = compileOutputs(model);
    expect(haveClashingPaths(compiled)).toBe(false);
    const forTools = filesForTools(model, compiled);
    expect(haveClashingPaths(forTools)).toBe(false);
    const copies = forTools.filter((f) => f.path.startsWith('alertmanager/templates/'));
    expect(copies.map((f) => f.path)).toEqual(['alertmanager/templates/Small.tmpl', 'alertmanager/templates/small-2.tmpl']);
    expect(copies.map((f) => f.content.includes('shop.other'))).toEqual([true, false]);
    expect(forTools.find((f) => f.path === 'alertmanager/alertmanager.yml')?.content).toContain('templates/*.tmpl');
  });

  it('writeTemporaryTree refuses such files before it makes anything (not EEXIST half-way)', () => {
    const root = tempDir('totem-mon-tmproot-');
    const files = [
      { path: 'grafana/dashboards/Shop.json', content: '{}\n' },
      { path: 'grafana/dashboards/shop.json', content: '{}\n' },
    ];
    expect(() => writeTemporaryTree(files, root)).toThrow(/one file on macOS and Windows/);
    expect(readdirSync(root)).toEqual([]);
  });
});
