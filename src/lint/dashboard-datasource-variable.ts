import type { Check } from './check.js';
import { allPanels, isDatasourceVariable } from '../model/dashboard.js';
import { defaultDatasource, logsTracesVariables, variableKind } from '../model/logs-traces.js';
import { locatedAt } from '../model/located.js';
import type { DatasourceRef } from '../api/panels.js';

/**
 * Panels and targets take their data source from the `datasource` variable, so one dashboard
 * works against any Prometheus. A fixed Prometheus uid only works where that uid exists (warning);
 * a data source that is not Prometheus cannot run the PromQL the checks verified (error). Logs and
 * traces panels read their own variable (`${loki}`, `${tempo}`, `${jaeger}`), which no variable of
 * the dashboard may shadow (error).
 */
export const dashboardDatasourceVariable: Check = {
  id: 'dashboard/datasource-variable',
  severity: 'warning',
  description: 'Every panel and target uses the ${datasource} variable, not a fixed data source.',
  run({ model }, report) {
    const check = (ref: DatasourceRef | undefined, what: string, path: string[], source: { file: string; line: number; column: number } | undefined) => {
      if (!ref || isDatasourceVariable(ref)) return;
      const notPrometheus = ref.type !== 'prometheus';
      report({
        severity: notPrometheus ? 'error' : 'warning',
        message: notPrometheus
          ? `${what} uses a ${ref.type} data source ("${ref.uid}"), but its queries are PromQL`
          : `${what} uses the fixed data source "${ref.uid}" instead of the \${datasource} variable`,
        hint: 'remove `datasource`: panels and targets then use { type: "prometheus", uid: "${datasource}" }',
        path,
        ...(source ? { source } : {}),
      });
    };
    for (const d of model.dashboards) {
      // ${loki}, ${tempo}, ${jaeger} are added for the logs and traces panels: a variable of the same name would take their place.
      for (const { kind } of logsTracesVariables(d)) {
        const clash = d.variables.find((v) => v.name === kind);
        if (!clash) continue;
        report({
          severity: 'error',
          message: `variable $${kind} of dashboard ${d.title} has the name of the data source variable its ${kind === 'loki' ? 'logs' : 'traces'} panels read (\${${kind}})`,
          hint: `rename the variable: \${${kind}} is the ${kind} data source drop-down totem-mon adds`,
          ...locatedAt(clash, 'name'),
        });
      }
      for (const panel of allPanels(d)) {
        if (panel.logs || panel.traces) {
          // Their own variable (${loki}, ${tempo}, ${jaeger}); the query checks judge the type.
          const ref = panel.datasource;
          if (ref && variableKind(ref) === undefined && !isDatasourceVariable(ref)) {
            const own = variableKind(defaultDatasource(panel))!;
            report({
              message: `panel ${panel.title} of dashboard ${d.title} uses the fixed data source "${ref.uid}" instead of the \${${own}} variable`,
              hint: `remove \`datasource\`: the panel then uses { type: "${own}", uid: "\${${own}}" }, which defaults to the configured data source`,
              path: [...panel.path, 'datasource'],
              ...(panel.source ? { source: panel.source } : {}),
            });
          }
          continue;
        }
        check(panel.datasource, `panel ${panel.title} of dashboard ${d.title}`, [...panel.path, 'datasource'], panel.source);
        for (const t of panel.targets) {
          check(t.datasource, `target ${t.refId} of panel ${panel.title} (dashboard ${d.title})`, [...t.path, 'datasource'], t.source);
        }
      }
    }
  },
};
