import type { Check } from './check.js';
import { allPanels } from '../model/dashboard.js';
import { locatedAt } from '../model/located.js';
import { panelDatasource } from '../model/logs-traces.js';
import { analyzeLogql } from '../query/logql.js';
import { re2 } from '../model/re2.js';

/**
 * A logs panel's LogQL parses, is a log query (a metric query shows no lines), selects its streams
 * as Loki demands, and goes to a Loki data source.
 */
export const dashboardLogQuery: Check = {
  id: 'dashboard/log-query',
  severity: 'error',
  description: "A logs panel's query is valid LogQL that returns log lines, with a stream matcher Loki accepts, on a Loki data source.",
  run({ model }, report) {
    for (const d of model.dashboards) {
      for (const panel of allPanels(d)) {
        if (!panel.logs) continue;
        const what = `logs panel ${panel.title} (dashboard ${d.title})`;
        const datasource = panelDatasource(panel);
        if (datasource.type !== 'loki') {
          report({
            message: `${what} queries a ${datasource.type} data source ("${datasource.uid}"), but its query is LogQL`,
            hint: 'point it at Loki: leave out `datasource` (the ${loki} variable) or give { type: "loki", uid: … }',
            ...locatedAt(panel, 'datasource'),
          });
        }
        const expr = panel.logs.expr;
        const analysis = analyzeLogql(expr, re2);
        for (const p of analysis.problems) report({ message: `${what}: ${p.message}`, hint: p.hint, ...locatedAt(panel, 'expr'), excerpt: { text: expr, from: p.from, to: p.to } });
        if (analysis.kind === 'metric') {
          report({
            message: `${what}: its query is a LogQL metric query (numbers, not lines): the logs panel shows nothing`,
            hint: 'show the lines (drop the aggregation: {…} | …), or chart the numbers in a timeseries panel on the Loki data source',
            ...locatedAt(panel, 'expr'),
            excerpt: { text: expr, from: 0, to: expr.length },
          });
        }
      }
    }
  },
};
