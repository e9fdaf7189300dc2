import type { Diagnostic } from '../diagnostic.js';
import type { Model, RuleModel } from '../model/types.js';
import { testName } from '../compile/prometheus/tests.js';
import { runOverFiles } from './promtool.js';
import { parseToolOutput } from './tool-output.js';
import { toolDiagnostics } from './tool-diagnostics.js';
import type { Locator } from './locate.js';
import type { Tool, ToolRun } from './tools.js';
import { locatedAt } from '../model/located.js';
import { parseTestFailures, type CaseFailure } from './rule-test-output.js';

const ID = 'promtool/test-rules';

function casesByName(model: Model): Map<string, { rule: RuleModel; caseName: string }> {
  const map = new Map<string, { rule: RuleModel; caseName: string }>();
  for (const group of model.ruleGroups) {
    for (const rule of group.rules) {
      for (const t of rule.tests) {
        const name = testName(rule, t);
        if (!map.has(name)) map.set(name, { rule, caseName: t.name });
      }
    }
  }
  return map;
}

const HINT = {
  alert: "promtool evaluated the rule on the case's input series; fix the rule or the expectation (labels and annotations are compared whole)",
  record: "promtool evaluated the recording rule (and the recording rules it reads) on the case's input series; fix the rule or the expected samples",
};

function describe(failure: CaseFailure, caseName: string): string {
  const head = `test case "${caseName}" failed at ${failure.at}`;
  if (failure.error !== undefined) return `${head}: ${failure.error}`;
  return `${head}:\n    expected: ${failure.expected}\n    got:      ${failure.got}`;
}

/** One finding per failed case, at the rule's test case, with what promtool expected and got. */
export function ruleTestDiagnostics(run: ToolRun, files: readonly string[], model: Model, locate: Locator): Diagnostic[] {
  if (run.exitCode === 0 || run.timedOut) return toolDiagnostics(ID, run, [], locate);
  const failures = parseTestFailures(run.stderr);
  if (failures.length === 0) {
    // Not a failed case (a rule file that does not load, a bad test file): promtool's own message,
    // at the rule it names. Its progress lines (`Unit Testing: …`) are on stdout, findings on stderr.
    const named = [...files, ...files.map((f) => f.replace(/\.test\.yml$/, '.rules.yml'))];
    return toolDiagnostics(ID, run, parseToolOutput(run.stderr.trim() !== '' ? run.stderr : run.output, named, files[0]!), locate);
  }
  const cases = casesByName(model);
  return failures.map((failure): Diagnostic => {
    const known = failure.name !== undefined ? cases.get(failure.name) : undefined;
    return {
      id: ID,
      severity: 'error',
      message: describe(failure, known?.caseName ?? failure.name ?? '?'),
      ...(known ? locatedAt(known.rule, 'tests', known.caseName) : {}),
      hint: HINT[known?.rule.kind ?? 'alert'],
    };
  });
}

/** `promtool test rules` on the generated test files, in parallel batches of similar weight, one per core. */
export async function testRules(
  tool: Tool,
  cwd: string,
  files: readonly string[],
  model: Model,
  locate: Locator,
  weight?: (file: string) => number,
): Promise<Diagnostic[]> {
  const runs = await runOverFiles(tool, ['test', 'rules'], cwd, files, weight);
  return runs.flatMap(({ batch, run }) => ruleTestDiagnostics(run, batch, model, locate));
}
