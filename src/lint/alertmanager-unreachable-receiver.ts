import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { walkRoutes } from '../model/routing.js';

export const alertmanagerUnreachableReceiver: Check = {
  id: 'alertmanager/unreachable-receiver',
  severity: 'warning',
  description: 'Every receiver is named by some route; otherwise no alert ever reaches it.',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const named = new Set(walkRoutes(am.route).map((r) => r.route.receiver));
    for (const receiver of am.receivers) {
      if (named.has(receiver.name)) continue;
      report({
        message: `receiver ${receiver.name} is not named by any route: no alert reaches it`,
        hint: `route it, e.g. route({ matchers: { severity: 'critical' }, receiver: ${JSON.stringify(receiver.name)} }), or remove it`,
        ...locatedAt(receiver),
      });
    }
  },
};
