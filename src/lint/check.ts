import type { Diagnostic, Severity } from '../diagnostic.js';
import type { NondeterministicUse } from '../nondeterministic-use.js';
import type { ExpressionRef, Model } from '../model/types.js';
import type { Catalogue } from '../model/catalogue.js';
import type { Analysis } from '../promql/analyze.js';
import { locatedAt } from '../model/located.js';

/** An expression with its analysis, parsed once and shared by every check. */
export interface AnalyzedExpression extends ExpressionRef {
  analysis: Analysis;
  /** Offset map: the analysed text may differ from `expr` (Grafana variables substituted). */
  text: string;
  /** Spans of `text` that stand for Grafana variables (`$job` → `_job`): not the user's literal text. */
  variables: ReadonlyArray<{ from: number; to: number }>;
  /** Offsets in `text` → offsets in `expr`, the query as the user wrote it (panels with Grafana variables). */
  toExpr?: (offset: number) => number;
}

/** Whether a span of the analysed text holds a Grafana variable (its value is unknown offline). */
export function hasVariable(e: AnalyzedExpression, from: number, to: number): boolean {
  return e.variables.some((v) => v.from < to && v.to > from);
}

/**
 * Whether a Grafana variable stands outside every selector (`sum by ($group) (…)`,
 * `label_replace(…, "$dst", …)`): the labels the query keeps may then depend on its value, which
 * the analysis (reading `_group`) does not know. In a selector (`{job=~"$job"}`) it only filters.
 */
export function labelsFromVariable(e: AnalyzedExpression): boolean {
  return e.variables.some((v) => !e.analysis.selectors.some((s) => s.from <= v.from && v.to <= s.to));
}

export interface CheckContext {
  model: Model;
  catalogue: Catalogue;
  expressions: AnalyzedExpression[];
  /** Calls to the clock or to chance the definitions made while they loaded (src/io/loader/nondeterminism.ts). */
  nondeterministic?: readonly NondeterministicUse[];
}

export type Finding = Omit<Diagnostic, 'id' | 'severity'> & { severity?: Severity };

/**
 * One check: an id (`area/name`, also its file name `area-name.ts`), a default severity, and a
 * function that reports findings. Adding a check never touches another.
 */
export interface Check {
  id: string;
  severity: Severity;
  description: string;
  run(context: CheckContext, report: (finding: Finding) => void): void;
}

/**
 * Location fields of a finding about an expression, with the span it is about (offsets in the
 * analysed `text`). The excerpt shows the user's text (`$__rate_interval`, not its stand-in).
 */
export function at(e: AnalyzedExpression, from?: number, to?: number): Pick<Finding, 'path' | 'source' | 'excerpt'> {
  const map = e.toExpr ?? ((offset: number) => offset);
  // Object.assign, not `{ ...locatedAt(e), excerpt }`: a hidden class per finding otherwise (src/lint/run.ts).
  return Object.assign({}, locatedAt(e), {
    excerpt: { text: e.expr, from: map(from ?? 0), to: to === undefined ? e.expr.length : map(to) },
  });
}

/** What an expression, or the part of it (`whole` false), that is always empty does where it stands. */
export function emptyEffect(e: ExpressionRef, whole: boolean): string {
  if (!whole) return 'that part of the expression is always empty';
  return e.context === 'alert' ? 'the alert never fires' : e.context === 'record' ? 'the rule never records anything' : 'the query is always empty';
}

/** "alert HighErrorRate", "panel Tickets", "variable $job" (a query variable's query is a panel query), … for messages. */
export function ownerName(e: ExpressionRef): string {
  if (e.context === 'panel' && e.path[2] === 'variables') return `variable ${e.owner}`;
  return `${e.context} ${e.owner}`;
}
