import type { Check, Finding } from './check.js';
import { receiversFor } from '../model/routing.js';
import { locatedAt } from '../model/located.js';
import type { RoutingTestModel } from '../model/alertmanager.js';

export const ROUTING_TEST_HINT =
  'fix the route matchers or the expected receivers (the first matching route wins unless it has continue: true)';

/** A routing test that reached other receivers, as reported here and by validate's amtool run. */
export function routingTestMismatch(test: RoutingTestModel, got: readonly string[]): Finding {
  return {
    message: `routing test "${test.name}": expected ${test.receivers.join(', ')}, got ${got.length > 0 ? got.join(', ') : '(nothing)'}`,
    hint: ROUTING_TEST_HINT,
    ...locatedAt(test),
  };
}

/**
 * Routing tests evaluated by totem-mon's own model of Alertmanager's routing (src/model/routing.ts).
 * `validate --offline` runs this; with the tools, `amtool config routes test` is the judge instead.
 */
export const testsRouting: Check = {
  id: 'tests/routing',
  severity: 'error',
  description: 'Each routing test reaches exactly the receivers it expects (offline evaluation).',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    for (const test of am.tests) {
      const got = receiversFor(am.route, test.labels);
      if (got.join(',') !== test.receivers.join(',')) report(routingTestMismatch(test, got));
    }
  },
};
