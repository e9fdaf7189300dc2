import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/app/import.js';
import { importAlertmanager } from '../../src/import/alertmanager.js';
import { parseClassicMatchers, parseMatcherString, parseUtf8Matchers, unquoteGoString } from '../../src/import/alertmanager/matchers.js';
import type { AlertMatcherModel } from '../../src/model/alertmanager.js';
import { tempDir } from '../helpers/cli.js';
import { runStages } from '../helpers/imported.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { amtoolRoutingRoundTrip } from '../helpers/am-round-trip.js';

const m = (label: string, op: AlertMatcherModel['op'], value: string): AlertMatcherModel => ({ label, op, value });

describe("Alertmanager's UTF-8 matcher parser (0.27 and later, matcher/parse)", () => {
  it('reads quoted names and values, unquoted UTF-8 text, braces, spaces and trailing commas', () => {
    const cases: Array<[string, AlertMatcherModel[]]> = [
      ['"service.name"="api"', [m('service.name', '=', 'api')]],
      ['{"foo bar"=~"x|y"}', [m('foo bar', '=~', 'x|y')]],
      ['service.name=api', [m('service.name', '=', 'api')]],
      ['{ "a b" != "c" , d!~e , }', [m('a b', '!=', 'c'), m('d', '!~', 'e')]],
      ['foo=🙂bar', [m('foo', '=', '🙂bar')]],
      ['"foo"="\\"bar\\""', [m('foo', '=', '"bar"')]],
      ['"foo"="bar\\\\"', [m('foo', '=', 'bar\\')]],
      ['"foo"="a\\tb"', [m('foo', '=', 'a\tb')]],
      ['"foo"="\\xf0\\x9f\\x99\\x82"', [m('foo', '=', '🙂')]],
      ['"foo"="\\U0001f642\\u00e9\\101"', [m('foo', '=', '🙂éA')]],
      ['"foo"=~"\\\\d+"', [m('foo', '=~', '\\d+')]],
      ['', []],
      ['{}', []],
      ['"naïve,name"="a,b"', [m('naïve,name', '=', 'a,b')]],
    ];
    for (const [text, matchers] of cases) expect([text, parseUtf8Matchers(text)]).toEqual([text, { ok: true, matchers }]);
  });

  it('refuses what Alertmanager refuses', () => {
    for (const text of ['{', '}', ',', '{,}', 'foo=bar}', '{foo=bar', 'foo=bar baz', '"foo"=~"\\d+"', '"foo"="\\xf0\\x9f"', "foo='bar'", 'foo~bar', '"foo"="a\nb"', 'a=b==c', '"foo"="\\ud800"', '"x"=~"(?!a)"']) {
      expect([text, parseUtf8Matchers(text).ok]).toEqual([text, false]);
    }
    expect(unquoteGoString('"\\\'"')).toBeUndefined();
  });
});

describe("Alertmanager's classic matcher parser (pkg/labels)", () => {
  it('splits on commas outside quotes, drops one brace each side and a trailing comma', () => {
    expect(parseClassicMatchers('{foo = "bar", dings != "bums", }')).toEqual({ ok: true, matchers: [m('foo', '=', 'bar'), m('dings', '!=', 'bums')] });
    expect(parseClassicMatchers('quote="She said: \\"Hi, ladies!\\""')).toEqual({ ok: true, matchers: [m('quote', '=', 'She said: "Hi, ladies!"')] });
    // An escaped quote outside quotes opens nothing: the comma splits.
    expect(parseClassicMatchers('a=x\\",b=y')).toEqual({ ok: true, matchers: [m('a', '=', 'x"'), m('b', '=', 'y')] });
    expect(parseClassicMatchers('a:b=c')).toEqual({ ok: true, matchers: [m('a:b', '=', 'c')] });
    expect(parseClassicMatchers('a=b,,c=d').ok).toBe(false);
    expect(parseClassicMatchers(' {a="b"}').ok).toBe(false);
  });
});

describe('the reading Alertmanager keeps (fallback: classic where it accepts the text)', () => {
  it('keeps the classic reading, says when strict mode reads otherwise, and marks what only 0.27 reads', () => {
    expect(parseMatcherString('foo="a\\tb"')).toEqual({ ok: true, matchers: [m('foo', '=', 'a\\tb')], strictReading: [m('foo', '=', 'a\tb')] });
    expect(parseMatcherString('foo=~"\\d+"')).toEqual({ ok: true, matchers: [m('foo', '=~', '\\d+')] });
    expect(parseMatcherString('"service.name"="api"')).toEqual({ ok: true, matchers: [m('service.name', '=', 'api')], utf8: true });
    expect(parseMatcherString(' {a="b"}')).toEqual({ ok: true, matchers: [m('a', '=', 'b')], utf8: true });
    expect(parseMatcherString('"a"=~"("')).toEqual({ ok: false, error: expect.stringContaining('is no matcher Alertmanager reads') });
  });
});

const UTF8_CONFIG = {
  route: {
    receiver: 'default',
    group_by: ['service.name', 'alertname'],
    routes: [
      { receiver: 'api', matchers: ['"service.name"="api"', '{"foo bar"=~"x|y"}'] },
      { receiver: 'web', matchers: ['service.name=web', '{ "k8s.ns" != "kube-system" , team!~"ops|infra", }'], group_by: ['...'] },
      { receiver: 'quoted', matchers: ['"label with \\"quote\\""="va\\\\lue \\"q\\""', 'plain="x,y"'] },
      { receiver: 'ascii-quoted', matchers: ['"severity"="critical"'] },
    ],
  },
  receivers: [{ name: 'default' }, { name: 'api' }, { name: 'web' }, { name: 'quoted' }, { name: 'ascii-quoted' }],
  inhibit_rules: [
    { source_matchers: ['"service.name"="api"', 'severity="critical"'], target_matchers: ['{"service.name"=~"a.*"}'], equal: ['k8s.cluster', 'alertname'] },
    { source_matchers: ['"x.y"="1"'], target_matchers: ['"x.y"="2"'], equal: ['cluster'] },
  ],
};

/** Each route's matchers and group_by, and each inhibit rule's, as Alertmanager reads them (sorted, as it sorts them). */
function routing(config: Record<string, unknown>, read: (text: string) => AlertMatcherModel[]) {
  const key = (x: AlertMatcherModel) => `${x.label}\u0000${x.op}\u0000${x.value}`;
  const all = (list: unknown) => ((list as string[] | undefined) ?? []).flatMap(read).map(key).sort();
  const routes: unknown[] = [];
  const visit = (route: Record<string, unknown>, at: string) => {
    routes.push({ at, receiver: route['receiver'], matchers: all(route['matchers']), groupBy: route['group_by'] ?? null });
    ((route['routes'] as Array<Record<string, unknown>> | undefined) ?? []).forEach((r, i) => visit(r, `${at}.${i}`));
  };
  visit(config['route'] as Record<string, unknown>, 'route');
  const inhibit = ((config['inhibit_rules'] as Array<Record<string, unknown>> | undefined) ?? []).map((r) => ({
    source: all(r['source_matchers']),
    target: all(r['target_matchers']),
    equal: r['equal'] ?? null,
  }));
  return { routes, inhibit };
}

const fallback = (text: string) => {
  const p = parseMatcherString(text);
  if (!p.ok) throw new Error(p.error);
  return p.matchers;
};
const strict = (text: string) => {
  const p = parseUtf8Matchers(text);
  if (!p.ok) throw new Error(p.error);
  return p.matchers;
};

async function importAndGenerate(config: unknown) {
  const dir = tempDir('totem-mon-am-utf8-');
  writeFileSync(path.join(dir, 'alertmanager.yml'), stringify(config));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const into = path.join(dir, 'definitions');
  const result = await importFiles({ inputs: [path.join(dir, 'alertmanager.yml')], into });
  const stages = await runStages(into);
  const yml = stages.files?.find((f) => f.path === 'alertmanager/alertmanager.yml')?.content;
  return { dir, result, stages, yml };
}

describe('alertmanager.yml import: UTF-8 label names', () => {
  it('reads them in routes, inhibit rules, group_by and equal, and targets the release that reads them', () => {
    const result = importAlertmanager(stringify(UTF8_CONFIG), { file: 'am.yml' });
    // (A value with a quote or backslash gets no routing test: amtool's arguments cannot carry it.)
    expect(result.notes.filter((n) => n.status === 'not-converted' && !n.message.startsWith('no routing test'))).toEqual([]);
    expect(result.source).toContain("matchers: { 'service.name': 'api', 'foo bar': re('x|y') }");
    expect(result.source).toContain("matchers: { 'service.name': 'web', 'k8s.ns': ne('kube-system'), team: nre('ops|infra') }");
    expect(result.source).toContain("sourceMatchers: { 'service.name': 'api', severity: 'critical' }");
    expect(result.source).toContain("equal: ['k8s.cluster', 'alertname']");
    // equal with a UTF-8 name: 0.28 (0.27 refuses it there).
    expect(result.alertmanagerVersion).toBe('>=0.28');
    expect(result.notes).toContainEqual({ status: 'guessed', path: 'versions.alertmanager', message: expect.stringContaining('inhibit_rules[0].equal[0]') });
    const without = importAlertmanager(stringify({ ...UTF8_CONFIG, inhibit_rules: [] }), { file: 'am.yml' });
    expect(without.alertmanagerVersion).toBe('>=0.27');
    // Classic names only, quoted or not: no target set.
    const classic = importAlertmanager(stringify({ route: { receiver: 'a', routes: [{ receiver: 'a', matchers: ['"severity"="x"'] }] }, receivers: [{ name: 'a' }] }), { file: 'am.yml' });
    expect(classic.alertmanagerVersion).toBeUndefined();
    expect(classic.source).toContain("matchers: { severity: 'x' }");
  });

  it('reports what it cannot represent or read, by path, and never drops a route\'s other matchers', () => {
    const config = {
      route: {
        receiver: 'a',
        group_by: ['__reserved', 'ok'],
        routes: [
          { receiver: 'a', matchers: ['""="empty"', 'team="x"'] },
          { receiver: 'a', matchers: ['__meta="x"', 'team="y"'] },
          { receiver: 'a', matchers: ['bad matcher', 'team="z"'] },
          { receiver: 'a', matchers: ['foo="a\\tb"'] },
        ],
      },
      receivers: [{ name: 'a' }],
      inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['__x="y"', 'severity="warning"'], equal: ['', 'k8s.cluster'] }],
    };
    const result = importAlertmanager(stringify(config), { file: 'am.yml' });
    const notes = result.notes.filter((n) => n.status !== 'converted');
    expect(notes).toEqual(
      expect.arrayContaining([
        { status: 'not-converted', path: 'route.group_by[0]', message: expect.stringContaining('"__reserved" is left out') },
        { status: 'not-converted', path: 'route.routes[0]', message: expect.stringContaining('""="empty" is left out') },
        { status: 'not-converted', path: 'route.routes[1]', message: expect.stringContaining('__meta="x" is left out') },
        { status: 'not-converted', path: 'route.routes[2].matchers[0]', message: expect.stringContaining('"bad matcher" is no matcher Alertmanager reads') },
        { status: 'guessed', path: 'route.routes[3].matchers[0]', message: expect.stringContaining('utf8-strict-mode it reads foo="a\tb"') },
        { status: 'not-converted', path: 'inhibit_rules[0].target_matchers', message: expect.stringContaining('__x="y" is left out, so the inhibit rule matches more') },
        { status: 'not-converted', path: 'inhibit_rules[0].equal[0]', message: expect.stringContaining('"" is left out') },
      ]),
    );
    expect(result.source).toContain("inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['k8s.cluster'] })");
    expect(result.alertmanagerVersion).toBe('>=0.28');
    expect(result.source).toContain("matchers: { team: 'x' }");
    expect(result.source).toContain("matchers: { team: 'y' }");
    expect(result.source).toContain("matchers: { team: 'z' }");
    expect(result.source).toContain("groupBy: ['ok']");
  });

  it('round trip: the generated configuration routes as the input (matchers compared as Alertmanager parses them)', async () => {
    const { dir, result, stages, yml } = await importAndGenerate(UTF8_CONFIG);
    expect(result.written).toContain('index.ts');
    expect(result.files.find((f) => f.path === 'index.ts')?.content).toContain("versions: { alertmanager: '>=0.28' }");
    expect(result.items).toContainEqual(expect.objectContaining({ status: 'guessed', file: path.join(dir, 'alertmanager.yml'), path: ['versions.alertmanager'] }));
    expect(stages.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const regenerated = parse(yml!) as Record<string, unknown>;
    expect(routing(regenerated, fallback)).toEqual(routing(UTF8_CONFIG, fallback));
    // The generated text is read alike by the strict UTF-8 parser: no mode reads it otherwise.
    expect(routing(regenerated, strict)).toEqual(routing(UTF8_CONFIG, fallback));
  }, 120_000);

  itWithBinaries(['amtool'])('round trip with classic names of every form: amtool 0.25 routes the derived tests alike on both', async () => {
    const config = {
      route: {
        receiver: 'default',
        routes: [
          { receiver: 'a', matchers: ['{foo = "bar", dings != "bums", }'] },
          { receiver: 'b', matchers: ['"severity"="critical"', '{ team =~ "ops|dev" }'] },
          { receiver: 'c', matchers: ['code=~5..', 'x!~"a, b"', 'y=~ "x|" '] },
          { receiver: 'd', matchers: ['a=x\\",b=y'] },
          { receiver: 'e', matchers: ['path="C:\\\\new"', 'quote="She said: \\"Hi, ladies!\\""'] },
        ],
      },
      receivers: ['default', 'a', 'b', 'c', 'd', 'e'].map((name) => ({ name })),
    };
    const { stages, yml } = await importAndGenerate(config);
    expect(stages.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(routing(parse(yml!) as Record<string, unknown>, fallback)).toEqual(routing(config, fallback));
    const roundTrip = await amtoolRoutingRoundTrip(stringify(config).replace(/"severity"="critical"/, 'severity="critical"'), stages);
    expect(roundTrip.tests).toBe(4); // the root, a, b, c: d's and e's values have a quote or backslash, which amtool's arguments cannot carry
    expect(roundTrip.original).toEqual([]);
    expect(roundTrip.regenerated).toEqual([]);
  }, 120_000);

  itWithBinaries(['amtool'])('the classic reading is amtool 0.25\'s: it accepts exactly the entries the classic parser reads', async () => {
    const amtool = findBinary('amtool')!;
    const entries = ['{foo = "bar", }', 'a=x\\",b=y', 'a:b=c', 'a=b,,c=d', ' {a="b"}', '"a"="b"', 'a="unterminated', 'a=~"("', 'a="x\\ny"', 'a=b}'];
    for (const entry of entries) {
      const dir = tempDir('totem-mon-classic-');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'am.yml');
      writeFileSync(file, stringify({ route: { receiver: 'a', routes: [{ receiver: 'a', matchers: [entry] }] }, receivers: [{ name: 'a' }] }));
      const accepted = await promisify(execFile)(amtool, ['check-config', file]).then(
        () => true,
        () => false,
      );
      expect([entry, parseClassicMatchers(entry).ok]).toEqual([entry, accepted]);
    }
  }, 120_000);
});
