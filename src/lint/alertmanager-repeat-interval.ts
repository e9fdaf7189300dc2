import type { Check } from './check.js';
import type { RouteModel } from '../model/alertmanager.js';
import { locatedAt } from '../model/located.js';
import { durationMs } from '../duration.js';
import { routeName } from './alertmanager-group-by-label.js';

/** Alertmanager's route defaults (config.DefaultRouteOpts), inherited by a root that sets none. */
const DEFAULTS = { groupInterval: '5m', repeatInterval: '4h' };

type Setting = { value: string; from: 'here' | 'inherited' | 'default' };

const shown = (name: string, s: Setting) =>
  `${name} ${s.value}${s.from === 'inherited' ? ' (inherited)' : s.from === 'default' ? " (Alertmanager's default)" : ''}`;

/**
 * A repeat interval shorter than the group interval. Alertmanager flushes a group only every group
 * interval and resends when the repeat interval has passed by then: the reminder comes every group
 * interval, not as often as written. Reported on the route that sets one of the two (a child that
 * inherits both is its parent's finding).
 */
export const alertmanagerRepeatInterval: Check = {
  id: 'alertmanager/repeat-interval',
  severity: 'warning',
  description: "A route's repeatInterval (own or inherited) is not shorter than its groupInterval.",
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const visit = (route: RouteModel, position: number[], group: Setting, repeat: Setting) => {
      const g: Setting = route.groupInterval !== undefined ? { value: route.groupInterval, from: 'here' } : { ...group, from: group.from === 'default' ? 'default' : 'inherited' };
      const r: Setting = route.repeatInterval !== undefined ? { value: route.repeatInterval, from: 'here' } : { ...repeat, from: repeat.from === 'default' ? 'default' : 'inherited' };
      const [gMs, rMs] = [durationMs(g.value), durationMs(r.value)];
      if ((g.from === 'here' || r.from === 'here') && gMs !== undefined && rMs !== undefined && rMs < gMs) {
        report({
          message:
            `${routeName(position)}: ${shown('repeatInterval', r)} is shorter than ${shown('groupInterval', g)}: ` +
            `Alertmanager sends a group only at its group interval, so the reminder comes every ${g.value}, not every ${r.value}.`,
          hint: 'make repeatInterval at least groupInterval (a multiple of it: it is rounded up to one)',
          ...locatedAt(route, r.from === 'here' ? 'repeatInterval' : 'groupInterval'),
        });
      }
      route.routes.forEach((child, i) => visit(child, [...position, i], g, r));
    };
    visit(am.route, [], { value: DEFAULTS.groupInterval, from: 'default' }, { value: DEFAULTS.repeatInterval, from: 'default' });
  },
};
