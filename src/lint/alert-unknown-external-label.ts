import type { Check } from './check.js';
import { didYouMean } from '../suggest.js';
import { locatedAt } from '../model/located.js';
import { alerts } from '../model/select.js';

// {{ $externalLabels.x }}, {{ .ExternalLabels.x }} and {{ index $externalLabels "x" }}.
const EXTERNAL_REFERENCES = [/\$externalLabels\.([A-Za-z_][A-Za-z0-9_]*)/g, /\.ExternalLabels\.([A-Za-z_][A-Za-z0-9_]*)/g, /index\s+\$externalLabels\s+"([^"]+)"/g];

function referencedExternalLabels(template: string): string[] {
  // Every pattern needs "$externalLabels" or ".ExternalLabels.": most values have neither.
  if (!template.includes('$externalLabels') && !template.includes('.ExternalLabels.')) return [];
  const out = new Set<string>();
  for (const pattern of EXTERNAL_REFERENCES) for (const m of template.matchAll(pattern)) out.add(m[1]!);
  return [...out];
}

export const alertUnknownExternalLabel: Check = {
  id: 'alert/unknown-external-label',
  severity: 'error',
  description: 'Every {{ $externalLabels.x }} in an alert names an external label of the Prometheus global settings.',
  run({ model }, report) {
    const external = model.prometheus.externalLabels;
    const names = Object.keys(external).sort();
    for (const alert of alerts(model)) {
      for (const kind of ['labels', 'annotations'] as const) {
        for (const [field, value] of Object.entries(alert[kind])) {
          if (value === undefined) continue;
          for (const label of referencedExternalLabels(value)) {
            if (Object.hasOwn(external, label)) continue;
            const suggestion = didYouMean(label, names);
            report({
              message: `alert ${alert.name} uses {{ $externalLabels.${label} }} in ${kind === 'labels' ? `label ${field}` : field}, but Prometheus has no external label "${label}": it renders empty${suggestion ? `.${suggestion}` : ''}`,
              hint: names.length > 0 ? `external labels: ${names.join(', ')}` : `declare it: prometheus: { global: { externalLabels: { ${label}: '…' } } }`,
              ...locatedAt(alert, kind, field),
            });
          }
        }
      }
    }
  },
};
