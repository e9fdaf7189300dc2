import type { Check } from './check.js';
import { didYouMean } from '../suggest.js';
import { locatedAt } from '../model/located.js';
import { walkRoutes } from '../model/routing.js';

export const alertmanagerUnknownReceiver: Check = {
  id: 'alertmanager/unknown-receiver',
  severity: 'error',
  description: 'Every route names a receiver that is defined (Alertmanager refuses the config otherwise).',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const names = am.receivers.map((r) => r.name);
    for (const { route, position } of walkRoutes(am.route)) {
      if (route.receiver === undefined || names.includes(route.receiver)) continue;
      const which = position.length === 0 ? 'the root route' : 'a route';
      report({
        message: `${which} names receiver ${JSON.stringify(route.receiver)}, which is not defined.${didYouMean(route.receiver, names)}`,
        hint: `defined receivers: ${names.join(', ')}; add receiver({ name: ${JSON.stringify(route.receiver)}, … }) to receivers or fix the name`,
        ...locatedAt(route, 'receiver'),
      });
    }
  },
};
