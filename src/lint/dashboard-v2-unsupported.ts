import type { Check } from './check.js';
import { allPanels } from '../model/dashboard.js';

/**
 * What the V2 dashboard schema (`grafana: { schema: 'v2' }`) has no place for is refused, never
 * dropped from the output: a panel-level data source (V2 panels have none: each query names its
 * own) and a tooltip on a panel header link (V2's panel links are a title, a URL and a target).
 */
export const dashboardV2Unsupported: Check = {
  id: 'dashboard/v2-unsupported',
  severity: 'error',
  description: 'With the V2 dashboard schema, no definition uses what V2 cannot express.',
  run({ model }, report) {
    if (model.grafana.schema !== 'v2') return;
    for (const d of model.dashboards) {
      for (const panel of allPanels(d)) {
        const source = panel.source ? { source: panel.source } : {};
        if (panel.datasource !== undefined) {
          report({
            message: `panel ${panel.title} of dashboard ${d.title} has a panel data source ("${panel.datasource.uid}"): the V2 schema has none, each query names its own`,
            hint: 'move `datasource` to each of the panel\'s targets, or write the classic schema (grafana: { schema: \'classic\' })',
            path: [...panel.path, 'datasource'],
            ...source,
          });
        }
        panel.links.forEach((link, i) => {
          if (link.tooltip === undefined) return;
          report({
            message: `panel ${panel.title} of dashboard ${d.title}: the tooltip of its link "${link.title}" has no place in the V2 schema (a panel link there is a title, a URL and a target)`,
            hint: 'remove `tooltip` from the link (say it in the title), or write the classic schema (grafana: { schema: \'classic\' })',
            path: [...panel.path, 'links', String(i), 'tooltip'],
            ...source,
          });
        });
      }
    }
  },
};
