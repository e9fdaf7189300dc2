import type { Check } from './check.js';
import type { AlertMatcherModel, RouteModel } from '../model/alertmanager.js';
import { formatMatchers, matcherMatches } from '../model/routing.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, mayMatchAll } from './alertmanager-select.js';

/** Whether every label set that satisfies `b` satisfies `a` too (judged only where it is certain). */
function implied(a: AlertMatcherModel, b: readonly AlertMatcherModel[]): boolean {
  if (a.op === '=~' && a.value === '.*') return true;
  return b.some(
    (m) =>
      m.label === a.label &&
      ((m.op === a.op && m.value === a.value) || (m.op === '=' && matcherMatches(a, { [a.label]: m.value }))),
  );
}

/** `earlier` takes every alert `later` would: it has no matchers, or each of its matchers follows from later's. */
export function takesEverythingOf(earlier: RouteModel, later: RouteModel): boolean {
  return !earlier.continue && earlier.matchers.every((a) => implied(a, later.matchers));
}

const describe = (r: RouteModel) => (r.matchers.length > 0 ? `{${formatMatchers(r.matchers)}}` : '(no matchers)');

/**
 * Siblings are tried in order and the first that matches ends the search unless it has `continue`:
 * a route after one that takes everything it would match is never reached.
 */
export const alertmanagerShadowedRoute: Check = {
  id: 'alertmanager/shadowed-route',
  severity: 'error',
  description: 'A route that an earlier sibling without `continue` makes unreachable.',
  run: againstAlerts(({ am, knowledge }, report) => {
    const visit = (parent: RouteModel, inherited: AlertMatcherModel[], position: string) => {
      parent.routes.forEach((later, j) => {
        const path = [...inherited, ...later.matchers];
        const i = parent.routes.findIndex((earlier, k) => k < j && takesEverythingOf(earlier, later));
        if (i >= 0) {
          const earlier = parent.routes[i]!;
          const lost = knowledge.filter((k) => mayMatchAll(path, k)).map((k) => k.alert.name);
          report({
            message:
              `route ${describe(later)} (${position}routes[${j}]) is never reached: ${position}routes[${i}] ${describe(earlier)} before it ` +
              `takes every alert it would match and has no continue. ${lost.length > 0 ? `It would have taken: ${lost.join(', ')}.` : 'No declared alert would reach it either.'}`,
            hint: `move it before ${position}routes[${i}], narrow routes[${i}]'s matchers, or give routes[${i}] continue: true if both should notify`,
            ...locatedAt(later),
          });
        }
        visit(later, path, `${position}routes[${j}] › `);
      });
    };
    visit(am.route, [], '');
  }),
};
