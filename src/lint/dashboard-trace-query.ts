import type { Check, Finding } from './check.js';
import { allPanels } from '../model/dashboard.js';
import { locatedAt } from '../model/located.js';
import { panelDatasource } from '../model/logs-traces.js';
import { traceIdProblems, traceqlProblems } from '../query/traceql.js';

/**
 * A traces panel's query parses (TraceQL) or is a trace id, and goes to a data source that runs it:
 * TraceQL to Tempo, a service search to Jaeger, a trace id to either.
 */
export const dashboardTraceQuery: Check = {
  id: 'dashboard/trace-query',
  severity: 'error',
  description: "A traces panel's TraceQL parses, its trace id is one, and its data source (Tempo or Jaeger) runs that kind of query.",
  run({ model }, report) {
    for (const d of model.dashboards) {
      for (const panel of allPanels(d)) {
        const q = panel.traces;
        if (!q) continue;
        const what = `traces panel ${panel.title} (dashboard ${d.title})`;
        const datasource = panelDatasource(panel);
        const accepts = 'traceql' in q ? ['tempo'] : 'service' in q ? ['jaeger'] : ['tempo', 'jaeger'];
        const asked = 'traceql' in q ? 'a TraceQL query' : 'service' in q ? 'a Jaeger search' : 'a trace id';
        if (!accepts.includes(datasource.type)) {
          report({
            message: `${what} sends ${asked} to a ${datasource.type} data source ("${datasource.uid}"), which does not run it`,
            hint: `point it at ${accepts.join(' or ')} (${accepts.map((k) => `{ type: "${k}", uid: "\${${k}}" }`).join(' or ')}), or write the query that data source runs`,
            ...locatedAt(panel, 'datasource'),
          });
        }
        const text = 'traceql' in q ? q.traceql : 'traceId' in q ? q.traceId : undefined;
        if (text === undefined) continue;
        const problems = 'traceql' in q ? traceqlProblems(text) : traceIdProblems(text);
        for (const p of problems) {
          const finding: Finding = { message: `${what}: ${p.message}`, hint: p.hint, ...locatedAt(panel, 'query'), excerpt: { text, from: p.from, to: p.to } };
          report(finding);
        }
      }
    }
  },
};
