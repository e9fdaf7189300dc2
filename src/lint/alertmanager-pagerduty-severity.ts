import type { Check } from './check.js';
import { eachNotifier } from './alertmanager-notifiers.js';
import { alerts } from '../model/select.js';
import { literalOutcomes } from './alertmanager-templates.js';

/** PagerDuty Events API v2 `payload.severity`: anything else is refused with HTTP 400. */
const ALLOWED = ['critical', 'error', 'warning', 'info'];
const LABEL_REFERENCE = /^\{\{-?\s*\.(?:CommonLabels|GroupLabels)\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}$/;
const HINT = `PagerDuty accepts only ${ALLOWED.join(', ')} (lowercase), or a template that yields one of them`;

export const alertmanagerPagerdutySeverity: Check = {
  id: 'alertmanager/pagerduty-severity',
  severity: 'error',
  description: 'PagerDuty severity is critical, error, warning or info (or a template that can only yield those).',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    eachNotifier(am, 'pagerduty', (config, place) => {
      const text = config.severity;
      // Events API v1 (serviceKey) has no severity; Alertmanager's default ("error") is fine.
      if (text === undefined || config.routingKeyFile === undefined) return;
      const where = place.where('severity');
      const at = place.at('severity');
      const label = LABEL_REFERENCE.exec(text.trim())?.[1];
      if (label !== undefined) {
        // The severity comes from an alert label: every value the alert rules give it must be allowed.
        // A templated label (`{{ if … }}critical{{ else }}warning{{ end }}`): each value it renders.
        const valuesOf = (text: string | undefined) => (text === undefined ? [] : text.includes('{{') ? (literalOutcomes(text) ?? []) : [text]);
        const bad = alerts(model).flatMap((a) => valuesOf(a.labels[label]).filter((v) => !ALLOWED.includes(v)).map((value) => ({ name: a.name, value })));
        for (const value of [...new Set(bad.map((b) => b.value))]) {
          const names = [...new Set(bad.filter((b) => b.value === value).map((b) => b.name))];
          report({
            message: `${where} is the alerts' ${label} label, and alert${names.length > 1 ? 's' : ''} ${names.join(', ')} set ${label}="${value}", which PagerDuty refuses (allowed: ${ALLOWED.join(', ')})`,
            hint: `map it in the template, e.g. {{ if eq .CommonLabels.${label} "${value}" }}critical{{ else }}{{ .CommonLabels.${label} }}{{ end }}, or change the alerts' ${label}`,
            ...at,
          });
        }
        return;
      }
      const outcomes = text.includes('{{') ? literalOutcomes(text) : [text];
      for (const value of outcomes ?? []) {
        if (ALLOWED.includes(value)) continue;
        const lower = ALLOWED.includes(value.toLowerCase()) ? ` (write it lowercase: "${value.toLowerCase()}")` : '';
        const from = text.indexOf(value);
        report({
          message: `${where} ${JSON.stringify(value)} is not a PagerDuty severity${lower}: PagerDuty refuses the event (allowed: ${ALLOWED.join(', ')})`,
          hint: HINT,
          ...at,
          excerpt: { text, from, to: from + value.length },
        });
      }
    });
  },
};
