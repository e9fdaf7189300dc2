import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, copyToTemp, runCli } from '../helpers/cli.js';
import { jsonReportSchema, type JsonReport } from '../../src/report/json.js';

const fixture = (name: string) => path.join(FIXTURES, 'lint', name);

async function report(name: string, ...args: string[]): Promise<{ code: number; json: JsonReport }> {
  const { code, stdout } = await runCli(['validate', '--offline', '--format', 'json', '--definitions', fixture(name), ...args]);
  return { code, json: jsonReportSchema.parse(JSON.parse(stdout)) };
}

const find = (json: JsonReport, id: string) => json.diagnostics.filter((d) => d.id === id);

/** A copy of a fixture in a temp folder, with its text edited (the shared base is imported from where it is). */
function editedCopy(name: string, edit: (text: string) => string): string {
  const dir = copyToTemp(fixture(name));
  const index = path.join(dir, 'index.ts');
  const base = path.join(FIXTURES, 'shared', 'base.js');
  writeFileSync(index, edit(readFileSync(index, 'utf8').replace("'../../shared/base.js'", JSON.stringify(base))));
  return dir;
}

describe('lint.checks: project-wide check settings', () => {
  it("turns a check off, raises one to error and lowers one to info", async () => {
    const { code, json } = await report('configured');
    expect(find(json, 'alert/naming')).toEqual([]);
    expect(find(json, 'alert/missing-for').map((d) => [d.severity, d.path?.join('.'), d.location?.line])).toEqual([
      ['error', 'ruleGroups.g.rules.QueueNotDraining', 14],
    ]);
    expect(find(json, 'promql/counter-compared-raw').map((d) => [d.severity, d.location?.line, d.location?.column])).toEqual([['info', 20, 53]]);
    expect(code).toBe(1); // the raised check is an error now
  });

  it('without settings the same checks keep their own severities', async () => {
    const { json } = await report('ignored');
    expect(find(json, 'promql/counter-compared-raw').map((d) => d.severity)).toEqual(['warning']);
  });

  it('--require-tests makes coverage findings errors whatever the settings say', async () => {
    const { json } = await report('configured', '--require-tests');
    expect(new Set(find(json, 'tests/alert-coverage').map((d) => d.severity))).toEqual(new Set(['error']));
  });

  it('refuses an unknown check id, with the closest one', async () => {
    const { code, json } = await report('unknown-id');
    expect(code).toBe(1);
    expect(json.diagnostics.map((d) => [d.id, d.path?.join(' › '), d.message, d.hint])).toEqual([
      [
        'schema',
        'ruleGroups › g › rules › QueueTooLong › ignore › alert/nameing',
        'unknown check id "alert/nameing"',
        'did you mean "alert/naming"? (the README lists every check)',
      ],
      ['schema', 'lint › checks › alert/nameing', 'unknown check id "alert/nameing"', 'did you mean "alert/naming"? (the README lists every check)'],
    ]);
    // Both at their line: the ignore inside alert({ … }), the setting inside defineProject({ … }).
    expect(json.diagnostics.map((d) => d.location?.line)).toEqual([14, 17]);
  });
});

describe('ignore: one definition silences one check, with a reason', () => {
  it('does not report a silenced finding, counts it and lists it with its reason', async () => {
    const { json } = await report('ignored');
    expect(json.summary.silenced).toBe(2);
    expect(json.silenced).toEqual([
      {
        id: 'promql/counter-compared-raw',
        severity: 'warning',
        message: 'alert ErrorsSeen compares the raw value of counter "app_errors_total", which only grows (and drops to 0 on restart)',
        path: ['ruleGroups', 'g', 'rules', 'ErrorsSeen', 'expr'],
        location: { file: 'ignored/index.ts', line: 16, column: 11 },
        reason: 'this counter resets daily on purpose',
      },
      {
        id: 'alert/naming',
        severity: 'warning',
        message: 'alert name "queue_too_long" is not CamelCase',
        path: ['ruleGroups', 'g', 'rules', 'queue_too_long', 'name'],
        location: { file: 'ignored/index.ts', line: 21, column: 11 },
        reason: 'the name is matched by an external paging rule',
      },
    ]);
    // Only the other alert's raw counter is reported; nothing of queue_too_long's naming.
    expect(find(json, 'promql/counter-compared-raw').map((d) => d.path?.join('.'))).toEqual(['ruleGroups.g.rules.RequestsSeen.expr']);
    expect(find(json, 'alert/naming')).toEqual([]);
    expect(find(json, 'lint/stale-ignore')).toEqual([]);
  });

  it('says how many were silenced in the text summary', async () => {
    const { stdout } = await runCli(['validate', '--offline', '--definitions', fixture('ignored')]);
    expect(stdout).toMatch(/· 2 errors, 4 warnings, 2 silenced · targets Prometheus 2\.42 \(default\), Alertmanager 0\.25 \(default\) · promtool and amtool skipped \(--offline\)\n$/);
    expect(stdout).not.toContain('ErrorsSeen compares the raw value');
  });

  it('reports an ignore that silences nothing, at its key', async () => {
    const { code, json } = await report('stale-ignore');
    expect(code).toBe(0);
    expect(find(json, 'lint/stale-ignore')).toEqual([
      {
        id: 'lint/stale-ignore',
        severity: 'warning',
        message: 'ignore of alert/naming on ruleGroups › g › rules › QueueTooLong silences nothing: alert/naming finds nothing there',
        hint: "remove 'alert/naming' from this ignore (what it excused is gone), or move it to the definition the finding names",
        path: ['ruleGroups', 'g', 'rules', 'QueueTooLong', 'ignore', 'alert/naming'],
        location: { file: 'stale-ignore/index.ts', line: 18, column: 13 },
        docs: 'docs/checks/lint/stale-ignore.md',
      },
    ]);
  });

  it('refuses an ignore without a reason', async () => {
    const { code, json } = await report('missing-reason');
    expect(code).toBe(1);
    expect(json.diagnostics.map((d) => [d.id, d.path?.join('.'), d.message, d.location?.line])).toEqual([
      ['schema', 'ruleGroups.g.rules.queue_too_long.ignore.alert/naming', 'an ignore needs a reason', 17],
    ]);
  });
});

describe('ignore on every kind of definition a finding names', () => {
  it('silences on a metric, a panel, a whole dashboard (its rows and panels) and a route, and only there', async () => {
    const { json } = await report('ignored-everywhere');
    expect(json.silenced.map((s) => [s.id, s.path.join(' › '), s.reason])).toEqual([
      ['catalogue/counter-total', 'metrics › exporter_jobs_done › name', 'the exporter names it; we cannot rename it'],
      ['alertmanager/unmatched-route', 'alertmanager › route › routes[0] › matchers', 'alerts from the other Prometheus carry source=external'],
      ['dashboard/counter-without-rate', 'dashboards › Totais › panels › Erros desde o início › targets[0] › expr', 'this panel shows the total since the start on purpose'],
      ['dashboard/counter-without-rate', 'dashboards › Arquivo › panels › Antigo › panels › Tickets › targets[0] › expr', 'an archive of raw totals'],
    ]);
    // The panel next to the silenced one is still reported.
    expect(find(json, 'dashboard/counter-without-rate').map((d) => d.path?.join(' › '))).toEqual([
      'dashboards › Totais › panels › Requisições › targets[0] › expr',
    ]);
    expect(find(json, 'lint/stale-ignore')).toEqual([]);
  });

  it('lint/stale-ignore can be turned off like any check', async () => {
    const dir = editedCopy('stale-ignore', (t) => t.replace("  name: 'stale',", "  name: 'stale',\n  lint: { checks: { 'lint/stale-ignore': 'off' } },"));
    const { code, stdout } = await runCli(['validate', '--offline', '--format', 'json', '--definitions', dir]);
    expect(code).toBe(0);
    expect(jsonReportSchema.parse(JSON.parse(stdout)).diagnostics.map((d) => d.id)).toEqual(['tests/alert-coverage']);
  });

  it('an ignore of a check that did not run is not stale (tests/… in generate)', async () => {
    const dir = editedCopy('stale-ignore', (t) => t.replace("'alert/naming': 'renamed long ago'", "'tests/alert-coverage': 'tested in the staging project'"));
    const generate = await runCli(['generate', '--definitions', dir, '--out', path.join(dir, '..', 'out')]);
    expect(generate.code, generate.stderr).toBe(0);
    expect(generate.stderr + generate.stdout).not.toContain('lint/stale-ignore');
    const validate = await runCli(['validate', '--offline', '--definitions', dir]);
    expect(validate.stdout).not.toContain('lint/stale-ignore');
    expect(validate.stdout).toContain('0 errors, 0 warnings, 1 silenced');
  });
});
