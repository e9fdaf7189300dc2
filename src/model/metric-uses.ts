/**
 * Who uses which metric: the rules and panels whose expressions select it (histogram series count
 * as their histogram). For the generated docs (src/compile/docs/): the catalogue's "used by", the
 * dashboards an alert's runbook links to.
 */
import type { Model, MetricModel, RecordModel, RuleModel } from './types.js';
import { allPanels, type DashboardModel, type PanelModel } from './dashboard.js';
import { buildCatalogue } from './catalogue.js';
import { analyzePromql, Shared, type SelectorRef } from '../promql/analyze.js';
import { substituteGrafanaVariables } from '../promql/grafana-variables.js';
import { promqlTableOf } from './promql-table.js';

export type MetricUse =
  | { kind: 'rule'; rule: RuleModel }
  | { kind: 'panel'; dashboard: DashboardModel; panel: PanelModel };

export interface MetricUses {
  /** Every rule and panel that selects the metric, in definition order (a panel once). */
  of(metric: string): MetricUse[];
  /** The catalogue metrics an expression reads, through the recording rules it reads too. */
  metricsOf(expr: string): MetricModel[];
  /** The equality matchers an expression's selectors pin, label → value (only when every selector agrees). */
  pinnedLabels(expr: string): Record<string, string>;
}

export function metricUses(model: Pick<Model, 'metrics' | 'ruleGroups' | 'prometheus' | 'dashboards'>): MetricUses {
  // The run's catalogue and analyses when it has them (src/model/promql-table.ts): none is made again.
  const table = promqlTableOf(model);
  const catalogue = table?.catalogue ?? buildCatalogue(model);
  const selectors = new Map<string, SelectorRef[]>();
  // Without a table: the selectors of every expression are kept (not their trees), their names and lists shared (src/promql/shared.ts).
  const shared = new Shared();
  const selectorsOf = (expr: string): SelectorRef[] => {
    let found = selectors.get(expr);
    if (!found) {
      const text = substituteGrafanaVariables(expr);
      selectors.set(expr, (found = table ? table.analysis(text).selectors : analyzePromql(text, catalogue.lookup, undefined, shared).selectors));
    }
    return found;
  };

  // Several recording rules may record one name with different labels (one per SLO, say): a
  // selector reads those whose labels its equality matchers do not contradict.
  const records = new Map<string, RecordModel[]>();
  for (const group of model.ruleGroups) for (const rule of group.rules) if (rule.kind === 'record') records.set(rule.name, [...(records.get(rule.name) ?? []), rule]);
  const recordsRead = (s: SelectorRef): RecordModel[] =>
    (s.name === undefined ? [] : (records.get(s.name) ?? [])).filter((r) => s.matchers.every((m) => m.op !== '=' || r.labels[m.label] === undefined || r.labels[m.label] === m.value));

  const metricsOf = (expr: string, seen = new Set<RecordModel>()): MetricModel[] => {
    const out: MetricModel[] = [];
    for (const s of selectorsOf(expr)) {
      const metric = s.name === undefined ? undefined : catalogue.get(s.name)?.metric;
      if (metric) {
        out.push(metric);
        continue;
      }
      for (const record of recordsRead(s)) {
        if (seen.has(record)) continue;
        seen.add(record);
        out.push(...metricsOf(record.expr, seen));
      }
    }
    return [...new Set(out)];
  };
  /** The catalogue metrics an expression selects itself (not through recording rules). */
  const directly = (expr: string): string[] => {
    const names = new Set<string>();
    for (const s of selectorsOf(expr)) {
      const metric = s.name === undefined ? undefined : catalogue.get(s.name)?.metric;
      if (metric) names.add(metric.name);
    }
    return [...names];
  };

  const uses = new Map<string, MetricUse[]>();
  const note = (name: string, use: MetricUse) => uses.set(name, [...(uses.get(name) ?? []), use]);
  for (const group of model.ruleGroups) for (const rule of group.rules) for (const name of directly(rule.expr)) note(name, { kind: 'rule', rule });
  for (const dashboard of model.dashboards) {
    for (const panel of allPanels(dashboard)) {
      for (const name of new Set(panel.targets.flatMap((t) => directly(t.expr)))) note(name, { kind: 'panel', dashboard, panel });
    }
  }

  const pinnedLabels = (expr: string): Record<string, string> => {
    const values = new Map<string, Set<string>>();
    for (const s of selectorsOf(expr)) for (const m of s.matchers) if (m.op === '=') values.set(m.label, new Set([...(values.get(m.label) ?? []), m.value]));
    return Object.fromEntries([...values].filter(([, v]) => v.size === 1).map(([label, v]) => [label, [...v][0]!]));
  };

  return { of: (metric) => uses.get(metric) ?? [], metricsOf: (expr) => metricsOf(expr), pinnedLabels };
}
