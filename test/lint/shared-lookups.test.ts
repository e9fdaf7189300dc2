import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/lint/check.js';
import { expressionAt } from '../../src/lint/expression-at.js';
import { referencedLabels } from '../../src/lint/alert-template-label-dropped.js';

// Lookups the checks share (computed once per context) give what each check computed for itself.
describe('expressionAt', () => {
  const e = (path: string[], expr: string) => ({ expr, text: expr, context: 'alert' as const, owner: 'A', path: [...path, 'expr'], variables: [] });
  const context = {
    expressions: [e(['ruleGroups', 'g', 'rules', 'A'], 'up'), e(['ruleGroups', 'g', 'rules', 'B'], 'up == 0'), e(['ruleGroups', 'g', 'rules', 'B'], 'up > 1')],
  } as unknown as CheckContext;

  it("finds the expression written at a definition's path + 'expr'", () => {
    expect(expressionAt(context, ['ruleGroups', 'g', 'rules', 'A'])?.expr).toBe('up');
    expect(expressionAt(context, ['ruleGroups', 'g', 'rules'])).toBeUndefined();
    expect(expressionAt(context, ['ruleGroups', 'g', 'rules', 'A'], 'for')).toBeUndefined();
  });

  it('gives the last of several at one path, as a Map built from the list did', () => {
    expect(expressionAt(context, ['ruleGroups', 'g', 'rules', 'B'])?.expr).toBe('up > 1');
  });

  it('is per context: another context (a guarded re-run on one expression) has its own', () => {
    const one = { expressions: [context.expressions[1]] } as unknown as CheckContext;
    expect(expressionAt(one, ['ruleGroups', 'g', 'rules', 'B'])?.expr).toBe('up == 0');
    expect(expressionAt(one, ['ruleGroups', 'g', 'rules', 'A'])).toBeUndefined();
  });
});

describe('referencedLabels (alert/template-label-dropped)', () => {
  it('reads each form alone, in the order of the forms', () => {
    expect(referencedLabels('{{ $labels.job }}')).toEqual(['job']);
    expect(referencedLabels('{{ .Labels.job }}')).toEqual(['job']);
    expect(referencedLabels('{{ index $labels "instance" }}')).toEqual(['instance']);
    expect(referencedLabels('{{ index $labels "a" }} {{ .Labels.b }} {{ $labels.c }} {{ $labels.c }}')).toEqual(['c', 'b', 'a']);
  });

  it('finds nothing in text without a label reference', () => {
    expect(referencedLabels('Service is unhealthy')).toEqual([]);
    expect(referencedLabels('{{ $value }} and {{ .Labels }}')).toEqual([]);
    expect(referencedLabels('{{ $externalLabels.cluster }}')).toEqual([]);
  });
});
