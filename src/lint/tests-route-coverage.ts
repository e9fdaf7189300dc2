import type { Check } from './check.js';
import { matchRoutes, walkRoutes, formatMatchers } from '../model/routing.js';
import { locatedAt } from '../model/located.js';

/**
 * amtool has no coverage either: a route that no routing test reaches may send alerts anywhere.
 * Run by `validate` (an error with `--require-tests`), not by `generate`.
 */
export const testsRouteCoverage: Check = {
  id: 'tests/route-coverage',
  severity: 'warning',
  description: 'Every route of the Alertmanager tree is reached by some routing test.',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    const reached = new Set(am.tests.flatMap((t) => matchRoutes(am.route, t.labels).map((m) => m.position.join('.'))));
    for (const { route, position, receiver } of walkRoutes(am.route)) {
      if (reached.has(position.join('.'))) continue;
      const what = position.length === 0 ? 'the root (default) route' : `the route ${formatMatchers(route.matchers) || '(no matchers)'}`;
      report({
        message: `no routing test reaches ${what} → ${receiver}`,
        hint: `add to alertmanager({ tests: [...] }) e.g. { labels: { ${["alertname: '…'", ...route.matchers.map((m) => `${m.label}: '${m.op === '=' ? m.value : '…'}'`)].join(', ')} }, receivers: ['${receiver}'] }`,
        ...locatedAt(route),
      });
    }
  },
};
