import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { walkRoutes } from '../model/routing.js';
import { alertLabelKnowledge, anyAlertReaches } from './alertmanager-select.js';
import { routeName } from './alertmanager-group-by-label.js';

/**
 * A receiver no alert reaches: no route names it, or (when the project declares alerts) the routes
 * that name it take none of them (the root's, the default, aside), as `validate` routes an alert (matchers, order, `continue`, the
 * receiver inherited; a label from the expression may hold any value).
 */
export const alertmanagerUnreachableReceiver: Check = {
  id: 'alertmanager/unreachable-receiver',
  severity: 'warning',
  description: 'Every receiver is named by some route that some declared alert can reach; otherwise no alert ever reaches it.',
  run(context, report) {
    const am = context.model.alertmanager;
    if (!am) return;
    const routes = walkRoutes(am.route);
    const declared = alertLabelKnowledge(context).length > 0;
    for (const receiver of am.receivers) {
      const naming = routes.filter((r) => r.route.receiver === receiver.name);
      if (naming.length === 0) {
        report({
          message: `receiver ${receiver.name} is not named by any route: no alert reaches it`,
          hint: `route it, e.g. route({ matchers: { severity: 'critical' }, receiver: ${JSON.stringify(receiver.name)} }), or remove it`,
          ...locatedAt(receiver),
        });
        continue;
      }
      // The root's receiver is the default, there for the alerts nobody declared here.
      if (!declared || am.route.receiver === receiver.name || anyAlertReaches(context, receiver.name)) continue;
      report({
        message:
          `receiver ${receiver.name} is named by ${naming.map((r) => routeName(r.position)).join(', ')}, but no declared alert reaches ${naming.length > 1 ? 'them' : 'it'}: ` +
          'an earlier route takes every alert it would match, or its matchers match none',
        hint: 'fix the route (see alertmanager/unmatched-route and alertmanager/shadowed-route), or remove the receiver if nothing should reach it',
        ...locatedAt(receiver),
      });
    }
  },
};
