import type { Diagnostic } from '../diagnostic.js';
import type { Check, CheckContext } from './check.js';
import { promqlSyntax } from './promql-syntax.js';
import { promqlUnknownMetric } from './promql-unknown-metric.js';
import { promqlUnknownLabel } from './promql-unknown-label.js';
import { catalogueDuplicate } from './catalogue-duplicate.js';
import { catalogueCounterTotal } from './catalogue-counter-total.js';
import { catalogueHistogramBuckets } from './catalogue-histogram-buckets.js';
import { rulesDuplicateGroup } from './rules-duplicate-group.js';
import { alertDuplicateName } from './alert-duplicate-name.js';
import { scrapeDuplicateJob } from './scrape-duplicate-job.js';

/** Every check, in report order. Each lives in `src/lint/<area>-<name>.ts` for id `<area>/<name>`. */
export const CHECKS: readonly Check[] = [
  catalogueDuplicate,
  catalogueCounterTotal,
  catalogueHistogramBuckets,
  scrapeDuplicateJob,
  rulesDuplicateGroup,
  alertDuplicateName,
  promqlSyntax,
  promqlUnknownMetric,
  promqlUnknownLabel,
];

export function runChecks(context: CheckContext, checks: readonly Check[] = CHECKS): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const check of checks) {
    check.run(context, (finding) => {
      diagnostics.push({ ...finding, id: check.id, severity: finding.severity ?? check.severity });
    });
  }
  return diagnostics;
}
