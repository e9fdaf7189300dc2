import type { Check } from './check.js';
import { labelsFromVariable } from './check.js';
import { locatedAt } from '../model/located.js';
import { allPanels } from '../model/dashboard.js';
import { targetExpressionOf } from './expression-at.js';
import { matchesOf } from './regex-matches.js';
import { missingLabelCause, missingLabelWords } from './scrape-removed.js';

// Grafana's legend templates: {{label}}, spaces allowed inside the braces.
const LEGEND_LABEL = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The labels a legend names, each once, with where it is first written. */
export function legendLabels(legend: string): Array<{ label: string; from: number; to: number }> {
  if (!legend.includes('{{')) return [];
  const seen = new Map<string, { label: string; from: number; to: number }>();
  for (const m of matchesOf(LEGEND_LABEL, legend)) if (!seen.has(m[1]!)) seen.set(m[1]!, { label: m[1]!, from: m.index, to: m.index + m[0].length });
  return [...seen.values()];
}

/** The dashboard counterpart of alert/template-label-dropped: a legend names only labels its query keeps. */
export const dashboardLegendLabelDropped: Check = {
  id: 'dashboard/legend-label-dropped',
  severity: 'error',
  description: 'Every {{label}} in a legend names a label the query keeps (an aggregation without it in by (…) drops it).',
  run(context, report) {
    for (const dashboard of context.model.dashboards) {
      for (const panel of allPanels(dashboard)) {
        panel.targets.forEach((t, i) => {
          const labels = t.legendFormat === undefined ? [] : legendLabels(t.legendFormat);
          if (labels.length === 0) return;
          const e = targetExpressionOf(context, t);
          const result = e?.analysis.result;
          // Only where no series of the query can carry a label outside its labels: known exactly (the
          // catalogue knows every series it reads), or the union of a finite `{__name__=~"a|b"}`'s metrics.
          if (!e || result?.kind !== 'vector' || !result.bounded || labelsFromVariable(e)) return;
          for (const { label, from, to } of labels) {
            // Grafana's own fields (__name__ is dropped by most functions anyway, and reported by none).
            if (label.startsWith('__') || result.labels.has(label)) continue;
            const { why, hint } = missingLabelWords(missingLabelCause(context, e, label), label, result, 'query', 'legend');
            report({
              message: `panel ${panel.title}: targets[${i}].legendFormat uses {{${label}}}, but ${why}: the legend shows it empty, and the series look alike`,
              hint,
              ...locatedAt(t, 'legendFormat'),
              excerpt: { text: t.legendFormat!, from, to },
            });
          }
        });
      }
    }
  },
};
