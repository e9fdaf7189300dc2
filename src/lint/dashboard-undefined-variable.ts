import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import type { Located } from '../model/types.js';
import { allPanels, DATASOURCE_VARIABLE } from '../model/dashboard.js';
import { didYouMean } from '../suggest.js';
import { isGlobalVariable, queryField, variableRefs } from './dashboard-variables.js';

export const dashboardUndefinedVariable: Check = {
  id: 'dashboard/undefined-variable',
  severity: 'error',
  description: 'Every $variable a panel, query or legend uses is defined by the dashboard (and, in a variable, defined before it).',
  run({ model }, report) {
    for (const dashboard of model.dashboards) {
      const names = [DATASOURCE_VARIABLE, ...dashboard.variables.map((v) => v.name)];
      const defined = new Set(names);
      const hint = `define it in variables: [labelVariable({ name: '…', metric })] of dashboard ${dashboard.title}, or fix the name (defined: ${names.map((n) => `$${n}`).join(', ')})`;
      // Located only for a finding: locating registers the property for the report (src/source-sites.ts).
      const check = (text: string | undefined, where: string, item: Located, field: string) => {
        for (const ref of variableRefs(text ?? '')) {
          if (defined.has(ref.name) || isGlobalVariable(ref.name)) continue;
          report({
            message: `${where} uses variable $${ref.name}, which dashboard ${dashboard.title} does not define: Grafana sends it as written and the query matches nothing.${didYouMean(ref.name, names)}`,
            hint,
            ...locatedAt(item, field),
            excerpt: { text: text!, from: ref.from, to: ref.to },
          });
        }
      };
      // A repeat by a variable the dashboard does not list repeats nothing.
      const rows = dashboard.items.flatMap((item) => (item.kind === 'row' ? [item] : []));
      for (const item of [...rows, ...allPanels(dashboard)]) {
        const by = item.kind === 'row' ? item.repeat : item.repeat?.variable;
        if (by === undefined || defined.has(by)) continue;
        report({
          message: `${item.kind} ${item.title} repeats by $${by}, which dashboard ${dashboard.title} does not define: Grafana shows it once, unrepeated`,
          hint: `add the variable to variables: [...] of dashboard ${dashboard.title}`,
          ...locatedAt(item, 'repeat'),
        });
      }
      for (const panel of allPanels(dashboard)) {
        check(panel.title, `panel ${panel.title}: title`, panel, 'title');
        for (const target of panel.targets) {
          const field = target.path.at(-1)!;
          check(target.expr, `panel ${panel.title}: ${field}.expr`, target, 'expr');
          check(target.legendFormat, `panel ${panel.title}: ${field}.legendFormat`, target, 'legendFormat');
        }
        if (panel.logs) check(panel.logs.expr, `panel ${panel.title}: expr`, panel, 'expr');
        const traces = panel.traces;
        if (traces && 'traceql' in traces) check(traces.traceql, `panel ${panel.title}: query.traceql`, panel, 'query');
        if (traces && 'traceId' in traces) check(traces.traceId, `panel ${panel.title}: query.traceId`, panel, 'query');
      }
      // A variable's query may only use the variables before it (Grafana resolves them in order).
      dashboard.variables.forEach((variable, i) => {
        if (variable.type !== 'query') return;
        for (const ref of variableRefs(variable.query)) {
          const position = names.indexOf(ref.name) - 1;
          if (isGlobalVariable(ref.name) || ref.name === DATASOURCE_VARIABLE || (position >= 0 && position < i)) continue;
          report({
            message:
              position >= i
                ? `variable $${variable.name} uses $${ref.name}, which is defined after it: Grafana has no value for it yet when it loads $${variable.name}`
                : `variable $${variable.name} uses $${ref.name}, which dashboard ${dashboard.title} does not define.${didYouMean(ref.name, names)}`,
            hint: `list $${ref.name} before $${variable.name} in variables`,
            ...locatedAt(variable, queryField(variable)),
            excerpt: { text: variable.query, from: ref.from, to: ref.to },
          });
        }
      });
    }
  },
};
