import type { AlertModel, Model, RecordModel, RuleModel } from '../model/types.js';
import { rules } from '../model/select.js';
import type { AnalyzedExpression, CheckContext } from './check.js';
import { expressionAt } from './expression-at.js';

// Many checks ask for the same pairs: computed once per context.
const pairsByContext = new WeakMap<CheckContext, Array<{ rule: RuleModel; e: AnalyzedExpression }>>();
const alertPairsByContext = new WeakMap<CheckContext, Array<{ alert: AlertModel; e: AnalyzedExpression }>>();
const recordPairsByContext = new WeakMap<CheckContext, Array<{ record: RecordModel; e: AnalyzedExpression }>>();

/** Whether `path` is `[...owner, 'expr']`. */
function samePath(path: readonly string[], owner: readonly string[]): boolean {
  return path.length === owner.length + 1 && path[owner.length] === 'expr' && owner.every((step, i) => path[i] === step);
}

/** The analysed expression of each rule, paired with the rule. */
function ruleExpressions(context: CheckContext): Array<{ rule: RuleModel; e: AnalyzedExpression }> {
  const cached = pairsByContext.get(context);
  if (cached) return cached;
  // Paired by position, not by path: two rules with one name in a group (alert/duplicate-name,
  // record/duplicate) share a path, and each must keep its own expression. The rules' expressions
  // come first, in rule order (src/model/expressions.ts); the path lookup is for contexts built otherwise.
  const pairs: Array<{ rule: RuleModel; e: AnalyzedExpression }> = [];
  let index = 0;
  for (const rule of rules(context.model)) {
    const atIndex = context.expressions[index++];
    const e = atIndex && atIndex.expr === rule.expr && samePath(atIndex.path, rule.path) ? atIndex : expressionAt(context, rule.path);
    if (e) pairs.push({ rule, e });
  }
  pairsByContext.set(context, pairs);
  return pairs;
}

/** The analysed expression of each alert, paired with the alert. */
export function alertExpressions(context: CheckContext): Array<{ alert: AlertModel; e: AnalyzedExpression }> {
  let pairs = alertPairsByContext.get(context);
  if (!pairs) {
    pairs = [];
    for (const { rule, e } of ruleExpressions(context)) if (rule.kind === 'alert') pairs.push({ alert: rule, e });
    alertPairsByContext.set(context, pairs);
  }
  return pairs;
}

const alertMaps = new WeakMap<CheckContext, Map<AlertModel, AnalyzedExpression>>();

/** The analysed expression of an alert (alertExpressions, by alert). */
export function alertExpressionOf(context: CheckContext, alert: AlertModel): AnalyzedExpression | undefined {
  let map = alertMaps.get(context);
  if (!map) {
    map = new Map(alertExpressions(context).map(({ alert: a, e }) => [a, e]));
    alertMaps.set(context, map);
  }
  return map.get(alert);
}

/** The analysed expression of each recording rule, paired with the rule. */
export function recordExpressions(context: CheckContext): Array<{ record: RecordModel; e: AnalyzedExpression }> {
  let pairs = recordPairsByContext.get(context);
  if (!pairs) {
    pairs = [];
    for (const { rule, e } of ruleExpressions(context)) if (rule.kind === 'record') pairs.push({ record: rule, e });
    recordPairsByContext.set(context, pairs);
  }
  return pairs;
}

/** The largest scrape interval of any job: the safe bound for range checks. */
export function slowestScrapeMs(model: Model): number {
  const jobs = model.prometheus.scrapeJobs.map((j) => j.intervalMs);
  return jobs.length > 0 ? Math.max(...jobs) : 60_000;
}

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
