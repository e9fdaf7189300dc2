import type { AnalyzedExpression, CheckContext } from './check.js';
import { analyzePromql, type Analysis, type GroupingRef, type SelectorRef, type SeriesLookup } from '../promql/analyze.js';
import { finiteNames } from '../promql/finite-regex.js';
import { droppingRule } from '../model/scrape-labels.js';
import { ruleExpressionOf } from './rules-select.js';

/**
 * Why a label an expression's result lacks is missing (a template's `{{ $labels.x }}`, a legend's
 * `{{x}}`, a route on x): the metricRelabel of the scrape jobs that store its metrics removes it, the
 * expression itself does not keep it (by, without, on, …), or both. The one finding about that use
 * names the cause(s) (docs/checks/scrape/dropped-label.md).
 */
export type MissingCause = 'expression' | 'scrape' | 'both';

/** The series names a selector reads: its name, or the names its finite `__name__` regex lists. */
function namesOf(s: SelectorRef): readonly string[] {
  return s.name !== undefined ? [s.name] : (finiteNames(s.matchers)?.names ?? []);
}

/**
 * The metricRelabel rules that remove `label` from the series an expression reads (`"shop"
 * metricRelabel[0] (labeldrop "queue")`), through the recording rules it reads: empty when none
 * does. A metric's label counts when every job that may scrape it removes it (the catalogue's
 * `dropped`: its `jobs`, else every job).
 */
export function scrapeRemovals(context: CheckContext, e: AnalyzedExpression, label: string, seen = new Set<AnalyzedExpression>()): string[] {
  if (seen.has(e)) return [];
  seen.add(e);
  const out: string[] = [];
  for (const s of e.analysis.selectors) {
    for (const name of namesOf(s)) {
      const entry = context.catalogue.get(name);
      if (entry?.metric && entry.dropped?.includes(label)) {
        const jobs = context.model.prometheus.scrapeJobs.filter((j) => entry.metric!.jobs === undefined || entry.metric!.jobs.includes(j.job));
        for (const job of jobs) {
          const rule = droppingRule(job, label);
          if (rule) out.push(`"${job.job}" metricRelabel[${rule.index}] (${rule.what})`);
        }
      } else if (entry?.record) {
        const recorded = ruleExpressionOf(context, entry.record);
        if (recorded) out.push(...scrapeRemovals(context, recorded, label, seen));
      }
    }
  }
  return [...new Set(out)];
}

const lookups = new WeakMap<CheckContext, SeriesLookup>();

/**
 * The catalogue's lookup as if no metricRelabel removed a label: a metric's declared labels with
 * the ones its scrape drops, a recorded series' labels as its expression would give them then.
 */
function lookupWithoutScrape(context: CheckContext): SeriesLookup {
  const cached = lookups.get(context);
  if (cached) return cached;
  const known = new Map<string, readonly string[] | undefined>();
  const lookup: SeriesLookup = (name) => {
    if (known.has(name)) return known.get(name);
    known.set(name, undefined); // a record reading itself (record/cycle) stays unknown
    const entry = context.catalogue.get(name);
    let labels = entry?.labels;
    if (entry?.metric && entry.dropped && labels) {
      labels = [...labels, ...entry.dropped];
    } else if (entry?.record) {
      const rule = entry.record;
      // Its parse is the run's (the checks' context analysed it), not made again.
      const { result } = analyzePromql(rule.expr, lookup, ruleExpressionOf(context, rule)?.analysis.parsed);
      labels = result.kind === 'vector' && result.exact ? [...new Set([...result.labels, ...Object.keys(rule.labels)])] : undefined;
    }
    known.set(name, labels);
    return labels;
  };
  lookups.set(context, lookup);
  return lookup;
}

const withoutScrape = new WeakMap<AnalyzedExpression, Analysis>();

/** The expression analysed as if no scrape removed any label (its parse walked again, for a finding only). */
function analysisWithoutScrape(context: CheckContext, e: AnalyzedExpression): Analysis {
  let analysis = withoutScrape.get(e);
  if (!analysis) {
    analysis = analyzePromql(e.text, lookupWithoutScrape(context), e.analysis.parsed);
    withoutScrape.set(e, analysis);
  }
  return analysis;
}

/**
 * Whether a by/on/… clause's label would be missing where it applies even if no scrape removed
 * any label (`sum by (pod) (sum by (job) (x))`): the expression is then the cause, not the scrape.
 */
export function clauseLacksWithoutScrape(context: CheckContext, e: AnalyzedExpression, g: GroupingRef): boolean {
  const same = analysisWithoutScrape(context, e).groupings.find((o) => o.from === g.from && o.to === g.to && o.clause === g.clause);
  return same?.available !== undefined && !same.available.has(g.label);
}

/**
 * Why `label`, which the expression's result lacks, is missing: 'scrape' when only the scrape
 * removes it (the expression would keep it otherwise, or cannot be known not to), 'both' when the
 * expression drops it too, 'expression' when no scrape removes it.
 */
export function missingLabelCause(context: CheckContext, e: AnalyzedExpression, label: string): MissingCause {
  if (scrapeRemovals(context, e, label).length === 0) return 'expression';
  return droppedWithoutScrape(context, e, label) ? 'both' : 'scrape';
}

/** Whether the expression's result would lack `label` even if no scrape removed any label (it drops it itself). */
export function droppedWithoutScrape(context: CheckContext, e: AnalyzedExpression, label: string): boolean {
  const kept = analysisWithoutScrape(context, e).result;
  return kept.kind === 'vector' && kept.bounded && !kept.labels.has(label);
}

/**
 * Why a label that a template or a legend names is missing from the result, and the hint, by its
 * cause (missingLabelCause): `what` names the expression ("expression", "query"), `where` what
 * names the label ("text", "legend"), `result` the labels the result keeps (all of them when exact,
 * or what it may keep).
 */
export function missingLabelWords(
  cause: MissingCause,
  label: string,
  result: { labels: ReadonlySet<string>; exact: boolean },
  what: string,
  where: string,
): { why: string; hint: string } {
  const scrape = 'the metricRelabel of the scrape jobs that store its metrics';
  if (cause === 'scrape') return { why: `${scrape} removes "${label}"`, hint: `keep "${label}" in the scrape job (narrow the labeldrop/labelkeep regex) or drop it from the ${where}` };
  const add =
    result.labels.size > 0
      ? `labels the ${what} ${result.exact ? 'keeps' : 'may keep'}: ${[...result.labels].sort().join(', ')}; add "${label}" to by (…)`
      : `the ${what} keeps no labels; aggregate with by (${label})`;
  if (cause === 'both') {
    return {
      why: `its ${what} does not keep "${label}", and ${scrape} removes it too`,
      hint: `${add} and keep it in the scrape job (narrow the labeldrop/labelkeep regex), or drop it from the ${where}`,
    };
  }
  return { why: `its ${what} does not keep "${label}"`, hint: `${add} or drop it from the ${where}` };
}
