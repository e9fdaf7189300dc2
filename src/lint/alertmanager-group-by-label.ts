import type { Check } from './check.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { locatedAt } from '../model/located.js';
import { emptyGroupByOverrides, walkRoutes } from '../model/routing.js';
import { againstAlerts, alertsTakenBy, groupedBy, knownAlertLabelNames, mayCarry } from './alertmanager-select.js';
import { didYouMean } from '../suggest.js';
import { reportedAsDropped } from './scrape-dropped-routing.js';

/** `route`, `route.routes[0].routes[1]`: a route as the messages name it. */
export function routeName(position: readonly number[]): string {
  return ['route', ...position.map((i) => `routes[${i}]`)].join('.');
}

/** At most a few alert names, for a message. */
export function alertNames(ks: readonly AlertLabelKnowledge[]): string {
  const names = [...new Set(ks.map((k) => k.alert.name))];
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

/**
 * A `groupBy` label the alerts a route groups do not carry: none of them (any route), or some of
 * those a route with matchers selects (the root and catch-alls group whatever comes, a label some
 * alerts carry is a fine way to split those). Alertmanager groups an alert where a
 * route takes it, by that route's `groupBy` (its parent's when it has none, or before Alertmanager
 * 0.31 an empty one: src/model/routing.ts, effectiveGroupBy), a missing label being
 * empty: the label splits nothing among the alerts without it, so alerts the user meant to keep apart
 * (one notification per database) go out together. Only the alerts that can reach the route (and the
 * routes below it that inherit its groupBy) are judged: `validate`'s routing, with `continue`; a
 * web alert never reaching the database team's route does not need a `database` label. "Carries"
 * as in alertmanager/inhibit-equal: a static label, or one the expression keeps; an alert whose
 * labels the analysis cannot tell may carry any (quiet). `...` groups by all.
 */
export const alertmanagerGroupByLabel: Check = {
  id: 'alertmanager/group-by-label',
  severity: 'warning',
  description: 'Each `groupBy` label of a route is carried by the alerts that reach it.',
  run: againstAlerts(({ am, knowledge, context }, report) => {
    if (knowledge.length === 0) return;
    const known = knownAlertLabelNames(context);
    const emptyOverrides = emptyGroupByOverrides(context.model.versions.alertmanager);
    for (const { route, position } of walkRoutes(am.route)) {
      const groupBy = route.groupBy ?? [];
      if (groupBy.length === 0 || groupBy.includes('...')) continue;
      // No declared alert reaches it: alertmanager/unmatched-route and shadowed-route say why.
      const reaching = alertsTakenBy(context, groupedBy(route, emptyOverrides));
      if (reaching.length === 0) continue;
      const carriedByAll = (label: string) => reaching.every((k) => mayCarry(label, k));
      groupBy.forEach((label, i) => {
        const lacking = reaching.filter((k) => !mayCarry(label, k));
        if (lacking.length === 0) return;
        // Removed by the scrape jobs from every alert's series: scrape/dropped-label names the rule.
        if (reportedAsDropped(context, route, 'groupBy', label)) return;
        const where = locatedAt(route, `groupBy[${i}]`);
        // A route without matchers (the root, a catch-all) groups whatever comes: a label some of
        // its alerts carry is a fine way to split those. One that selects its alerts is judged on each.
        if (lacking.length < reaching.length && route.matchers.length === 0) return;
        if (lacking.length === reaching.length) {
          const rest = groupBy.filter((l) => l !== label && reaching.some((k) => mayCarry(l, k)));
          const effect = rest.length > 0 ? `the notification groups only by ${rest.join(', ')}` : 'all the alerts of the route go in one notification';
          report({
            message:
              `${routeName(position)}: groupBy label "${label}" is carried by no alert that reaches it (${alertNames(reaching)}): every one has it empty, so it splits nothing (${effect}).` +
              didYouMean(label, [...known].filter((n) => n !== label)),
            hint: 'group by labels the alerts carry (rule labels, labels the expressions keep, scrape or external labels), or drop it',
            ...where,
          });
          return;
        }
        const others = groupBy.filter((l) => l !== label && carriedByAll(l));
        const one = new Set(lacking.map((k) => k.alert.name)).size === 1;
        report({
          message:
            `${routeName(position)}: groupBy label "${label}" is missing on ${alertNames(lacking)}, which ${one ? 'reaches' : 'reach'} the route: ` +
            `${one ? 'its alerts have' : 'they have'} it empty, so they go in one notification${others.length > 0 ? ` per ${others.join(', ')}` : ''}, whatever ${label} they were meant to be told apart by.`,
          hint: `keep "${label}" in those alerts (a rule label, or sum by (${label}, …) in the expression), narrow the route's matchers so they do not reach it, or give them a route of their own`,
          ...where,
        });
      });
    }
  }),
};
