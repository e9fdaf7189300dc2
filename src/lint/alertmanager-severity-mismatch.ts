import type { Check } from './check.js';
import type { AlertMatcherModel } from '../model/alertmanager.js';
import type { Located } from '../model/types.js';
import { formatMatchers } from '../model/routing.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, childRoutes, labelValues } from './alertmanager-select.js';
import { closest } from '../suggest.js';

const LABEL = 'severity';
const LITERAL_ALTERNATION = /^[A-Za-z0-9_.-]+(\|[A-Za-z0-9_.-]+)*$/;

/** The literal severity values a matcher tests (`critical|warning` is two); none for other regexes. */
function testedValues(m: AlertMatcherModel): string[] {
  if (m.label !== LABEL) return [];
  if (m.op === '=' || m.op === '!=') return m.value === '' ? [] : [m.value];
  return LITERAL_ALTERNATION.test(m.value) ? m.value.split('|') : [];
}

/** The value meant: same letters in another case first, then a close spelling. */
function meant(value: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  return list.find((c) => c.toLowerCase() === value.toLowerCase()) ?? closest(value, list);
}

/** The values alert/severity accepts: when one side of a mismatch is one of them, the other is the typo. */
const STANDARD = new Set(['critical', 'warning', 'info']);

const quoted = (values: Iterable<string>) => [...values].sort().map((v) => JSON.stringify(v)).join(', ');

/**
 * Severity values must agree between alerts and the routing tree: `Critical` in a route and
 * `critical` in the alerts is a route no alert reaches and an alert no route takes. Both directions
 * are reported, each at the definition that differs from the others.
 */
export const alertmanagerSeverityMismatch: Check = {
  id: 'alertmanager/severity-mismatch',
  severity: 'error',
  description: 'Severity values tested by routes and inhibit rules are those the alerts carry.',
  run: againstAlerts(({ am, knowledge }, report) => {
    // A templated severity (`{{ if … }}critical{{ else }}warning{{ end }}`) carries the values it renders.
    const valuesOf = (k: (typeof knowledge)[number]) => (k.labels[LABEL] !== undefined ? [k.labels[LABEL]] : (k.templated?.get(LABEL) ?? []));
    const alertValues = new Set(labelValues(LABEL, knowledge));
    if (alertValues.size === 0) return;

    const users: Array<{ what: string; matchers: readonly AlertMatcherModel[]; at: Located }> = [
      ...childRoutes(am.route).map(({ route }) => ({ what: `route {${formatMatchers(route.matchers)}}`, matchers: route.matchers, at: locatedAt(route, 'matchers') })),
      ...am.inhibitRules.flatMap((rule, i) => [
        { what: `inhibitRules[${i}] source {${formatMatchers(rule.sourceMatchers)}}`, matchers: rule.sourceMatchers, at: locatedAt(rule, 'sourceMatchers') },
        { what: `inhibitRules[${i}] target {${formatMatchers(rule.targetMatchers)}}`, matchers: rule.targetMatchers, at: locatedAt(rule, 'targetMatchers') },
      ]),
    ];
    const tested = new Set(users.flatMap((u) => u.matchers.flatMap(testedValues)));
    // One mismatch (`Warning` in an alert, `warning` in a route, neither used elsewhere) is reported
    // once: at the side that is not a standard severity, else at the route.
    const atAlert = (alertValue: string, routeValue: string) => STANDARD.has(routeValue) && !STANDARD.has(alertValue);

    for (const u of users) {
      for (const value of u.matchers.flatMap(testedValues)) {
        if (alertValues.has(value)) continue;
        const near = meant(value, alertValues);
        if (near !== undefined && !tested.has(near) && atAlert(near, value)) continue;
        report({
          message: `${u.what} tests severity "${value}", which no alert carries (the alerts use ${quoted(alertValues)}).${near ? ` Did you mean "${near}"?` : ''}`,
          hint: 'severity values are case-sensitive and must be spelled as in the alerts: use one set of values everywhere',
          ...u.at,
        });
      }
    }
    // An alert whose severity is a variant of what the routing tree tests (`Critical` vs `critical`).
    for (const k of knowledge) {
      for (const value of valuesOf(k)) {
        if (tested.has(value)) continue;
        const near = meant(value, tested);
        if (near === undefined || (!alertValues.has(near) && !atAlert(value, near))) continue;
        report({
          message: `alert ${k.alert.name} has severity "${value}", but the routes and inhibit rules test ${quoted(tested)}: no severity route takes it. Did you mean "${near}"?`,
          hint: 'severity values are case-sensitive and must be spelled as in the routes',
          ...locatedAt(k.alert, 'labels', LABEL),
        });
      }
    }
  }),
};
