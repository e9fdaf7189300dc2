import type { Diagnostic } from '../diagnostic.js';
import type { AlertModel, Model } from '../model/types.js';
import { testName } from '../compile/prometheus/tests.js';
import { runOverFiles } from './promtool.js';
import { parseToolOutput } from './tool-output.js';
import { toolDiagnostics } from './tool-diagnostics.js';
import type { Locator } from './locate.js';
import type { Tool, ToolRun } from './tools.js';
import { locatedAt } from '../model/located.js';

const ID = 'promtool/test-rules';

/**
 * A failed case, as promtool 2.42 prints it:
 *
 *     name: HighErrorRate › 5% errors does not fire,
 *     alertname: HighErrorRate, time: 10m,
 *         exp:[],
 *         got:[ 0: Labels:{…} Annotations:{…} ]
 */
const FAILED_CASE = /^\s*name: (.*),\s*$/m;

interface CaseFailure {
  name: string;
  details: string;
}

export function parseTestFailures(output: string): CaseFailure[] {
  const parts = output.split(FAILED_CASE);
  const failures: CaseFailure[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    failures.push({ name: parts[i]!, details: parts[i + 1] ?? '' });
  }
  return failures;
}

/** `exp:[…], got:[…]` rewritten as two readable blocks: expected vs got. */
function describeFailure(details: string): { when: string; expected: string; got: string } {
  const when = /time: ([^,\s]+)/.exec(details)?.[1] ?? '?';
  const body = details.replace(/^\s*alertname: .*$/m, '');
  const [, exp = '', got = ''] = /exp:\[([\s\S]*?)\],\s*got:\[([\s\S]*?)\]\s*$/.exec(body.trim()) ?? [];
  const tidy = (s: string) => {
    const lines = s.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d+:$/.test(l));
    return lines.length === 0 ? 'no alert' : lines.join('\n      ');
  };
  return { when, expected: tidy(exp), got: tidy(got) };
}

function casesByName(model: Model): Map<string, { alert: AlertModel; caseName: string }> {
  const map = new Map<string, { alert: AlertModel; caseName: string }>();
  for (const group of model.ruleGroups) {
    for (const rule of group.rules) {
      if (rule.kind !== 'alert') continue;
      for (const t of rule.tests) map.set(testName(rule, t), { alert: rule, caseName: t.name });
    }
  }
  return map;
}

function runDiagnostics(run: ToolRun, files: readonly string[], model: Model, locate: Locator): Diagnostic[] {
  if (run.exitCode === 0 || run.timedOut) return toolDiagnostics(ID, run, [], locate);
  const cases = casesByName(model);
  const failures = parseTestFailures(run.output);
  if (failures.length === 0) return toolDiagnostics(ID, run, parseToolOutput(run.output, files, files[0]!), locate);
  return failures.map((failure): Diagnostic => {
    const known = cases.get(failure.name);
    const { when, expected, got } = describeFailure(failure.details);
    return {
      id: ID,
      severity: 'error',
      message: `test case "${known?.caseName ?? failure.name}" failed at ${when}:\n    expected: ${expected}\n    got:      ${got}`,
      ...(known ? locatedAt(known.alert, 'tests', known.caseName) : {}),
      hint: 'promtool evaluated the rule on the case\'s input series; fix the rule or the expectation (labels and annotations are compared whole)',
    };
  });
}

/** `promtool test rules` on the generated test files, in parallel batches up to the core count. */
export async function testRules(tool: Tool, cwd: string, files: readonly string[], model: Model, locate: Locator): Promise<Diagnostic[]> {
  const runs = await runOverFiles(tool, ['test', 'rules'], cwd, files);
  return runs.flatMap(({ batch, run }) => runDiagnostics(run, batch, model, locate));
}
