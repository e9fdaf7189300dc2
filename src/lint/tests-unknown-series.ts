import type { Check } from './check.js';
import type { RuleModel } from '../model/types.js';
import { syntaxOf } from '../model/promql-table.js';
import { locatedAt } from '../model/located.js';
import { rules } from '../model/select.js';
import { didYouMean } from '../suggest.js';
import { flatRoot } from '../promql/parse.js';
import { unexposedValue } from './exposed-series.js';
import type { SeriesEntry } from '../model/catalogue.js';

/** "alert X" / "recording rule y", for messages. */
export function ruleName(rule: RuleModel): string {
  return `${rule.kind === 'alert' ? 'alert' : 'recording rule'} ${rule.name}`;
}

/**
 * A unit test's input series must be series the rules can read: a metric of the catalogue (or a
 * recorded series) with labels it has. A typo there feeds the rule nothing, and a case that expects
 * no alert then passes for the wrong reason.
 */
export const testsUnknownSeries: Check = {
  id: 'tests/unknown-series',
  severity: 'error',
  description: 'Test input series name a metric of the catalogue and labels it has.',
  run({ model, catalogue }, report) {
    // The catalogue's labels of a series include job, instance and the labels scrape jobs attach.
    for (const rule of rules(model)) {
      for (const testCase of rule.tests) {
        testCase.input.forEach((input, i) => {
          const where = (from: number, to: number) => ({
            ...locatedAt(rule, 'tests', testCase.name, `input[${i}]`, 'series'),
            excerpt: { text: input.series, from, to },
          });
          const lead = `test case "${testCase.name}" of ${ruleName(rule)} feeds`;
          // Its parse and selectors (no series lookup needed): the run's, once per text (src/model/promql-table.ts).
          const analysis = syntaxOf(model, input.series);
          const selector = analysis.selectors[0];
          const root = flatRoot(analysis.parsed);
          if (analysis.parsed.errors.length > 0 || root?.tree.name(root.root) !== 'VectorSelector' || !selector) {
            report({
              message: `${lead} ${JSON.stringify(input.series)}, which is not a series: promtool cannot load it.`,
              hint: 'write a series as metric{label="value"}, best with metric.select({ … }) from the catalogue',
              ...where(0, input.series.length),
            });
            return;
          }
          if (selector.name === undefined) {
            report({
              message: `${lead} ${JSON.stringify(input.series)}, which names no metric.`,
              hint: 'write a series as metric{label="value"}, best with metric.select({ … }) from the catalogue',
              ...where(0, input.series.length),
            });
            return;
          }
          const entry = catalogue.get(selector.name);
          if (!entry) {
            report({
              message: `${lead} "${selector.name}", which is not in the catalogue: no rule reads it, so the case passes or fails for the wrong reason.${didYouMean(selector.name, catalogue.names())}`,
              hint: 'build input series from the catalogue (metric.select({ … })), so the types and this check follow the metric names',
              ...where(selector.from, selector.from + selector.name.length),
            });
            return;
          }
          for (const m of selector.matchers) {
            const unexposed = m.op === '=' ? unexposedValue(model, entry, m.label, m.value) : undefined;
            if (!unexposed) continue;
            report({
              message: `${lead} "${selector.name}" with ${m.label}="${m.value}", but ${unexposed.problem}: the case passes on a series production never has.`,
              hint: unexposed.hint,
              ...where(m.from, m.to),
            });
          }
          if (!entry.labels) return;
          for (const m of selector.matchers) {
            if (m.label === '__name__' || entry.labels.includes(m.label)) continue;
            report({
              message: `${lead} "${selector.name}" with label "${m.label}", which that series does not have: the rule's matchers and groupings never see it.${didYouMean(m.label, entry.labels)}`,
              hint: `its labels are: ${entry.labels.join(', ')}`,
              ...where(m.from, m.to),
            });
          }
        });
        // Expected labels: an `le` (or `quantile`) kept from the buckets the rule reads is the
        // exposed text too (input and expectation written alike pass together, and prove nothing).
        const read = syntaxOf(model, rule.expr).selectors.flatMap((s) => (s.name === undefined ? [] : [catalogue.get(s.name)]));
        (testCase.expect as ReadonlyArray<{ labels?: Record<string, string> }>).forEach((expected, i) => {
          for (const [label, value] of Object.entries(expected.labels ?? {})) {
            if (label !== 'le' && label !== 'quantile') continue;
            const found = read.map((entry) => unexposedValue(model, entry, label, value));
            // Only where every series the rule reads that could carry it says so (none that fits).
            const relevant = found.filter((f, j) => f !== undefined || carries(read[j], label));
            if (relevant.length === 0 || relevant.some((f) => f === undefined)) continue;
            const first = relevant[0]!;
            report({
              message: `test case "${testCase.name}" of ${ruleName(rule)} expects ${label}="${value}", but ${first.problem}: the case passes on a series production never has.`,
              hint: first.hint,
              ...locatedAt(rule, 'tests', testCase.name, `expect[${i}]`, 'labels', label),
            });
          }
        });
      }
    }
  },
};

/** The series is one the label comes from: a histogram's buckets (le), a summary's quantiles. */
function carries(entry: SeriesEntry | undefined, label: string): boolean {
  const metric = entry?.metric;
  if (!metric) return false;
  return label === 'le' ? metric.type === 'histogram' && entry.suffix === '_bucket' : metric.type === 'summary' && entry.suffix === '';
}
