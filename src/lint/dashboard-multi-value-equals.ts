import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { variableRefs } from './dashboard-variables.js';
import { allPanels } from '../model/dashboard.js';

// A label matcher: label, operator, quoted value. `=` must not be part of `==`, `=~`, `!=`, `<=`, `>=`.
const MATCHER = /([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=~|!~|(?<![=!<>])=(?![=~]))\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)/g;

export const dashboardMultiValueEquals: Check = {
  id: 'dashboard/multi-value-equals',
  severity: 'error',
  description: 'A multi-value or include-All variable is matched with =~ (or !~), never = or !=.',
  run({ model }, report) {
    for (const dashboard of model.dashboards) {
      const multi = new Map(dashboard.variables.filter((v) => v.multi || v.includeAll).map((v) => [v.name, v]));
      if (multi.size === 0) continue;
      for (const panel of allPanels(dashboard)) {
        for (const target of panel.targets) {
          for (const m of target.expr.matchAll(MATCHER)) {
            const [, label, op, value] = m;
            if (op !== '=' && op !== '!=') continue;
            const valueFrom = m.index + m[0].length - value!.length;
            for (const ref of variableRefs(value!)) {
              const variable = multi.get(ref.name);
              if (!variable) continue;
              const kind = [variable.multi ? 'multi-value' : '', variable.includeAll ? 'with an All option' : ''].filter(Boolean).join(', ');
              const regexOp = op === '=' ? '=~' : '!~';
              report({
                message: `panel ${panel.title}: ${target.path.at(-1)}.expr matches $${ref.name} (${kind}) with ${label}${op}: when several values or All are selected Grafana writes a regex (a|b, .*) and the selector matches nothing`,
                hint: `write ${label}${regexOp}${value} (in matchers: { ${label}: ${op === '=' ? 're' : 'nre'}('$${ref.name}') }), or make the variable single-valued: multi: false, includeAll: false`,
                ...locatedAt(target, 'expr'),
                excerpt: { text: target.expr, from: m.index, to: valueFrom + value!.length },
              });
            }
          }
        }
      }
    }
  },
};
