import type { Check } from './check.js';
import type { MatchOp } from '../api/selector.js';
import { locatedAt } from '../model/located.js';
import { parseSelector, type ParsedSelector } from '../model/slo-series.js';
import { syntaxOf } from '../model/promql-table.js';
import { finiteMatches } from '../promql/finite-regex.js';

type Matcher = ParsedSelector['matchers'][number];

/** A regex matcher Prometheus reads as anchored. */
function matches(pattern: string, value: string): boolean | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 's').test(value);
  } catch {
    return undefined; // promql/syntax reports it
  }
}

function accepts(op: MatchOp, target: string, value: string): boolean | undefined {
  if (op === '=') return value === target;
  if (op === '!=') return value !== target;
  const hit = matches(target, value);
  return hit === undefined ? undefined : op === '=~' ? hit : !hit;
}

/** Every value the part's matchers on the label allow, when they name a finite set (`="500"`, `=~"500|503"`). */
function allowedValues(matchers: readonly Matcher[]): string[] | undefined {
  let allowed: string[] | undefined;
  for (const m of matchers) {
    const values = m.op === '=' ? [m.value] : m.op === '=~' ? finiteMatches(m.value) : undefined;
    if (values === undefined) continue;
    allowed = allowed === undefined ? values : allowed.filter((v) => values.includes(v));
  }
  return allowed;
}

/**
 * The total's matcher is met by every series the part takes: the part has the same matcher, or its
 * own matchers on that label allow only values the total's accepts. Undecided (a pattern against a
 * pattern: `=~"5.."` in a total `!="499"`) counts as met: no false alarm.
 */
function implied(total: Matcher, part: readonly Matcher[]): boolean {
  // A total matcher that takes every value, the label absent too, asks nothing of the part.
  if (total.op === '=~' && (total.value === '.*' || total.value === '(.*)')) return true;
  const own = part.filter((m) => m.label === total.label);
  if (own.length === 0) return false;
  if (own.some((m) => m.op === total.op && m.value === total.value)) return true;
  const allowed = allowedValues(own);
  if (allowed === undefined) return true;
  return allowed.every((v) => accepts(total.op, total.value, v) !== false);
}

const show = (m: Matcher) => `${m.label}${m.op}${JSON.stringify(m.value)}`;

/**
 * An SLI's errors (or good events) are a part of its total: every series the errors selector takes,
 * the total takes too. Errors `x{code=~"5.."}` beside a total `x{job="api"}` count the errors of
 * every job against the requests of one: the ratio can pass 1 and the burn rates mean nothing, and
 * the generated tests (which write a series both take) cannot show it.
 */
export const sloSliSubset: Check = {
  id: 'slo/sli-subset',
  severity: 'error',
  description: "An SLO's errors (or good) selector takes only series its total takes: every matcher of the total is on it too.",
  run({ model, catalogue }, report) {
    const syntax = (text: string) => syntaxOf(model, text);
    for (const slo of model.slos) {
      const sli = slo.sli;
      if (sli.kind === 'latency') continue; // one selector for both parts
      const [field, partText] = sli.kind === 'errors' ? ['errors', sli.errors] : ['good', sli.good];
      const part = parseSelector(partText, syntax);
      const total = parseSelector(sli.total, syntax);
      if ('problem' in part || 'problem' in total) continue; // slo/sli-selector reports it
      // On another metric, only the labels that metric has can be matched (unknown labels: promql/unknown-label).
      const labels = part.name === total.name ? undefined : catalogue.get(part.name)?.labels;
      if (part.name !== total.name && labels === undefined) continue;
      const missing = total.matchers.filter((m) => (labels === undefined || labels.includes(m.label)) && !implied(m, part.matchers));
      if (missing.length === 0) continue;
      const what = field === 'errors' ? 'errors' : 'good events';
      report({
        message: `SLO ${slo.name}: sli.${field} ${partText} lacks the total's ${missing.map(show).join(', ')}: it counts ${what} of series the total ${sli.total} does not count, so the ratio can pass 1 and the burn rates mean nothing`,
        hint: `give sli.${field} every matcher of the total (${missing.map(show).join(', ')}), e.g. ${part.name}.select({ … }) with the total's labels; if the total counts those series under other labels, say why with ignore: { 'slo/sli-subset': '…' }`,
        ...locatedAt(slo, 'sli', field),
      });
    }
  },
};
