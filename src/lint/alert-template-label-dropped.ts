import type { Check } from './check.js';
import { alertExpressions } from './rules-select.js';
import { locatedAt } from '../model/located.js';
import { missingLabelCause, missingLabelWords } from './scrape-removed.js';
import { alertLabelReferences } from '../gotemplate/label-references.js';

/**
 * The alert labels an annotation or label template reads: `{{ $labels.x }}`, `{{ .Labels.x }}`,
 * `{{ index $labels "x" }}`, and through a variable or a `with` holding the labels
 * (`{{ $l := $labels }}{{ $l.x }}`, `{{ with $labels }}{{ .x }}{{ end }}`): src/gotemplate/label-references.ts.
 */
export function referencedLabels(template: string): readonly string[] {
  return alertLabelReferences(template);
}

export const alertTemplateLabelDropped: Check = {
  id: 'alert/template-label-dropped',
  severity: 'error',
  description: 'Every {{ $labels.x }} in an annotation or a label names a label the alert expression keeps.',
  run(context, report) {
    for (const { alert, e } of alertExpressions(context)) {
      const result = e.analysis.result;
      // Bounded: no series of the result carries a label outside its labels (exact ones, and the
      // union of a finite `{__name__=~"a|b"}`'s metrics followed through by, on, group_*, …).
      if (result.kind !== 'vector' || !result.bounded) continue;
      for (const kind of ['labels', 'annotations'] as const) {
        for (const [field, value] of Object.entries(alert[kind])) {
          for (const label of referencedLabels(value)) {
            if (result.labels.has(label)) continue;
            const { why, hint } = missingLabelWords(missingLabelCause(context, e, label), label, result, 'expression', 'text');
            report({
              message: `alert ${alert.name} uses {{ $labels.${label} }} in ${kind === 'labels' ? `label ${field}` : field}, but ${why}: it renders empty`,
              hint,
              ...locatedAt(alert, kind, field),
              excerpt: { text: e.text, from: 0, to: e.text.length },
            });
          }
        }
      }
    }
  },
};
