/**
 * Issue 16: the records every check loops over are made with the same fields in the same order,
 * whatever they hold (an expression with or without a source or Grafana variables; a selector with
 * or without a name or a range; a label set with or without pinned ones, a scalar's or a string's).
 * V8 gives objects made so one hidden class; with one class per set of fields, the rules' records
 * (which come first) had one and the panels' another, and V8 threw away each check's optimised loop
 * at the first panel and compiled it again (src/lint/context.ts, src/promql/analyze.ts selectorRef).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDefinitions } from '../../src/app/stages.js';
import type { LabelInfo } from '../../src/promql/analyze.js';
import { REPO } from '../helpers/cli.js';

/** The distinct lists of own keys, in order, among `records`, with how many have each. */
function shapes(records: readonly object[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const record of records) {
    const keys = Object.keys(record).join(',');
    found.set(keys, (found.get(keys) ?? 0) + 1);
  }
  return found;
}

describe('the records the checks loop over have one shape each', () => {
  it("Totem's expressions, their selectors and their arguments' label sets", async () => {
    const result = await fromDefinitions({ definitions: path.join(REPO, 'definitions') });
    const expressions = result.context!.expressions;
    // What makes the shapes differ is there: rules and panels, a panel with Grafana variables, an
    // SLO rule without a builder call of its own, instant and range selectors, pinned labels.
    expect(expressions.some((e) => e.toExpr !== undefined)).toBe(true);
    expect(expressions.some((e) => e.toExpr === undefined)).toBe(true);
    expect(expressions.some((e) => e.source === undefined)).toBe(true);
    const selectors = expressions.flatMap((e) => e.analysis.selectors);
    expect(selectors.some((s) => s.range === undefined)).toBe(true);
    expect(selectors.some((s) => s.range !== undefined)).toBe(true);
    const vectors = expressions
      .flatMap((e) => [e.analysis.result, ...e.analysis.calls.flatMap((c) => c.args)])
      .filter((info): info is Extract<LabelInfo, { kind: 'vector' }> => info?.kind === 'vector');
    expect(vectors.some((v) => v.pinned !== undefined)).toBe(true);
    expect(vectors.some((v) => v.pinned === undefined)).toBe(true);

    expect([...shapes(expressions).keys()]).toEqual(['expr,context,owner,path,source,text,analysis,variables,toExpr']);
    expect([...shapes(selectors).keys()]).toEqual(['matchers,from,to,enclosing,name,range,rangeMs']);
    expect([...shapes(vectors).keys()]).toEqual(['kind,labels,exact,pinned,bounded']);
  });

  it('a label set has the fields of a vector whatever its kind (scalar and string arguments among vectors)', async () => {
    // A call's arguments mix kinds (histogram_quantile's scalar, label_replace's strings); so do a
    // binary operation's sides. Code that reads them was compiled again at the first scalar.
    const { analyzePromql } = await import('../../src/promql/analyze.js');
    const lookup = (name: string) => (name.startsWith('known') ? ['job', 'instance', 'le'] : undefined);
    const infos = [
      'histogram_quantile(0.9, sum by (le) (rate(known_bucket[5m])))',
      'label_replace(known_total, "dst", "$1", "src", "(.*)")',
      'time() - 1 > 0',
      'known_total > 1',
      'scalar(known_total) * 2',
    ].flatMap((text) => {
      const a = analyzePromql(text, lookup);
      return [a.result, ...a.calls.flatMap((c) => c.args), ...a.binaries.flatMap((b) => [b.lhs, b.rhs])];
    });
    expect(new Set(infos.map((i) => i.kind))).toEqual(new Set(['vector', 'scalar', 'string']));
    expect([...shapes(infos).keys()]).toEqual(['kind,labels,exact,pinned,bounded']);
  });

  it('a grouping has its `available` labels whether or not they are known', async () => {
    // `by (job)` over a metric of the catalogue (its labels known), then over an unknown series.
    const { analyzePromql } = await import('../../src/promql/analyze.js');
    const lookup = (name: string) => (name === 'known_total' ? ['job', 'instance'] : undefined);
    const groupings = [
      ...analyzePromql('sum by (job) (rate(known_total[5m]))', lookup).groupings,
      ...analyzePromql('sum by (job) (rate(unknown_total[5m]))', lookup).groupings,
    ];
    expect(groupings.map((g) => g.available === undefined)).toEqual([false, true]);
    expect([...shapes(groupings).keys()]).toEqual(['label,clause,from,to,available']);
  });
});
