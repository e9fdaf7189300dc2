import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { walkRoutes } from '../model/routing.js';

/** A time interval no route names: dead configuration, often a route that lost its muteTimeIntervals. */
export const alertmanagerUnusedTimeInterval: Check = {
  id: 'alertmanager/unused-time-interval',
  severity: 'warning',
  description: 'Every time interval is named by some route (muteTimeIntervals or activeTimeIntervals).',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const used = new Set(walkRoutes(am.route).flatMap(({ route }) => [...route.muteTimeIntervals, ...route.activeTimeIntervals]));
    for (const interval of am.timeIntervals) {
      if (used.has(interval.name)) continue;
      report({
        message: `time interval ${interval.name} is used by no route (muteTimeIntervals, activeTimeIntervals): it changes nothing.`,
        hint: `name it on the routes it should mute (muteTimeIntervals: ['${interval.name}']) or make active (activeTimeIntervals), or remove it`,
        ...locatedAt(interval),
      });
    }
  },
};
