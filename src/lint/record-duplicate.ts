import type { AnalyzedExpression, Check } from './check.js';
import { locatedAt } from '../model/located.js';
import type { RecordModel } from '../model/types.js';
import { recordExpressions } from './rules-select.js';

const sameLabels = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * What an expression selects, as its selectors' matchers: rules that select with other matchers
 * (`code=~"2.."` in one, `code=~"5.."` in the other, `code` kept) may write disjoint series.
 */
function selection(e: AnalyzedExpression): string {
  return e.analysis.selectors
    .map((s) => `${s.name ?? ''}{${s.matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).sort().join(',')}}`)
    .sort()
    .join(' ');
}

const show = (labels: Iterable<string>) => [...labels].sort().join(', ') || 'none';

/**
 * Two recording rules writing one series name. With the same static labels, the same labels from
 * their expressions and the same selectors' matchers, they write the same series: two values at each evaluation (Prometheus
 * drops one as a duplicate sample, or both alternate). With different label sets, the name means
 * two things: a query of it (sum by (job), a division) mixes series of both shapes.
 */
export const recordDuplicate: Check = {
  id: 'record/duplicate',
  severity: 'error',
  description: 'Each recorded series name is written by rules of one label set, and each series by one rule.',
  run(context, report) {
    const byName = new Map<string, Array<{ rule: RecordModel; labels?: ReadonlySet<string>; selects: string }>>();
    for (const { record: rule, e } of recordExpressions(context)) {
      const result = e.analysis.result;
      const labels = result?.kind === 'vector' && result.exact ? new Set([...result.labels, ...Object.keys(rule.labels)]) : undefined;
      const earlier = byName.get(rule.name) ?? [];
      const selects = selection(e);
      byName.set(rule.name, [...earlier, { rule, labels, selects }]);
      for (const first of earlier) {
        const same = first.labels && labels ? show(first.labels) === show(labels) : true;
        const where = first.rule.group === rule.group ? `in group "${rule.group}"` : `in group "${first.rule.group}"`;
        if (sameLabels(first.rule.labels, rule.labels) && same && first.selects === selects) {
          report({
            message: `recording rule "${rule.name}" is defined twice with the same labels (also ${where}): both write the same series, two values at each evaluation`,
            hint: 'remove one, or tell them apart with labels: { … } (e.g. window: "5m" and "1h")',
            ...locatedAt(rule, 'name'),
          });
          break;
        }
        if (first.labels && labels && !same) {
          report({
            severity: 'warning',
            message: `recording rule "${rule.name}" writes series with labels ${show(labels)}, and another rule of that name (${where}) with labels ${show(first.labels)}: a query of "${rule.name}" mixes both shapes`,
            hint: 'give each aggregation level its own name (level:metric:operations, e.g. job:… and instance:…)',
            ...locatedAt(rule, 'name'),
          });
          break;
        }
      }
    }
  },
};
