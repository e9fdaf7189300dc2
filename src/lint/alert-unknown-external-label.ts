import type { Check } from './check.js';
import { didYouMean } from '../suggest.js';
import { locatedAt } from '../model/located.js';
import { alerts } from '../model/select.js';
import { externalLabelReferences, externalLabelsRenderedEmpty } from '../gotemplate/label-references.js';

export const alertUnknownExternalLabel: Check = {
  id: 'alert/unknown-external-label',
  severity: 'error',
  description: 'Every {{ $externalLabels.x }} in an alert names an external label of the Prometheus global settings.',
  run({ model }, report) {
    const external = model.prometheus.externalLabels;
    const names = Object.keys(external).sort();
    const known = { has: (label: string) => Object.hasOwn(external, label) };
    for (const alert of alerts(model)) {
      for (const kind of ['labels', 'annotations'] as const) {
        for (const [field, value] of Object.entries(alert[kind])) {
          if (value === undefined) continue;
          // {{ $externalLabels.x }}, {{ .ExternalLabels.x }}, {{ index $externalLabels "x" }}, and through a variable
          // or a with holding them (src/gotemplate/label-references.ts). A name that is not there reads as "" (missingkey=zero):
          // printed, it renders empty; only tested (with, if, or with a default), the test is false.
          const printedEmpty = new Set(externalLabelsRenderedEmpty(value, known));
          for (const label of externalLabelReferences(value)) {
            if (Object.hasOwn(external, label)) continue;
            const suggestion = didYouMean(label, names);
            const effect = printedEmpty.has(label) ? 'it renders empty' : 'it always reads as empty (a test of it is false, a default is taken)';
            report({
              message: `alert ${alert.name} uses {{ $externalLabels.${label} }} in ${kind === 'labels' ? `label ${field}` : field}, but Prometheus has no external label "${label}": ${effect}${suggestion ? `.${suggestion}` : ''}`,
              hint: names.length > 0 ? `external labels: ${names.join(', ')}` : `declare it: prometheus: { global: { externalLabels: { ${label}: '…' } } }`,
              ...locatedAt(alert, kind, field),
            });
          }
        }
      }
    }
  },
};
