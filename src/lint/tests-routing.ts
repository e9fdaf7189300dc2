import type { Check, Finding } from './check.js';
import { locatedAt } from '../model/located.js';
import type { AlertmanagerModel, RoutingTestModel } from '../model/alertmanager.js';
import { notify, type NotifyOutcome } from '../model/notify.js';
import { formatMatchers } from '../model/routing.js';

export const ROUTING_TEST_HINT =
  'fix the route matchers or the expected receivers (the first matching route wins unless it has continue: true)';

/** What amtool cannot judge: a test with an instant or with company is judged by our simulation. */
export function isSimulated(test: RoutingTestModel): boolean {
  return test.at !== undefined || test.alsoFiring.length > 0;
}

export const SIMULATION_NOTE = "judged by totem-mon's simulation of Alertmanager 0.25: amtool ignores inhibition and time intervals";

function list(receivers: readonly string[]): string {
  return receivers.length > 0 ? receivers.join(', ') : '(nobody)';
}

/** A routing test that reached other receivers, as reported here and by validate's amtool run. */
export function routingTestMismatch(test: RoutingTestModel, got: readonly string[], outcome?: NotifyOutcome): Finding {
  const because: string[] = [];
  if (outcome?.inhibition) {
    const { rule, index, source } = outcome.inhibition;
    const shown = source.alert ? rule.equal : Object.keys(source.labels);
    const labels = formatMatchers(shown.map((label) => ({ label, op: '=' as const, value: source.labels[label] ?? '' })));
    const who = source.alert ? `${source.alert}${labels ? ` {${labels}}` : ''}` : `{${labels}}`;
    because.push(
      `inhibited by inhibitRules[${index}] {${formatMatchers(rule.sourceMatchers)}} → {${formatMatchers(rule.targetMatchers)}}` +
        `${rule.equal.length > 0 ? ` equal [${rule.equal.join(', ')}]` : ''} while ${who} fires`,
    );
  }
  for (const m of outcome?.muted ?? []) because.push(`route → ${m.receiver} muted: ${m.why}`);
  if (outcome && outcome.routed.join(',') !== got.join(',')) because.push(`routed to ${list(outcome.routed)}`);
  const expectedNobody = test.receivers.length === 0;
  return {
    message:
      `routing test "${test.name}": expected ${expectedNobody ? '(nobody)' : test.receivers.join(', ')}, got ${got.length > 0 ? got.join(', ') : '(nothing)'}` +
      `${because.length > 0 ? ` (${because.join('; ')})` : ''}${outcome && isSimulated(test) ? ` [${SIMULATION_NOTE}]` : ''}`,
    hint: isSimulated(test)
      ? 'fix the routes, inhibit rules or time intervals, or the expectation (receivers: [] means nobody is notified)'
      : ROUTING_TEST_HINT,
    ...locatedAt(test),
  };
}

/** Judges one routing test with the simulation; a finding when the receivers differ. */
export function judgeRoutingTest(am: AlertmanagerModel, test: RoutingTestModel): Finding | undefined {
  const outcome = notify(am, test.labels, test.alsoFiring, test.atMs !== undefined ? new Date(test.atMs) : undefined);
  if (outcome.receivers.join(',') === test.receivers.join(',')) return undefined;
  return routingTestMismatch(test, outcome.receivers, outcome);
}

/**
 * Routing tests evaluated by totem-mon's own model of Alertmanager (src/model/routing.ts, notify.ts).
 * `validate --offline` runs this on every test; with the tools, amtool judges the plain routing tests
 * and this check judges those with `at` or `alsoFiring` (amtool cannot).
 */
export const testsRouting: Check = {
  id: 'tests/routing',
  severity: 'error',
  description: 'Each routing test notifies exactly the receivers it expects (routing, inhibition, time intervals).',
  run({ model }, report) {
    const am = model.alertmanager;
    if (!am) return;
    for (const test of am.tests) {
      const finding = judgeRoutingTest(am, test);
      if (finding) report(finding);
    }
  },
};
