// The model's objects are built with loops and Object.assign rather than entries/spreads (speed,
// #16): the same fields, in the same order, as the spreads and Object.fromEntries gave.
import { describe, expect, it } from 'vitest';
import { defined } from '../../src/model/build-helpers.js';
import { alert, defineProject, gauge, ruleGroup, team } from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { alerts } from '../../src/model/select.js';

describe('defined', () => {
  it('drops undefined fields and keeps the others in order, as Object.fromEntries over the defined entries', () => {
    const value = { b: 1, a: undefined, c: null, d: '', e: 0, f: false };
    const result = defined(value);
    expect(Object.keys(result)).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(result).toStrictEqual(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)));
  });

  it('keeps an own __proto__ as a field, not as the prototype', () => {
    const value = JSON.parse('{"x":"1","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const result = defined(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['x', '__proto__']);
    expect((result as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('composed alerts', () => {
  const up = gauge({ name: 'app_up', help: 'h' });
  const project = defineProject({
    name: 'p',
    metrics: [up],
    prometheus: { scrapeJobs: [] },
    teams: [
      team({
        name: 'payments',
        labels: { team: 'payments' },
        alertDefaults: { for: '5m', labels: { tier: 'a' }, annotations: { runbook_url: 'https://r', summary: 'default' } },
        ruleGroups: [
          ruleGroup({
            name: 'g',
            labels: { zone: 'z' },
            rules: [alert({ name: 'Down', expr: 'app_up == 0', labels: { severity: 'page', tier: 'b' }, annotations: { summary: 'down', description: 'd' } })],
          }),
        ],
      }),
    ],
  });

  it('have the labels and annotations of the spreads, in their order (inherited first, the rule winning)', () => {
    const parsed = parseProject(project);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const [down] = alerts(buildModel(parsed.project, 'test/index.ts'));
    expect(Object.entries(down!.labels)).toEqual([
      ['tier', 'b'],
      ['team', 'payments'],
      ['zone', 'z'],
      ['severity', 'page'],
    ]);
    expect(Object.entries(down!.annotations)).toEqual([
      ['runbook_url', 'https://r'],
      ['summary', 'down'],
      ['description', 'd'],
    ]);
    expect(down!.for).toBe('5m');
  });
});
