import type { Model, RecordModel, RuleModel } from './types.js';
import { alerts as alertsOf, records as recordsOf, rules } from './select.js';
import { syntaxOf } from './promql-table.js';
import { re2, type Re2 } from './re2.js';

/**
 * The rules a rule needs to be evaluated on its own: itself, the recording rules producing the
 * series its expression reads, theirs in turn, across groups. Unit tests load exactly these (an
 * alert on a recorded series from another group can fire in a test), and nothing else (promtool
 * evaluates every loaded rule at every step of every case).
 *
 * A selector reads the recording rules whose name it can select (its identifier, or its `__name__`
 * matchers read as Prometheus reads them: `{__name__=~"job:.*"}`, `{__name__!="x", job="a"}`, a
 * selector without a name selects every name) and whose fixed labels it accepts (mayWrite).
 * Alerts that read `ALERTS` / `ALERTS_FOR_STATE` need the alerts that write them: those its
 * `alertname` matchers accept (every alert without one).
 */
export interface RuleDependencies {
  /** The rule and every rule it needs, transitively, in definition order. */
  closure(rule: RuleModel): RuleModel[];
  /** The rules whose series this rule's expression reads directly (itself left out: see readsItself). */
  reads(rule: RuleModel): RuleModel[];
  /** Whether the rule's expression can select what the rule itself writes (the graph's self-edge). */
  readsItself(rule: RuleModel): boolean;
}

const ALERT_SERIES = new Set(['ALERTS', 'ALERTS_FOR_STATE']);

type Matcher = { label: string; op: string; value: string };

const compiled = new Map<string, Re2>();

/**
 * Whether a matcher accepts a value, as Prometheus reads it (RE2, anchored: src/model/re2.ts). A
 * regex that does not compile accepts anything: the graph may read too much, never too little
 * (promtool refuses such an expression anyway).
 */
function accepts(m: Matcher, value: string): boolean {
  if (m.op === '=') return value === m.value;
  if (m.op === '!=') return value !== m.value;
  let re = compiled.get(m.value);
  if (re === undefined) compiled.set(m.value, (re = re2(m.value)));
  if (!re.ok) return true;
  return re.matches(value) === (m.op === '=~');
}

/**
 * Whether a selector can select series of this name: its identifier, else every `__name__` matcher
 * it has (`{__name__=~"job:.*"}`, `{__name__!="x"}`; a selector without any, `{job="x"}`, selects
 * every name).
 */
export function selectsName(selector: { name?: string; matchers: readonly Matcher[] }, name: string): boolean {
  if (selector.name !== undefined && selector.name !== name) return false;
  return selector.matchers.every((m) => m.label !== '__name__' || accepts(m, name));
}

// `{{ query "…" }}` / `{{ with query "…" }}` in an alert's annotations or labels: the series it
// reads at run time are the alert's dependencies too (its test must load the rules writing them).
const TEMPLATE_QUERY = /\bquery\s+("(?:[^"\\]|\\.)*"|`[^`]*`)/g;

/** The PromQL texts an alert's templates query (Go string literals, double-quoted or raw). */
export function templateQueries(rule: RuleModel): string[] {
  if (rule.kind !== 'alert') return [];
  const out: string[] = [];
  for (const text of [...Object.values(rule.annotations), ...Object.values(rule.labels)]) {
    for (const match of text.matchAll(TEMPLATE_QUERY)) {
      const literal = match[1]!;
      try {
        out.push(literal.startsWith('`') ? literal.slice(1, -1) : (JSON.parse(literal) as string));
      } catch {
        // not a literal JSON can read: its series stay unknown
      }
    }
  }
  return out;
}

/**
 * Whether a recording rule can write series the matchers select: a label the rule sets is fixed,
 * so `x{slo="a"}` does not read the rule recording x with `slo: b` (many rules, one name).
 */
export function mayWrite(rule: RecordModel, matchers: readonly Matcher[]): boolean {
  return matchers.every((m) => {
    const fixed = m.label === '__name__' ? undefined : rule.labels[m.label];
    return fixed === undefined || accepts(m, fixed);
  });
}

/** Whether a selector can select series a recording rule writes: its name and its fixed labels. */
export function mayRead(selector: { name?: string; matchers: readonly Matcher[] }, rule: RecordModel): boolean {
  return selectsName(selector, rule.name) && mayWrite(rule, selector.matchers);
}

export function ruleDependencies(model: Pick<Model, 'ruleGroups'>): RuleDependencies {
  const all = rules(model);
  const records = recordsOf(model);
  const alerts = alertsOf(model);
  const byRecord = new Map<string, RecordModel[]>();
  for (const r of records) byRecord.set(r.name, [...(byRecord.get(r.name) ?? []), r]);
  // Each expression is parsed at most once, and only when a tested rule reaches it.
  const direct = new Map<RuleModel, RuleModel[]>();
  // The rules whose expression may select their own series: kept apart from `direct`, where a
  // closure has the rule already and a group's order does not depend on itself.
  const selfReads = new Set<RuleModel>();

  const readBy = (rule: RuleModel): RuleModel[] => {
    const known = direct.get(rule);
    if (known) return known;
    const found = new Set<RuleModel>();
    // Selectors do not depend on a series lookup: the run's analyses when it has them (src/model/promql-table.ts).
    const selectors = [rule.expr, ...templateQueries(rule)].flatMap((text) => syntaxOf(model, text).selectors);
    for (const selector of selectors) {
      // ALERTS / ALERTS_FOR_STATE, by name or by a `__name__` matcher: the alerts its `alertname` matchers accept.
      if ([...ALERT_SERIES].some((name) => selectsName(selector, name))) {
        const named = selector.matchers.filter((m) => m.label === 'alertname');
        for (const a of alerts) if (named.every((m) => accepts(m, a.name))) found.add(a);
      }
      // A literal name: the rules recording it; else (`{__name__=~"job:.*"}`, `{__name__!~"x"}`,
      // `{job="x"}`) every recording rule whose name the selector's `__name__` matchers accept.
      const candidates = selector.name !== undefined ? (byRecord.get(selector.name) ?? []) : records;
      for (const r of candidates) if (mayRead(selector, r)) found.add(r);
    }
    if (found.delete(rule)) selfReads.add(rule);
    const list = [...found];
    direct.set(rule, list);
    return list;
  };

  // Each rule's place in definition order, made on the first closure: sorting a closure by it
  // costs its size, not a pass over every rule of the project per closure.
  let positions: Map<RuleModel, number> | undefined;
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
    // Definition order, so generated files follow the definitions (rules outside the model left out).
    positions ??= new Map(all.map((r, i) => [r, i]));
    const at = positions;
    return [...closure].filter((r) => at.has(r)).sort((a, b) => at.get(a)! - at.get(b)!);
  };
  const readsItself = (rule: RuleModel): boolean => {
    readBy(rule);
    return selfReads.has(rule);
  };
  return { closure, reads: readBy, readsItself };
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
