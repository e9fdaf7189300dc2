/**
 * Issue 22, round trip is the proof: import → generate gives back the input's alerts and recording
 * rules (names, for, labels, annotations; expressions as syntax trees). The comparison itself, and
 * the corpus script's run on a small committed rule set.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { detectDocuments } from '../../src/import/detect.js';
import { readRuleGroups } from '../../src/import/rule-groups.js';
import { compareRuleGroups } from '../../src/import/round-trip.js';
import type { ImportedGroup, ImportedRule } from '../../src/import/rule-groups.js';
import { roundTrip } from '../../bench/import-corpus/import-corpus.js';
import { itWithBinaries } from '../helpers/tools.js';

const rule = (over: Partial<ImportedRule> = {}): ImportedRule => ({
  kind: 'alert',
  name: 'A',
  expr: 'sum by (job) (rate(x_total[5m])) > 1',
  for: '5m',
  labels: { severity: 'warning' },
  annotations: { summary: 's', description: 'd' },
  path: [],
  ...over,
});
const group = (rules: ImportedRule[], over: Partial<ImportedGroup> = {}): ImportedGroup => ({ name: 'g', rules, file: 'f.yml', path: [], ...over });

describe('the round-trip comparison', () => {
  it('takes the same meaning written differently as equal', () => {
    const regenerated = rule({ expr: 'sum by(job) (\n  rate(x_total[5m])\n) > 1', for: '300s' });
    expect(compareRuleGroups([group([rule()])], [group([regenerated])])).toEqual({ rules: 1, equal: 1, differences: [] });
  });

  it('names every difference: expression, for, keep_firing_for, labels, annotations, interval, missing and extra rules and groups', () => {
    const original = [group([rule(), rule({ name: 'B' }), rule({ kind: 'record', name: 'r:x', labels: {}, annotations: {} })], { interval: '30s', limit: 5 }), group([], { name: 'gone' })];
    const regenerated = [
      group(
        [
          rule({ expr: 'sum by (job) (rate(x_total[1m])) > 1', for: '10m', keepFiringFor: '1m', labels: { severity: 'critical' }, annotations: { summary: 's' } }),
          rule({ kind: 'record', name: 'r:x', labels: {}, annotations: {} }),
          rule({ name: 'C' }),
        ],
        { interval: '1m' },
      ),
      group([], { name: 'new' }),
    ];
    const result = compareRuleGroups(original, regenerated);
    expect(result.rules).toBe(3);
    expect(result.equal).toBe(1);
    expect(result.differences.map((d) => `${d.group}${d.rule ? ` › ${d.rule}` : ''}: ${d.field}`)).toEqual([
      'g: interval',
      'g: limit',
      'g › A: expr',
      'g › A: for',
      'g › A: keep_firing_for',
      'g › A: labels',
      'g › A: annotations',
      'g › B: missing',
      'g › C: extra',
      'gone: missing',
      'new: extra',
    ]);
  });

  it("compares labels as the rules' series get them: group labels under the rule's own", () => {
    const original = [group([rule(), rule({ name: 'B', labels: { severity: 'warning', team: 'own' } })], { labels: { team: 'shop' } })];
    const regenerated = [group([rule({ labels: { severity: 'warning', team: 'shop' } }), rule({ name: 'B', labels: { severity: 'warning', team: 'own' } })])];
    expect(compareRuleGroups(original, regenerated)).toEqual({ rules: 2, equal: 2, differences: [] });
    expect(compareRuleGroups(original, [group([rule(), rule({ name: 'B', labels: { severity: 'warning', team: 'own' } })])]).differences.map((d) => `${d.rule}: ${d.field}`)).toEqual(['A: labels']);
  });

  it('pairs a second group of the same name with its renamed copy', () => {
    const original = [group([rule()]), group([rule({ name: 'B' })])];
    const regenerated = [group([rule()]), group([rule({ name: 'B' })], { name: 'g-2' })];
    expect(compareRuleGroups(original, regenerated).differences).toEqual([]);
  });
});

describe('the import corpus script, on a small rule set of our own', () => {
  itWithBinaries(['promtool'])('imports, generates and gets every convertible rule back; promtool check rules passes', async () => {
    const result = await roundTrip(path.join(FIXTURES, 'import/rules'), '30s');
    expect(result).toMatchObject({ collection: 'rules', files: 1, alerts: 5, records: 1, raw: 1 });
    // 6 rules; the alert without a severity was kept raw, so it is the one not regenerated.
    expect(result.roundTrip.rules).toBe(6);
    expect(result.roundTrip.equal).toBe(5);
    expect(result.roundTrip.differences).toEqual([{ group: 'shop-infra', rule: 'ShopNoSeverity', field: 'missing' }]);
    expect([...result.ignored.keys()].sort()).toEqual(['alert/annotations', 'alert/severity']);
    expect(result.promtool?.ok, result.promtool?.output).toBe(true);
  });
});

describe('a mimirtool namespace with federated groups', () => {
  it('imports into a project with the mimir profile, whose namespace file gives back the same groups', async () => {
    const root = path.join(tempDir(), 'team');
    mkdirSync(root);
    const input = 'namespace: team-a\ngroups:\n  - name: federated\n    source_tenants: [a, b]\n    limit: 3\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n';
    writeFileSync(path.join(root, 'ns.yml'), input);
    const into = path.join(root, 'definitions');
    expect((await runCli(['import', path.join(root, 'ns.yml'), '--into', into])).code).toBe(0);
    const generated = await runCli(['generate', '--definitions', into, '--out', path.join(root, 'out')]);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    const back = readFileSync(path.join(root, 'out/mimir/team-a.yaml'), 'utf8');
    const groups = (text: string, file: string) => readRuleGroups(detectDocuments(file, text).documents).groups;
    expect(compareRuleGroups(groups(input, 'ns.yml'), groups(back, 'team-a.yaml'))).toEqual({ rules: 1, equal: 1, differences: [] });
  });
});

describe('a rule file with group labels (Prometheus 3)', () => {
  it('imports them into the rule group, whose rules all get them back', async () => {
    const root = path.join(tempDir(), 'shop');
    mkdirSync(root);
    const input = 'groups:\n  - name: shop\n    interval: 30s\n    labels:\n      team: shop\n    rules:\n      - alert: ShopDown\n        expr: up{job="shop"} == 0\n        for: 5m\n        labels:\n          severity: critical\n        annotations:\n          summary: Shop down\n          description: "{{ $labels.instance }} down"\n      - record: job:up:sum\n        expr: sum by (job) (up)\n';
    writeFileSync(path.join(root, 'rules.yml'), input);
    const into = path.join(root, 'definitions');
    const imported = await runCli(['import', path.join(root, 'rules.yml'), '--into', into, '--format', 'json']);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect((JSON.parse(imported.stdout) as { items: { status: string }[] }).items.filter((i) => i.status !== 'converted' && i.status !== 'guessed')).toEqual([]);
    const generated = await runCli(['generate', '--definitions', into, '--out', path.join(root, 'out')]);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    const back = readRuleGroups(detectDocuments('shop.yml', readFileSync(path.join(root, 'out/prometheus/rules/shop.yml'), 'utf8')).documents).groups;
    expect(back[0]!.rules.map((r) => [r.name, r.labels])).toEqual([['ShopDown', { severity: 'critical', team: 'shop' }], ['job:up:sum', { team: 'shop' }]]);
    expect(compareRuleGroups(readRuleGroups(detectDocuments('rules.yml', input).documents).groups, back)).toEqual({ rules: 2, equal: 2, differences: [] });
  });
});

describe("a rule file with Thanos's partial_response_strategy", () => {
  it('imports into a project with the thanos profile (the field is refused without one), whose rule file gives it back', async () => {
    const root = path.join(tempDir(), 'thanos');
    mkdirSync(root);
    const input = 'groups:\n  - name: pages\n    partial_response_strategy: abort\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n';
    writeFileSync(path.join(root, 'rules.yml'), input);
    const into = path.join(root, 'definitions');
    expect((await runCli(['import', path.join(root, 'rules.yml'), '--into', into])).code).toBe(0);
    expect(readFileSync(path.join(into, 'index.ts'), 'utf8')).toContain('thanos()');
    const generated = await runCli(['generate', '--definitions', into, '--out', path.join(root, 'out')]);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    expect(readFileSync(path.join(root, 'out/thanos/rules/pages.yml'), 'utf8')).toContain('partial_response_strategy: abort');
  });
});
