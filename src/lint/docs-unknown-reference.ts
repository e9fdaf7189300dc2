import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { findDashboard } from '../model/docs.js';

/**
 * The docs' troubleshooting topics and checklist items name alerts and dashboards by the objects
 * themselves, but an object the project does not include (a dashboard left out of `dashboards`, an
 * alert in no rule group) would be a dead link in out/docs/.
 */
export const docsUnknownReference: Check = {
  id: 'docs/unknown-reference',
  severity: 'error',
  description: 'Troubleshooting topics and checklist items name alerts and dashboards the project has.',
  run({ model }, report) {
    const docs = model.docs;
    if (!docs) return;
    const alerts = new Set(model.ruleGroups.flatMap((g) => g.rules.filter((r) => r.kind === 'alert').map((r) => r.name)));
    const unknownAlert = (name: string, where: string) => ({
      message: `${where} names alert "${name}", which is in no rule group of the project`,
      hint: 'add the alert to a rule group in ruleGroups, or remove it from the docs',
    });
    for (const topic of docs.troubleshooting) {
      for (const name of topic.alerts ?? []) {
        if (!alerts.has(name)) report({ ...unknownAlert(name, `troubleshooting "${topic.title}"`), ...locatedAt(topic, 'alerts') });
      }
    }
    for (const list of docs.checklists) {
      for (const item of list.items) {
        const where = `checklist "${list.title}" item "${item.text}"`;
        for (const name of item.alerts) if (!alerts.has(name)) report({ ...unknownAlert(name, where), ...locatedAt(list, 'items') });
        for (const ref of item.dashboards) {
          if (findDashboard(model.dashboards, ref)) continue;
          report({
            message: `${where} names dashboard "${ref.uid ?? ref.title}", which is not in the project's dashboards`,
            hint: 'add the dashboard to dashboards in defineProject, or remove it from the checklist',
            ...locatedAt(list, 'items'),
          });
        }
      }
    }
  },
};
