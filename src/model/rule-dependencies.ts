import type { AlertModel, Model, RecordModel, RuleModel } from './types.js';
import { analyzePromql } from '../promql/analyze.js';

/**
 * The rules a rule needs to be evaluated on its own: itself, the recording rules producing the
 * series its expression reads, theirs in turn, across groups. Unit tests load exactly these (an
 * alert on a recorded series from another group can fire in a test), and nothing else (promtool
 * evaluates every loaded rule at every step of every case).
 *
 * Alerts that read `ALERTS` / `ALERTS_FOR_STATE` need the alerts that write them: the one named by
 * an `alertname="…"` matcher, or every alert.
 */
export interface RuleDependencies {
  /** The rule and every rule it needs, transitively, in definition order. */
  closure(rule: RuleModel): RuleModel[];
  /** The rules whose series this rule's expression reads directly. */
  reads(rule: RuleModel): RuleModel[];
}

const ALERT_SERIES = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

function regex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

export function ruleDependencies(model: Pick<Model, 'ruleGroups'>): RuleDependencies {
  const rules = model.ruleGroups.flatMap((g) => g.rules);
  const records = rules.filter((r): r is RecordModel => r.kind === 'record');
  const alerts = rules.filter((r): r is AlertModel => r.kind === 'alert');
  const byRecord = new Map<string, RecordModel[]>();
  for (const r of records) byRecord.set(r.name, [...(byRecord.get(r.name) ?? []), r]);
  // Each expression is parsed at most once, and only when a tested rule reaches it.
  const direct = new Map<RuleModel, RuleModel[]>();

  const readBy = (rule: RuleModel): RuleModel[] => {
    const known = direct.get(rule);
    if (known) return known;
    const found = new Set<RuleModel>();
    for (const selector of analyzePromql(rule.expr, () => undefined).selectors) {
      if (selector.name !== undefined && ALERT_SERIES.has(selector.name)) {
        const named = selector.matchers.find((m) => m.label === 'alertname' && m.op === '=');
        for (const a of alerts) if (!named || a.name === named.value) found.add(a);
      } else if (selector.name !== undefined) {
        for (const r of byRecord.get(selector.name) ?? []) found.add(r);
      } else {
        // `{__name__=~"job:.*"}`: every recording rule whose name the regex matches.
        const nameRegex = selector.matchers.find((m) => m.label === '__name__' && m.op === '=~');
        const re = nameRegex ? regex(nameRegex.value) : undefined;
        if (re) for (const r of records) if (re.test(r.name)) found.add(r);
      }
    }
    found.delete(rule);
    const list = [...found];
    direct.set(rule, list);
    return list;
  };

  const closure = (rule: RuleModel): RuleModel[] => {
    const closure = new Set<RuleModel>([rule]);
    const queue: RuleModel[] = [rule];
    while (queue.length > 0) {
      for (const dependency of readBy(queue.shift()!)) {
        if (closure.has(dependency)) continue;
        closure.add(dependency);
        queue.push(dependency);
      }
    }
    // Definition order, so generated files follow the definitions.
    return rules.filter((r) => closure.has(r));
  };
  return { closure, reads: readBy };
}

/**
 * Groups in the order a unit test should evaluate them: a group that produces series another group
 * reads comes first (Prometheus gives no order between groups; promtool's is random unless told).
 */
export function dependencyOrder(groups: readonly string[], needs: (group: string) => readonly string[]): string[] {
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: string[] = [];
  const visit = (g: string) => {
    if (done.has(g) || visiting.has(g)) return; // a cycle keeps definition order
    visiting.add(g);
    for (const before of needs(g)) if (groups.includes(before)) visit(before);
    visiting.delete(g);
    done.add(g);
    out.push(g);
  };
  for (const g of groups) visit(g);
  return out;
}
