import type { Model, RuleModel } from '../model/types.js';
import { rules } from '../model/select.js';
import type { AnalyzedExpression, CheckContext } from './check.js';
import { expressionAt } from './expression-at.js';

// Many checks ask for the same pairs: computed once per context.
const pairsByContext = new WeakMap<CheckContext, Array<{ rule: RuleModel; e: AnalyzedExpression }>>();
const kindPairsByContext = new WeakMap<CheckContext, Map<RuleModel['kind'], unknown[]>>();

/** A rule of one kind and its analysed expression, the rule under its kind's name: `{ alert, e }`, `{ record, e }`. */
export type KindPair<K extends RuleModel['kind']> = { [P in K]: Extract<RuleModel, { kind: K }> } & { e: AnalyzedExpression };

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

/** The analysed expression of each rule of one kind, paired with the rule. */
function kindExpressions<K extends RuleModel['kind']>(context: CheckContext, kind: K): Array<KindPair<K>> {
  let byKind = kindPairsByContext.get(context);
  if (!byKind) kindPairsByContext.set(context, (byKind = new Map()));
  let pairs = byKind.get(kind) as Array<KindPair<K>> | undefined;
  if (!pairs) {
    pairs = [];
    for (const { rule, e } of ruleExpressions(context)) if (rule.kind === kind) pairs.push({ [kind]: rule, e } as KindPair<K>);
    byKind.set(kind, pairs);
  }
  return pairs;
}

/** The analysed expression of each alert, paired with the alert. */
export function alertExpressions(context: CheckContext): Array<KindPair<'alert'>> {
  return kindExpressions(context, 'alert');
}

const ruleMaps = new WeakMap<CheckContext, Map<RuleModel, AnalyzedExpression>>();

/** The analysed expression of a rule, alert or recording rule (the pairs above, by rule). */
export function ruleExpressionOf(context: CheckContext, rule: RuleModel): AnalyzedExpression | undefined {
  let map = ruleMaps.get(context);
  if (!map) {
    map = new Map(ruleExpressions(context).map(({ rule: r, e }) => [r, e]));
    ruleMaps.set(context, map);
  }
  return map.get(rule);
}

/** The analysed expression of each recording rule, paired with the rule. */
export function recordExpressions(context: CheckContext): Array<KindPair<'record'>> {
  return kindExpressions(context, 'record');
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
