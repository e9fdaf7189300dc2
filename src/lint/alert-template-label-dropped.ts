import type { Check } from './check.js';
import { alertExpressions } from './rules-select.js';
import { locatedAt } from '../model/located.js';
import { missingLabelCause, missingLabelWords } from './scrape-removed.js';
import { alertLabelReferences, labelsRenderedEmpty } from '../gotemplate/label-references.js';

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
  description:
    'Every {{ $labels.x }} an annotation or a label prints names a label the alert expression keeps (a read only tested, or printed only where the label is there, as in {{ with $labels.x }}…{{ else }}…{{ end }} or {{ or $labels.x "n/a" }}, renders nothing empty).',
  run(context, report) {
    for (const { alert, e } of alertExpressions(context)) {
      const result = e.analysis.result;
      // Bounded: no series of the result carries a label outside its labels (exact ones, and the
      // union of a finite `{__name__=~"a|b"}`'s metrics followed through by, on, group_*, …).
      if (result.kind !== 'vector' || !result.bounded) continue;
      for (const kind of ['labels', 'annotations'] as const) {
        for (const [field, value] of Object.entries(alert[kind])) {
          // Only where the text prints a label's empty value: a missing label Go's template handles
          // (`with`/`if` and their `else`, `or` with a default) renders no empty text.
          for (const label of labelsRenderedEmpty(value, result.labels)) {
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
