import { describe, expect, it } from 'vitest';
import { alert, defineProject, gauge, record, ruleGroup } from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { rules } from '../../src/model/select.js';
import { ruleDependencies } from '../../src/model/rule-dependencies.js';
import type { RuleModel } from '../../src/model/types.js';

const up = gauge({ name: 'app_up', help: 'h', labels: ['service'] });
const severity = { severity: 'warning' };
const annotations = { summary: 's', description: 'd' };

/** The model of a project with these rule groups over the one metric `app_up`. */
function modelOf(ruleGroups: ReturnType<typeof ruleGroup>[]) {
  const parsed = parseProject(defineProject({ name: 'p', metrics: [up], prometheus: { scrapeJobs: [] }, ruleGroups }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return buildModel(parsed.project, 'test/index.ts');
}

function model() {
  return modelOf([
    ruleGroup({
      name: 'alerts',
      rules: [
        alert({ name: 'Down', expr: 'job:up:sum == 0', labels: severity, annotations }),
        alert({ name: 'Plain', expr: 'app_up == 0', labels: severity, annotations }),
        record({ name: 'job:up:sum', expr: 'sum by (service) (job:up:max)' }),
      ],
    }),
    ruleGroup({ name: 'base', rules: [record({ name: 'unused:up:min', expr: 'min(app_up)' }), record({ name: 'job:up:max', expr: 'max by (service) (app_up)' })] }),
    ruleGroup({ name: 'meta', rules: [alert({ name: 'Many', expr: 'count(ALERTS{alertname="Down"}) > 1', labels: severity, annotations })] }),
  ]);
}

describe('ruleDependencies', () => {
  const m = model();
  const dependencies = ruleDependencies(m);
  const byName = (name: string) => rules(m).find((r) => r.name === name)!;
  const names = (list: RuleModel[]) => list.map((r) => r.name);

  it('gives a rule and what it needs, transitively and across groups, in definition order', () => {
    expect(names(dependencies.closure(byName('Down')))).toEqual(['Down', 'job:up:sum', 'job:up:max']);
    expect(names(dependencies.closure(byName('Many')))).toEqual(['Down', 'job:up:sum', 'job:up:max', 'Many']);
    expect(names(dependencies.closure(byName('Plain')))).toEqual(['Plain']);
    expect(names(dependencies.closure(byName('job:up:max')))).toEqual(['job:up:max']);
  });

  it('leaves out rules that are not in the model', () => {
    const stray = { ...byName('Plain'), name: 'Stray' };
    expect(dependencies.closure(stray)).toEqual([]);
  });
});

// Audit round 24: the graph keeps a rule's self-edge apart (record/cycle reads it), decided as any
// edge: a label the rule fixes rules a selector of its own name out.
describe('ruleDependencies: a rule reading its own series', () => {
  function selfModel() {
    return modelOf([
      ruleGroup({
        name: 'g',
        rules: [
          record({ name: 'a:out', labels: { job: 'y' }, expr: 'rate(a:out{job="x"}[5m])' }),
          record({ name: 'b:loop', labels: { job: 'x' }, expr: 'rate(b:loop{job=~"x|z"}[5m])' }),
          record({ name: 'c:plain', expr: 'max by (service) (app_up)' }),
          record({ name: 'd:regex', expr: 'sum({__name__=~"d:.*"})' }),
        ],
      }),
    ]);
  }

  it('says so when one of its selectors can select what it writes, and leaves itself out of its reads and its closure (once)', () => {
    const m = selfModel();
    const dependencies = ruleDependencies(m);
    const byName = (name: string) => rules(m).find((r) => r.name === name)!;
    expect(['a:out', 'b:loop', 'c:plain', 'd:regex'].map((n) => dependencies.readsItself(byName(n)))).toEqual([false, true, false, true]);
    expect(dependencies.reads(byName('b:loop'))).toEqual([]);
    expect(dependencies.closure(byName('b:loop')).map((r) => r.name)).toEqual(['b:loop']);
  });
});

// Audit round 25: selectors without a literal metric name read recorded series too. The graph reads
// their `__name__` matchers as Prometheus does (RE2, anchored; `!=`/`!~`, or none at all, select
// every name they do not exclude), narrowed by the labels a rule fixes, for every user of the graph
// (record/cycle, the rule tests' closures, tests/vacuous-case).
describe('ruleDependencies: selectors without a literal metric name', () => {
  const base = ruleGroup({
    name: 'base',
    rules: [
      record({ name: 'job:up:max', labels: { env: 'prod' }, expr: 'max by (service) (app_up)' }),
      record({ name: 'job:up:min', expr: 'min by (service) (app_up)' }),
      record({ name: 'svc:up:count', expr: 'count by (service) (app_up)' }),
    ],
  });
  const reading = (expr: string) => {
    const m = modelOf([base, ruleGroup({ name: 'reader', rules: [alert({ name: 'Reader', expr, labels: severity, annotations })] })]);
    const reader = rules(m).find((r) => r.name === 'Reader')!;
    return ruleDependencies(m).closure(reader).map((r) => r.name).filter((n) => n !== 'Reader');
  };

  it('reads an equality, a regex (RE2 syntax too) and a list on __name__', () => {
    expect(reading('{__name__="job:up:min"} == 0')).toEqual(['job:up:min']);
    expect(reading('{__name__=~"job:.*"} == 0')).toEqual(['job:up:max', 'job:up:min']);
    expect(reading('{__name__=~"job:up:min|svc:up:count"} == 0')).toEqual(['job:up:min', 'svc:up:count']);
    // `(?i)` and `\pL` are RE2 (Go), not JavaScript: the regex is read as Prometheus reads it.
    expect(reading('{__name__=~"(?i)JOB:UP:MIN"} == 0')).toEqual(['job:up:min']);
    expect(reading('{__name__=~"\\\\pL+:up:count"} == 0')).toEqual(['svc:up:count']);
  });

  it('reads negative matchers and selectors without a name matcher: every name they do not exclude', () => {
    expect(reading('{__name__!~"job:.*", service="a"} == 0')).toEqual(['svc:up:count']);
    expect(reading('{__name__!="job:up:min", service="a"} == 0')).toEqual(['job:up:max', 'svc:up:count']);
    expect(reading('{service="a"} == 0')).toEqual(['job:up:max', 'job:up:min', 'svc:up:count']);
  });

  it('and the other direction: a name or a label the rule fixes rules a rule out', () => {
    expect(reading('{__name__=~"job:.*", env="stage"} == 0')).toEqual(['job:up:min']);
    expect(reading('{__name__=~"job:.*", env!~"prod|stage"} == 0')).toEqual(['job:up:min']);
    expect(reading('{__name__=~"nothing:.*"} == 0')).toEqual([]);
    expect(reading('{__name__="job:up:max", __name__!~".*max"} == 0')).toEqual([]);
    expect(reading('app_up == 0')).toEqual([]);
  });

  it('reads ALERTS through a __name__ matcher too', () => {
    const m = modelOf([
      ruleGroup({
        name: 'g',
        rules: [
          alert({ name: 'Down', expr: 'app_up == 0', labels: severity, annotations }),
          alert({ name: 'Other', expr: 'app_up == 2', labels: severity, annotations }),
          alert({ name: 'Meta', expr: 'count({__name__=~"ALERTS", alertname=~"Do.*"}) > 1', labels: severity, annotations }),
        ],
      }),
    ]);
    const meta = rules(m).find((r) => r.name === 'Meta')!;
    expect(ruleDependencies(m).closure(meta).map((r) => r.name)).toEqual(['Down', 'Meta']);
  });
});
