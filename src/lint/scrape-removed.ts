import type { AnalyzedExpression } from './check.js';
import type { Catalogue } from '../model/catalogue.js';

/**
 * Whether `label` is one the expression's metrics declare but the `metricRelabel` of their scrape
 * jobs removes (catalogue.ts droppedLabels): what a template or legend naming it is told.
 */
export function removedByScrape(catalogue: Catalogue, e: AnalyzedExpression, label: string): boolean {
  return e.analysis.selectors.some((s) => s.name !== undefined && catalogue.get(s.name)?.dropped?.includes(label) === true);
}

/** The message's cause and the hint for such a label. */
export const REMOVED_BY_SCRAPE = {
  cause: (label: string) => `the metricRelabel of the scrape jobs that store its metrics removes "${label}"`,
  hint: (label: string) => `keep "${label}" in the scrape job (narrow the labeldrop/labelkeep regex) or drop it from the text`,
};
