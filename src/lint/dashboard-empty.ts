import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { allPanels } from '../model/dashboard.js';

export const dashboardEmpty: Check = {
  id: 'dashboard/empty',
  severity: 'warning',
  description: 'A dashboard has at least one panel, and a row has panels.',
  run({ model }, report) {
    for (const dashboard of model.dashboards) {
      if (allPanels(dashboard).length === 0) {
        const rows = dashboard.items.length;
        report({
          message: `dashboard ${dashboard.title} has no panels${rows > 0 ? ` (only ${rows} empty row${rows > 1 ? 's' : ''})` : ''}: it opens blank`,
          hint: 'add panels (timeseriesPanel, statPanel, ratePanel, …), or remove the dashboard',
          ...locatedAt(dashboard, 'panels'),
        });
        continue;
      }
      for (const item of dashboard.items) {
        if (item.kind !== 'row' || item.panels.length > 0) continue;
        report({
          message: `row ${item.title} of dashboard ${dashboard.title} has no panels: an empty header`,
          hint: 'give the row its panels (row({ title, panels: [...] })), or remove it',
          ...locatedAt(item, 'panels'),
        });
      }
    }
  },
};
