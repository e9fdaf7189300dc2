import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { walkRoutes } from '../model/routing.js';
import { againstAlerts, knownAlertLabelNames, mayCarry } from './alertmanager-select.js';
import { didYouMean } from '../suggest.js';

/** `route`, `route.routes[0].routes[1]`: a route as the messages name it. */
export function routeName(position: readonly number[]): string {
  return ['route', ...position.map((i) => `routes[${i}]`)].join('.');
}

/**
 * A `groupBy` label no alert carries. Alertmanager groups by the label's value, empty on every alert:
 * the label splits nothing, so alerts the user meant to keep apart (one notification per cluster)
 * go out together. "Carries" as in alertmanager/inhibit-equal: a static label, or one the expression
 * keeps; an alert whose labels the analysis cannot tell may carry any (quiet). `...` groups by all.
 */
export const alertmanagerGroupByLabel: Check = {
  id: 'alertmanager/group-by-label',
  severity: 'warning',
  description: 'Each `groupBy` label of a route is carried by some alert.',
  run: againstAlerts(({ am, knowledge, context }, report) => {
    if (knowledge.length === 0) return;
    const known = knownAlertLabelNames(context);
    const carried = (label: string) => known.has(label) || knowledge.some((k) => mayCarry(label, k));
    for (const { route, position } of walkRoutes(am.route)) {
      const groupBy = route.groupBy ?? [];
      if (groupBy.includes('...')) continue;
      groupBy.forEach((label, i) => {
        if (carried(label)) return;
        const rest = groupBy.filter(carried);
        const effect = rest.length > 0 ? `the notification groups only by ${rest.join(', ')}` : 'all the alerts of the route go in one notification';
        report({
          message:
            `${routeName(position)}: groupBy label "${label}" is carried by no alert: every alert has it empty, so it splits nothing (${effect}).` +
            didYouMean(label, [...known].filter((n) => n !== label)),
          hint: 'group by labels the alerts carry (rule labels, labels the expressions keep, scrape or external labels), or drop it',
          ...locatedAt(route, `groupBy[${i}]`),
        });
      });
    }
  }),
};
