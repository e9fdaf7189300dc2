import type { Check } from './check.js';
import { alertExpressions } from './rules-select.js';
import { locatedAt } from '../model/located.js';
import { matchesOf } from './regex-matches.js';
import { REMOVED_BY_SCRAPE, removedByScrape } from './scrape-removed.js';

// {{ $labels.x }}, {{ .Labels.x }} and {{ index $labels "x" }} inside annotations and labels.
const LABEL_REFERENCES = [/\$labels\.([A-Za-z_][A-Za-z0-9_]*)/g, /\.Labels\.([A-Za-z_][A-Za-z0-9_]*)/g, /index\s+\$labels\s+"([^"]+)"/g];

export function referencedLabels(template: string): string[] {
  // Every pattern needs "$labels" or ".Labels.": most values (severities, summaries, URLs) have neither.
  if (!template.includes('$labels') && !template.includes('.Labels.')) return [];
  const out = new Set<string>();
  for (const pattern of LABEL_REFERENCES) for (const m of matchesOf(pattern, template)) out.add(m[1]!);
  return [...out];
}

export const alertTemplateLabelDropped: Check = {
  id: 'alert/template-label-dropped',
  severity: 'error',
  description: 'Every {{ $labels.x }} in an annotation or a label names a label the alert expression keeps.',
  run(context, report) {
    for (const { alert, e } of alertExpressions(context)) {
      const result = e.analysis.result;
      if (result.kind !== 'vector' || !result.exact) continue;
      for (const kind of ['labels', 'annotations'] as const) {
        for (const [field, value] of Object.entries(alert[kind])) {
          for (const label of referencedLabels(value)) {
            if (result.labels.has(label)) continue;
            const removed = removedByScrape(context.catalogue, e, label);
            report({
              message: `alert ${alert.name} uses {{ $labels.${label} }} in ${kind === 'labels' ? `label ${field}` : field}, but ${removed ? REMOVED_BY_SCRAPE.cause(label) : `its expression does not keep "${label}"`}: it renders empty`,
              hint: removed
                ? REMOVED_BY_SCRAPE.hint(label)
                : result.labels.size > 0
                  ? `labels the expression keeps: ${[...result.labels].sort().join(', ')}; add "${label}" to by (…) or drop it from the text`
                  : `the expression keeps no labels; aggregate with by (${label}) or drop it from the text`,
              ...locatedAt(alert, kind, field),
              excerpt: { text: e.text, from: 0, to: e.text.length },
            });
          }
        }
      }
    }
  },
};
