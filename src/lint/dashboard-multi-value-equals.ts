import type { Check } from './check.js';
import type { Located } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { queryField, variableRefs } from './dashboard-variables.js';
import { allPanels, isMultiValue } from '../model/dashboard.js';

// A label matcher: label, operator, quoted value. `=` must not be part of `==`, `=~`, `!=`, `<=`, `>=`.
const MATCHER = /([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=~|!~|(?<![=!<>])=(?![=~]))\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)/g;

export const dashboardMultiValueEquals: Check = {
  id: 'dashboard/multi-value-equals',
  severity: 'error',
  description: 'A multi-value or include-All variable is matched with =~ (or !~), never = or !=, in panel queries and in the queries of chained variables.',
  run({ model }, report) {
    for (const dashboard of model.dashboards) {
      const multi = new Map(dashboard.variables.filter(isMultiValue).map((v) => [v.name, v]));
      if (multi.size === 0) continue;
      /** Every `label="$multi"` in `text`, reported as `what` at `where`. */
      // Located only for a finding: locating registers the property for the report (src/source-sites.ts).
      const scan = (text: string, what: string, item: Located, field: string) => {
        for (const m of text.matchAll(MATCHER)) {
          const [, label, op, value] = m;
          if (op !== '=' && op !== '!=') continue;
          const valueFrom = m.index + m[0].length - value!.length;
          for (const ref of variableRefs(value!)) {
            const variable = multi.get(ref.name);
            if (!variable) continue;
            const kind = [variable.multi ? 'multi-value' : '', variable.includeAll ? 'with an All option' : ''].filter(Boolean).join(', ');
            const regexOp = op === '=' ? '=~' : '!~';
            report({
              message: `${what} matches $${ref.name} (${kind}) with ${label}${op}: when several values or All are selected Grafana writes a regex (a|b, .*) and the selector matches nothing`,
              hint: `write ${label}${regexOp}${value} (in matchers: { ${label}: ${op === '=' ? 're' : 'nre'}('$${ref.name}') }), or make the variable single-valued: multi: false, includeAll: false`,
              ...locatedAt(item, field),
              excerpt: { text, from: m.index, to: valueFrom + value!.length },
            });
          }
        }
      };
      for (const panel of allPanels(dashboard)) {
        for (const target of panel.targets) scan(target.expr, `panel ${panel.title}: ${target.path.at(-1)}.expr`, target, 'expr');
      }
      // A chained variable (`label_values(metric{job="$job"}, instance)`) lists nothing for several jobs either.
      for (const variable of dashboard.variables) {
        if (variable.type === 'query') scan(variable.query, `variable $${variable.name}: its query`, variable, queryField(variable));
      }
    }
  },
};
