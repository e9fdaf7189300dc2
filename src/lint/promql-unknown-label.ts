import type { AnalyzedExpression, Check } from './check.js';
import { at, hasVariable, ownerName } from './check.js';
import type { GroupingRef } from '../promql/analyze.js';
import { didYouMean } from '../suggest.js';

const clauseText = { by: 'by', without: 'without', on: 'on', ignoring: 'ignoring', group_left: 'group_left', group_right: 'group_right' };

/** For `on (x)`: which side of its operation lacks x (the innermost operation whose clause it is in). */
function sidesLacking(e: AnalyzedExpression, g: GroupingRef): string {
  const b = e.analysis.binaries.find((b) => b.matching?.clause === 'on' && g.from >= b.opFrom && g.to <= b.to);
  if (!b || b.lhs.kind !== 'vector' || b.rhs.kind !== 'vector') return 'both sides of the operation have';
  const left = b.lhs.labels.has(g.label);
  const right = b.rhs.labels.has(g.label);
  return left && !right ? 'the right-hand side has' : right && !left ? 'the left-hand side has' : 'both sides of the operation have';
}

export const promqlUnknownLabel: Check = {
  id: 'promql/unknown-label',
  severity: 'error',
  description: 'Label matchers and by/without/on/ignoring/group_* name labels the series really have.',
  run({ expressions, catalogue }, report) {
    for (const e of expressions) {
      for (const selector of e.analysis.selectors) {
        const entry = selector.name !== undefined ? catalogue.get(selector.name) : undefined;
        const labels = entry?.labels;
        if (!labels) continue;
        for (const m of selector.matchers) {
          // A declared label metricRelabel removes: scrape/dropped-label names the rule.
          if (m.label === '__name__' || labels.includes(m.label) || entry.dropped?.includes(m.label)) continue;
          // `x=""` and `x!~".+"` select series without the label: meaningful on any metric.
          if ((m.op === '=' && m.value === '') || (m.op === '!~' && (m.value === '.+' || m.value === '.*'))) continue;
          report({
            message: `${ownerName(e)} filters "${selector.name}" on label "${m.label}", which that metric does not have.${didYouMean(m.label, labels)}`,
            hint: `its labels are: ${labels.join(', ')}`,
            ...at(e, m.from, m.to),
          });
        }
      }
      const dropped = new Set(e.analysis.selectors.flatMap((sel) => (sel.name !== undefined ? (catalogue.get(sel.name)?.dropped ?? []) : [])));
      for (const g of e.analysis.groupings) {
        if (!g.available || g.available.has(g.label) || dropped.has(g.label) || hasVariable(e, g.from, g.to)) continue;
        // The metric name: every selected series has one (grouping or matching by it keeps it).
        if (g.label === '__name__') continue;
        if (g.clause === 'without' || g.clause === 'ignoring') {
          // Removing a label that is not there does nothing: the query runs, but not as meant (a typo).
          const where = g.clause === 'without' ? 'the aggregated series have no label' : 'neither side of the operation has a label';
          report({
            severity: 'warning',
            message: `${ownerName(e)} uses ${g.clause} (${g.label}), but ${where} "${g.label}": nothing is removed.${didYouMean(g.label, g.available)}`,
            hint: g.available.size > 0 ? `labels available there: ${[...g.available].sort().join(', ')}` : 'no labels are left there; remove the clause',
            ...at(e, g.from, g.to),
          });
          continue;
        }
        const where =
          g.clause === 'on' ? sidesLacking(e, g) : g.clause === 'group_left' ? 'the right-hand side has' : g.clause === 'group_right' ? 'the left-hand side has' : 'the aggregated series have';
        report({
          message: `${ownerName(e)} uses ${clauseText[g.clause]} (${g.label}), but ${where} no label "${g.label}".${didYouMean(g.label, g.available)}`,
          hint: g.available.size > 0 ? `labels available there: ${[...g.available].sort().join(', ')}` : 'no labels are left there',
          ...at(e, g.from, g.to),
        });
      }
    }
  },
};
