import os from 'node:os';
import type { Diagnostic } from '../diagnostic.js';
import type { RoutingTestModel } from '../model/alertmanager.js';
import { runTool, type Tool } from './tools.js';
import { ROUTING_TEST_HINT, routingTestMismatch } from '../lint/tests-routing.js';
import { locatedAt } from '../model/located.js';
import { formatMatcher } from '../model/routing.js';

const ID = 'amtool/routes-test';

/**
 * Labels as amtool takes them: `k="v"` arguments (its matcher parser trims an unquoted value, refuses
 * a `"` in it and reads `\n` as a newline), sorted for a stable command line; a UTF-8 name quoted
 * too (`"k8s.namespace"="shop"`, amtool 0.27 and later: formatMatcher).
 */
export function labelArgs(labels: Readonly<Record<string, string>>): string[] {
  return Object.keys(labels)
    .sort()
    .map((k) => formatMatcher({ label: k, op: '=', value: labels[k]! }));
}

async function runOne(tool: Tool, cwd: string, configFile: string, test: RoutingTestModel): Promise<Diagnostic[]> {
  const args = ['config', 'routes', 'test', `--config.file=${configFile}`, `--verify.receivers=${test.receivers.join(',')}`, ...labelArgs(test.labels)];
  const run = await runTool(tool, args, { cwd, collector: 'start-bound' });
  if (run.exitCode === 0 && !run.timedOut) return [];
  if (run.timedOut) {
    return [{ id: ID, severity: 'error', message: `routing test "${test.name}": \`${run.command}\` timed out`, hint: ROUTING_TEST_HINT, ...locatedAt(test) }];
  }
  // amtool prints the receivers it resolved (`a,b`) on the first line that is not a warning.
  const line = run.output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !/^warning/i.test(l));
  return [{ id: ID, severity: 'error', ...routingTestMismatch(test, line ? line.split(',') : []) }];
}

/**
 * How many `routes test` runs are under way at once: more than the cores. Each is a short amtool
 * start-up (~20 ms, ~19 MB), and one waiting for a slot is started by this thread, which is busy
 * with the checks meanwhile (they run synchronously while the tools work): with two slots, Totem's
 * last three runs waited for the checks to end, ~0.1-0.4 s after the first two.
 */
export const ROUTES_AT_ONCE = Math.max(8, os.availableParallelism());

/**
 * `amtool config routes test --verify.receivers` for every routing test, up to `slots` at a time:
 * each run starts as soon as one ends (waves waited for their slowest run). The findings come in
 * the tests' order.
 */
export async function testRoutes(tool: Tool, cwd: string, configFile: string, tests: readonly RoutingTestModel[], slots = ROUTES_AT_ONCE): Promise<Diagnostic[]> {
  const found: Diagnostic[][] = [];
  let next = 0;
  const slot = async () => {
    while (next < tests.length) {
      const i = next++;
      found[i] = await runOne(tool, cwd, configFile, tests[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(slots, tests.length)) }, slot));
  return found.flat();
}
