import type { SliModel } from './slo.js';
import { concreteSeries, parseSelector, selects, type ParsedSelector } from './slo-series.js';
import { syntaxAlone, type SyntaxOf } from './promql-table.js';
import { anyClientBoundRegexp } from '../instrument/exposition.js';

/**
 * An SLI as PromQL over any window, and the two series a generated test writes for it.
 *
 * errors/total:  (sum(rate(errors[w])) or 0 * sum(rate(total[w]))) / sum(rate(total[w]))
 * good/total:    (sum(rate(total[w])) - (sum(rate(good[w])) or 0 * sum(rate(total[w])))) / sum(rate(total[w]))
 * latency:       good = histogram_bucket{le = threshold}, total = histogram_count, as good/total
 *
 * The part (errors, good) counts as 0 where its series are absent while the total's are there: a
 * `sum` over no series is empty, not 0, so without it a total outage (every request fails, no 2xx
 * series left in the window) made every ratio absent and paged no one, and errors that never
 * happened left the budget unknown. `0 * total` rather than `vector(0)`: it has the total's labels,
 * whatever the aggregation keeps, and is absent when the total is.
 */
export interface SliQueries {
  /** Bad events per second over the window. */
  errors(window: string): string;
  /** Events per second over the window. */
  total(window: string): string;
}

/**
 * The `le` matcher of a threshold: client libraries write bucket bounds differently (Go `1`,
 * Python `1.0`; `1000000` and `1e+06`), so where they differ the matcher matches both.
 */
export function leMatcher(threshold: number): string {
  const text = String(threshold);
  const regexp = anyClientBoundRegexp(threshold);
  return regexp === text.replace(/\./g, '\\.') ? `le=${JSON.stringify(text)}` : `le=~${JSON.stringify(regexp)}`;
}

/** `name{…}` with one more matcher inside the braces. */
function withMatcher(name: string, selector: ParsedSelector | undefined, extra?: string): string {
  const inner = (selector?.matchers ?? []).map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`);
  if (extra) inner.push(extra);
  return inner.length === 0 ? name : `${name}{${inner.join(',')}}`;
}

function latencySelectors(sli: Extract<SliModel, { kind: 'latency' }>, syntax: SyntaxOf): { good: string; total: string } {
  const parsed = parseSelector(sli.selector, syntax);
  const selector = 'problem' in parsed ? undefined : parsed;
  return {
    good: withMatcher(`${sli.histogram}_bucket`, selector, leMatcher(sli.threshold)),
    total: withMatcher(`${sli.histogram}_count`, selector),
  };
}

const sumRate = (selector: string, window: string) => `sum(rate(${selector}[${window}]))`;

/** The part's events per second, 0 where its series are absent and the total's are not. */
const partRate = (part: string, total: string, window: string) => `(${sumRate(part, window)} or 0 * ${sumRate(total, window)})`;

/** `syntax`: where selectors are parsed (the run's table: src/model/promql-table.ts). */
export function sliQueries(sli: SliModel, syntax: SyntaxOf = syntaxAlone): SliQueries {
  if (sli.kind === 'errors') return { errors: (w) => partRate(sli.errors, sli.total, w), total: (w) => sumRate(sli.total, w) };
  const { good, total } = sli.kind === 'good' ? sli : latencySelectors(sli, syntax);
  return { errors: (w) => `(${sumRate(total, w)} - ${partRate(good, total, w)})`, total: (w) => sumRate(total, w) };
}

/**
 * The series of a generated test: `part` (the errors, or the good events) and `other`, with how
 * the selectors take them: `other` is the total, or the rest of it when the part counts in the
 * total too (errors and total on one metric, `code=~"5.."` and all codes).
 */
export interface SliTestSeries {
  kind: 'errors' | 'good';
  part: { name: string; labels: Record<string, string> };
  other: { name: string; labels: Record<string, string> };
  /** The part is in the total as well: `other` then carries only the rest. */
  partInTotal: boolean;
}

/** The two series, or why no test can be written (a selector no concrete series satisfies alone). `syntax` as for sliQueries. */
export function sliTestSeries(sli: SliModel, syntax: SyntaxOf = syntaxAlone): SliTestSeries | { problem: string } {
  let kind: 'errors' | 'good';
  let partText: string;
  let totalText: string;
  if (sli.kind === 'latency') {
    const parsed = parseSelector(sli.selector, syntax);
    if ('problem' in parsed) return { problem: `the histogram selector ${sli.selector}: ${parsed.problem}` };
    const labels = concreteSeries(parsed);
    if (!labels) return { problem: `no series satisfies ${sli.selector}` };
    return {
      kind: 'good',
      part: { name: `${sli.histogram}_bucket`, labels: { ...labels, le: sli.le ?? String(sli.threshold) } },
      other: { name: `${sli.histogram}_count`, labels },
      partInTotal: false,
    };
  }
  if (sli.kind === 'errors') [kind, partText, totalText] = ['errors', sli.errors, sli.total];
  else [kind, partText, totalText] = ['good', sli.good, sli.total];
  const part = parseSelector(partText, syntax);
  const total = parseSelector(totalText, syntax);
  if ('problem' in part) return { problem: `${kind} selector ${partText}: ${part.problem}` };
  if ('problem' in total) return { problem: `total selector ${totalText}: ${total.problem}` };
  // On the total's metric, the part's series is one the total takes too (when one can be written):
  // the test then feeds what the application exposes, errors counted in the total, a ratio up to 1
  // (a part that lacks the total's matchers is slo/sli-subset's finding, not the test's premise).
  const within = part.name === total.name ? concreteSeries({ name: part.name, matchers: [...part.matchers, ...total.matchers] }) : undefined;
  const partLabels = within ?? concreteSeries(part);
  if (!partLabels) return { problem: `no series satisfies the ${kind} selector ${partText}` };
  if (!concreteSeries(total)) return { problem: `no series satisfies the total selector ${totalText}` };
  // A series the total takes and the part does not (whatever their matchers: =, !=, =~, !~).
  const otherLabels = concreteSeries(total, part);
  if (!otherLabels) return { problem: `every series the total selector ${totalText} takes is taken by the ${kind} selector ${partText} too` };
  return { kind, part: { name: part.name, labels: partLabels }, other: { name: total.name, labels: otherLabels }, partInTotal: selects(total, part.name, partLabels) };
}
