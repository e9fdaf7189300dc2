import type { Check } from './check.js';
import { receiversFor } from '../model/routing.js';
import { locatedAt } from '../model/located.js';

/**
 * Routing tests evaluated by totem-mon's own model of Alertmanager's routing (src/model/routing.ts).
 * `validate --offline` runs this; with the tools, `amtool config routes test` is the judge instead.
 */
export const ROUTING_TEST_HINT =
  'fix the route matchers or the expected receivers (the first matching route wins unless it has continue: true)';

export const testsRouting: Check = {
  id: 'tests/routing',
  severity: 'error',
  description: 'Each routing test reaches exactly the receivers it expects (offline evaluation).',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    for (const test of am.tests) {
      const got = receiversFor(am.route, test.labels);
      if (got.join(',') === test.receivers.join(',')) continue;
      report({
        message: `routing test "${test.name}": expected ${test.receivers.join(', ')}, got ${got.join(', ')}`,
        hint: ROUTING_TEST_HINT,
        ...locatedAt(test),
      });
    }
  },
};
