import type { AnalyzedExpression, Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { allPanels } from '../model/dashboard.js';
import { bucketBound, queryUnit, type QueryUnit, type RecordedParse } from './dashboard-query-unit.js';
import { recordExpressions } from './rules-select.js';
import type { RecordModel } from '../model/types.js';
import { expressionAt } from './expression-at.js';
import { flatRoot } from '../promql/parse.js';
import { MILLISECONDS_UNITS, OTHER_TIME_UNITS, SECONDS_UNITS } from './grafana-units.js';

/** Why showing a value of this kind with this Grafana unit lies, and the unit to use; undefined when it does not. */
function mismatch(value: QueryUnit['unit'], unit: string, what = 'its values'): { why: string; use: string } | undefined {
  if (value === 'seconds' && (MILLISECONDS_UNITS.has(unit) || OTHER_TIME_UNITS.has(unit))) {
    return { why: `${what} are seconds, and unit "${unit}" reads them as another time unit (0.25 s would show as 0.25 ${unit})`, use: 's' };
  }
  if (value === 'milliseconds' && (SECONDS_UNITS.has(unit) || OTHER_TIME_UNITS.has(unit))) {
    return { why: `${what} are milliseconds, and unit "${unit}" reads them as another time unit (250 ms would show as 250 ${unit})`, use: 'ms' };
  }
  if (value === 'ratio' && unit === 'percent') {
    return { why: `${what} are a ratio between 0 and 1, and unit "percent" expects 0 to 100 (5% would show as 0.05%)`, use: 'percentunit' };
  }
  if (value === 'percent' && unit === 'percentunit') {
    return { why: `${what} are percentages (0 to 100), and unit "percentunit" expects 0 to 1 (5% would show as 500%)`, use: 'percent' };
  }
  return undefined;
}

/** Every value kind `queryUnit` may give (a Record, so that the compiler insists on each). */
const VALUE_UNITS = Object.keys({ seconds: 1, milliseconds: 1, bytes: 1, ratio: 1, percent: 1, count: 1, none: 1 } satisfies Record<QueryUnit['unit'], 1>) as Array<QueryUnit['unit']>;

/** Whether some value could mismatch the unit: for most units (`reqps`, `short`) none can, and the queries need no reading. */
function canMismatch(unit: string): boolean {
  return VALUE_UNITS.some((value) => mismatch(value, unit) !== undefined);
}

export const dashboardUnitMismatch: Check = {
  id: 'dashboard/unit-mismatch',
  severity: 'error',
  description: "A panel's unit agrees with what its queries measure according to the catalogue (seconds vs ms, ratio vs percent).",
  run(context, report) {
    const { model, catalogue } = context;
    // Recording rules' expressions as the run analysed them (each text parsed once in a run).
    let analysed: Map<RecordModel, AnalyzedExpression> | undefined;
    const recorded: RecordedParse = (rule) => {
      analysed ??= new Map(recordExpressions(context).map(({ record, e }) => [record, e]));
      const e = analysed.get(rule);
      const flat = e ? flatRoot(e.analysis.parsed) : undefined;
      return e && flat ? { tree: flat.tree, root: flat.root, text: e.text } : undefined;
    };
    for (const dashboard of model.dashboards) {
      for (const panel of allPanels(dashboard)) {
        if (panel.unit === undefined || !canMismatch(panel.unit)) continue;
        for (const target of panel.targets) {
          const e = expressionAt(context, target.path);
          if (!e) continue;
          const flat = flatRoot(e.analysis.parsed);
          // A heatmap's unit is its y axis's: the bounds (le) of the buckets, not their counts.
          const value = !flat ? undefined : panel.type === 'heatmap' ? bucketBound(flat.tree, flat.root, e.text, catalogue, recorded) : queryUnit(flat.tree, flat.root, e.text, catalogue, recorded)?.unit;
          const found = value && mismatch(value, panel.unit, panel.type === 'heatmap' ? "its buckets' bounds (le, the y axis)" : undefined);
          if (!found) continue;
          report({
            message: `panel ${panel.title}: unit "${panel.unit}" does not fit ${target.path.at(-1)}: ${found.why}`,
            hint: `use unit: '${found.use}'${found.use === 's' || found.use === 'ms' ? ', or scale the query' : ''}`,
            ...locatedAt(panel, 'unit'),
            excerpt: { text: target.expr, from: 0, to: target.expr.length },
          });
        }
      }
    }
  },
};
