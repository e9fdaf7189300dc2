// Alertmanager's matchers as Alertmanager reads them: label values quoted and escaped for its matcher
// parser (amtool's label arguments, the generated matchers), regexes in Go's RE2 anchored `^(?:…)$`.
// The offline simulation and the real amtool 0.25 must agree on every routing test.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { AlertMatcherModel, RouteModel, RoutingTestModel } from '../../src/model/alertmanager.js';
import { formatMatcher, quoteMatcherValue, receiversFor, unquoteMatcherValue } from '../../src/model/routing.js';
import { parseMatcherString } from '../../src/import/alertmanager/matchers.js';
import { labelArgs, testRoutes } from '../../src/validate/routing-tests.js';
import { alertMatchers } from '../../src/model/schema/alertmanager.js';
import { tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

const m = (label: string, op: AlertMatcherModel['op'], value: string): AlertMatcherModel => ({ label, op, value });
const leaf = (receiver: string, ...matchers: AlertMatcherModel[]): RouteModel => ({ receiver, matchers, routes: [], continue: false, muteTimeIntervals: [], activeTimeIntervals: [], path: [] }) as unknown as RouteModel;

const root: RouteModel = {
  ...leaf('team'),
  routes: [
    leaf('oncall', m('severity', '=', 'critical')),
    leaf('padded', m('severity', '=', 'critical ')),
    leaf('quoted', m('z', '=', 'a, b="c"')),
    leaf('windows', m('volume', '=', 'C:\\new')),
    leaf('tab', m('v', '=', 'a\tb')),
    leaf('lower', m('x', '=~', '[[:lower:]]+l')),
    leaf('nocase', m('y', '=~', '(?i)CRITICAL')),
    leaf('dot', m('w', '=~', 'a.b')),
  ],
};

const cases: Array<[Record<string, string>, string]> = [
  [{ alertname: 'Exact', severity: 'critical' }, 'oncall'],
  [{ alertname: 'Padded', severity: 'critical ' }, 'padded'],
  [{ alertname: 'Quote', z: 'a, b="c"' }, 'quoted'],
  [{ alertname: 'Path', volume: 'C:\\new' }, 'windows'],
  [{ alertname: 'Tab', v: 'a\tb' }, 'tab'],
  [{ alertname: 'Lower', x: 'cool' }, 'lower'],
  [{ alertname: 'Upper', x: 'COOL' }, 'team'],
  [{ alertname: 'Case', y: 'critical' }, 'nocase'],
  // Go's `.` does not match a newline (no `s` flag in Alertmanager's anchoring).
  [{ alertname: 'Newline', w: 'a\nb' }, 'team'],
  [{ alertname: 'Dot', w: 'a-b' }, 'dot'],
];

describe('matcher values as Alertmanager parses them', () => {
  it('quotes every value, escaping only backslash, double quote and newline', () => {
    expect(quoteMatcherValue('critical ')).toBe('"critical "');
    expect(quoteMatcherValue('a, b="c"')).toBe('"a, b=\\"c\\""');
    expect(quoteMatcherValue('C:\\new')).toBe('"C:\\\\new"');
    expect(quoteMatcherValue('a\nb')).toBe('"a\\nb"');
    // Alertmanager knows no `\t`: a tab is written as it is.
    expect(quoteMatcherValue('a\tb')).toBe('"a\tb"');
    expect(labelArgs({ severity: 'critical ', alertname: 'Padded' })).toEqual(['alertname="Padded"', 'severity="critical "']);
  });

  it('the offline simulation routes each case as expected', () => {
    for (const [labels, receiver] of cases) expect([labels.alertname, receiversFor(root, labels)]).toEqual([labels.alertname, [receiver]]);
  });

  itWithBinaries(['amtool'])('the real amtool agrees with the simulation on every case (generated matchers, quoted labels)', async () => {
    const dir = tempDir('totem-mon-matchers-');
    const toYaml = (r: RouteModel): Record<string, unknown> => ({
      receiver: r.receiver,
      ...(r.matchers.length > 0 ? { matchers: r.matchers.map(formatMatcher) } : {}),
      ...(r.routes.length > 0 ? { routes: r.routes.map(toYaml) } : {}),
    });
    const receivers = ['team', ...root.routes.map((r) => r.receiver!)].map((name) => ({ name }));
    writeFileSync(path.join(dir, 'alertmanager.yml'), stringify({ route: toYaml(root), receivers }));
    const tests: RoutingTestModel[] = cases.map(([labels, receiver]) => ({ name: labels.alertname!, labels, alsoFiring: [], receivers: [receiver], path: [] }) as RoutingTestModel);
    const found = await testRoutes({ name: 'amtool', path: findBinary('amtool')! }, dir, 'alertmanager.yml', tests);
    expect(found.map((d) => d.message)).toEqual([]);
    // …and a wrong expectation is a failure, not a trimmed value that happens to route elsewhere.
    const wrong = await testRoutes({ name: 'amtool', path: findBinary('amtool')! }, dir, 'alertmanager.yml', [{ ...tests[1]!, receivers: ['oncall'] }]);
    expect(wrong.map((d) => d.message)).toEqual(['routing test "Padded": expected oncall, got padded']);
  });
});

describe('matcher regexes are RE2', () => {
  const problems = (value: string) => {
    const parsed = alertMatchers.safeParse({ severity: { op: '=~', value } });
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };
  it('accepts RE2 syntax JavaScript lacks', () => {
    expect(problems('(?i)CRITICAL')).toEqual([]);
    expect(problems('[[:lower:]]+l')).toEqual([]);
  });
  it('refuses syntax RE2 lacks, as amtool does', () => {
    expect(problems('(?!warning).*')).toEqual(['invalid regular expression "(?!warning).*": error parsing regexp: invalid or unsupported Perl syntax: `(?!`']);
    expect(problems('(a)\\1')).toHaveLength(1);
  });
});

describe('matcher values read back as Alertmanager reads them (import)', () => {
  // A config's matcher strings, as written in alertmanager.yml, and the value Alertmanager 0.25 reads.
  const written: Array<[string, string]> = [
    ['n=~"\\d+"', '\\d+'],
    ['p="C:\\\\new"', 'C:\\new'],
    ['q="a\\tb"', 'a\\tb'],
    ['r= plain value ', 'plain value'],
    ['s="x\\ny"', 'x\ny'],
    ['t="say \\"hi\\""', 'say "hi"'],
  ];
  it('unescapes only backslash, quote and newline; refuses a stray quote', () => {
    for (const [text, value] of written) expect([text, parseMatcherString(text)]).toEqual([text, expect.objectContaining({ ok: true, matchers: [expect.objectContaining({ value })] })]);
    expect(unquoteMatcherValue('a"b')).toBeUndefined();
    expect(unquoteMatcherValue('"open')).toBeUndefined();
    for (const v of ['critical ', 'a, b="c"', 'C:\\new', 'a\tb', 'x\ny', '\\']) expect(unquoteMatcherValue(quoteMatcherValue(v))).toBe(v);
  });

  itWithBinaries(['amtool'])('the real amtool routes each value read back to the route written with it', async () => {
    const dir = tempDir('totem-mon-matchers-read-');
    const routes = written.map(([text], i) => ({ receiver: `r${i}`, matchers: [text] }));
    const receivers = [{ name: 'team' }, ...routes.map((r) => ({ name: r.receiver }))];
    writeFileSync(path.join(dir, 'alertmanager.yml'), stringify({ route: { receiver: 'team', routes }, receivers }));
    const tests: RoutingTestModel[] = written.map(([text], i) => {
      const parsed = parseMatcherString(text);
      if (!parsed.ok) throw new Error(parsed.error);
      const m = parsed.matchers[0]!;
      // A regex is tested with a value it matches.
      const value = m.op === '=~' ? '42' : m.value;
      return { name: text, labels: { [m.label]: value }, alsoFiring: [], receivers: [`r${i}`], path: [] } as RoutingTestModel;
    });
    expect((await testRoutes({ name: 'amtool', path: findBinary('amtool')! }, dir, 'alertmanager.yml', tests)).map((d) => d.message)).toEqual([]);
  });
});
