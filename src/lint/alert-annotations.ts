import type { Check } from './check.js';
import { alerts } from '../model/select.js';
import { locatedAt } from '../model/located.js';

export const alertAnnotations: Check = {
  id: 'alert/annotations',
  severity: 'error',
  description: 'Alerts carry a summary and a description (errors) and a runbook_url (warning); the summary has no templating.',
  run({ model }, report) {
    for (const alert of alerts(model)) {
      for (const name of ['summary', 'description']) {
        if ((alert.annotations[name] ?? '').trim() !== '') continue;
        report({
          message: `alert ${alert.name} has no ${name} annotation: the notification would say nothing about what is wrong`,
          hint: `add annotations: { ${name}: '…' }`,
          ...locatedAt(alert, 'annotations'),
        });
      }
      const runbook = alert.annotations['runbook_url'];
      if (!runbook) {
        report({
          severity: 'warning',
          message: `alert ${alert.name} has no runbook_url: whoever is paged has nowhere to start`,
          hint: "add annotations: { runbook_url: 'https://…' }",
          ...locatedAt(alert, 'annotations'),
        });
      } else if (!linkLike(runbook)) {
        report({
          severity: 'warning',
          message: `alert ${alert.name} has runbook_url ${JSON.stringify(runbook)}, which is no link (http:// or https://): notifications and Grafana show it as text, not as a page to open`,
          hint: "write the runbook's address: runbook_url: 'https://…'",
          ...locatedAt(alert, 'annotations', 'runbook_url'),
        });
      }
      if (/\{\{/.test(alert.annotations['summary'] ?? '')) {
        report({
          severity: 'warning',
          message: `alert ${alert.name} has templating in its summary; the summary is used to group and deduplicate notifications`,
          hint: 'keep the summary constant and move values into the description',
          ...locatedAt(alert, 'annotations', 'summary'),
        });
      }
    }
  },
};

/**
 * An absolute http(s) address, templates read as any text (`https://runbooks/{{ $labels.job }}`);
 * one that starts with a template (`{{ $externalURL }}/…`) is whatever it renders: let through.
 */
function linkLike(text: string): boolean {
  const value = text.trim();
  if (value.startsWith('{{')) return true;
  return /^https?:\/\/[^\s/?#]+/i.test(value.replace(/\{\{[\s\S]*?\}\}/g, 'x'));
}
