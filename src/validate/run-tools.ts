import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { Model } from '../model/types.js';
import { writeTemporaryTree } from '../io/write.js';
import type { OutputFile } from '../compile/output.js';
import { PROMETHEUS_CONFIG } from '../compile/prometheus/config.js';
import { ALERTMANAGER_CONFIG } from '../compile/alertmanager/config.js';
import { compileRuleTests, TESTS_DIR, TEST_FILE_SUFFIX } from '../compile/prometheus/tests.js';
import { finished } from '../compile/index.js';
import { RULES_DIR } from '../compile/prometheus/rules.js';
import type { ToolReport } from '../report/json.js';
import { isSimulated } from '../lint/tests-routing.js';
import { killRunningTools, type Tool, type ToolName } from './tools.js';
import { onInterrupt } from './interrupt.js';
import { checkConfig, checkRules, checkRulesParts } from './promtool.js';
import { ruleFilesNamed, withoutRuleFiles, withPlaceholderFiles } from './promtool-config.js';
import { checkAlertmanagerConfig } from './amtool.js';
import { locator } from './locate.js';
import { testRoutes } from './routing-tests.js';
import { testRules } from './rule-tests.js';
import { BLACKBOX_CONFIG } from '../compile/blackbox/index.js';
import { checkBlackboxConfig } from './blackbox.js';
import { locatedAt } from '../model/located.js';
import { EXTRACTED_RULES_DIR, byHandCommand, checkConfigByHand, extractedRuleFiles } from './extracted-rules.js';
import { testWeight } from './test-weight.js';
import { toolScratch, toolTreeParent } from './scratch.js';
import { haveClashingPaths } from '../compile/clashes.js';
import { userPaths, withUserPaths } from './tool-paths.js';

export interface ToolRunInput {
  model: Model;
  /** The generated files (compiled even with findings), written to a temporary folder for the tools. */
  files: readonly OutputFile[];
  /** `promtool test rules`, started already from the model (startRuleTests); else started here. */
  tests?: RuleTestsRun | undefined;
  /** Absent when it cannot judge the target (src/validate/tool-target.ts): no promtool command runs. */
  promtool?: Tool | undefined;
  /** Absent when there is no Alertmanager output. */
  amtool?: Tool | undefined;
  /** Checks the blackbox modules when there are health checks; absent when it is not installed. */
  blackbox?: Tool | undefined;
  /** Called when a tool run starts and ends, for progress on a terminal. */
  onStep?: (step: string, state: 'start' | 'end') => void;
}

export interface ToolRunResult {
  /** The tools' findings, located at the definitions (src/validate/locate.ts). */
  diagnostics: Diagnostic[];
  /** Which tool ran which commands. */
  tools: ToolReport[];
}

/**
 * `work` on the files written to a temporary folder of their own, removed once it is done; the
 * findings it returns name no path of that folder, but the `generated` files' (before placeholders
 * took the place of credential files: src/validate/tool-paths.ts).
 * Interrupted (Ctrl-C, CI cancelling the job): the tools' process groups (detached, so the
 * terminal's SIGINT does not reach them) and the temporary folder go before the process does.
 */
async function inToolTree<T extends { diagnostics: Diagnostic[] }>(tree: readonly OutputFile[], work: (dir: string, scratch: string) => Promise<T>, generated: readonly OutputFile[] = tree): Promise<T> {
  let dir: string | undefined;
  let scratch: string | undefined;
  const removeFolders = () => {
    for (const folder of [dir, scratch]) if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  };
  const stopHandling = onInterrupt(() => {
    killRunningTools();
    removeFolders();
  });
  try {
    // In memory where the tools' scratch files go (src/validate/scratch.ts): a disk's writes and removals wait.
    dir = writeTemporaryTree(tree, toolTreeParent(process.env, tree.reduce((n, f) => n + Buffer.byteLength(f.content), 0)));
    // The tools' TMPDIR, a folder of this run's own: its paths, and no other temporary path, are the tools' scratch files.
    scratch = mkdtempSync(path.join(toolScratch(process.env) ?? os.tmpdir(), TOOL_SCRATCH_PREFIX));
    const done = await work(dir, scratch);
    return { ...done, diagnostics: withUserPaths(done.diagnostics, userPaths(dir, generated, [scratch])) };
  } finally {
    removeFolders();
    stopHandling();
  }
}

/** The start of the name of the tools' scratch folder (their TMPDIR) that each tool run of validate makes. */
export const TOOL_SCRATCH_PREFIX = 'totem-mon-scratch-';

/** The tool, its runs' scratch files in `scratch`. */
function scratching<T extends Tool | undefined>(tool: T, scratch: string): T {
  return (tool === undefined ? undefined : { ...tool, scratch }) as T;
}

/** The rule test files and the rule files they load: what `promtool test rules` reads, and nothing else does. */
const inTestsDir = (file: OutputFile) => file.path.startsWith(`${TESTS_DIR}/`);

export interface RuleTestsRun {
  /** The files it runs on (`prometheus/tests/`), compiled from the model alone. */
  files: readonly OutputFile[];
  findings: Promise<Diagnostic[]>;
}

/**
 * `promtool test rules`, the longest tool run, started before the other files are compiled: the
 * rule test files and the rules they load (src/compile/prometheus/tests.ts) are all it reads, and
 * they depend on the model alone, so they are compiled first (the files profile, compiled in this
 * thread, then takes the same files; the bytes are checked again in runTools) and run from a
 * temporary folder of their own while the rest is compiled and written. Undefined when no rule has
 * a test.
 */
export function startRuleTests(model: Model, promtool: Tool, onStep?: ToolRunInput['onStep']): RuleTestsRun | undefined {
  const files = ruleTestTree(model);
  const testFiles = files.map((f) => f.path).filter((p) => p.endsWith(TEST_FILE_SUFFIX));
  // Two files on one path (two SLOs whose groups share a name), or one file on macOS and Windows:
  // validate runs no tool (src/app/validate.ts).
  if (testFiles.length === 0 || haveClashingPaths(files)) return undefined;
  const findings = inToolTree(files, async (dir, scratch) => {
    onStep?.('promtool test rules', 'start');
    const found = await testRules(scratching(promtool, scratch), dir, testFiles, model, locator(model), testWeight(files));
    onStep?.('promtool test rules', 'end');
    return { diagnostics: found };
  }).then((run) => run.diagnostics);
  findings.catch(() => {}); // awaited in runTools
  return { files, findings };
}

/** The files under `prometheus/tests/` as the files profile compiles them (in their final form), from the model alone. */
export function ruleTestTree(model: Model): OutputFile[] {
  return finished(compileRuleTests(model));
}

/** The files the early `test rules` ran on are those of the full compile, byte for byte (else it tested other files). */
function sameTestFiles(early: readonly OutputFile[], files: readonly OutputFile[]): boolean {
  const compiled = files.filter(inTestsDir);
  const byPath = new Map(early.map((f) => [f.path, f.content]));
  return compiled.length === early.length && compiled.every((f) => byPath.get(f.path) === f.content);
}

/** The generated files in a temporary folder, checked by the real promtool and amtool in parallel. */
export async function runTools(input: ToolRunInput): Promise<ToolRunResult> {
  // The rule groups the other profiles' files hold (PrometheusRule, ruler namespaces) are checked as rule files too;
  // credential and certificate files promtool wants to see are empty placeholders there.
  const files = [...input.files, ...extractedRuleFiles(input.files)];
  const early = input.tests;
  if (early && !sameTestFiles(early.files, files)) {
    await early.findings.catch(() => {});
    throw new Error('internal error: the rule test files compiled first differ from the files compiled after them');
  }
  const rules = input.promtool ? ruleFilesOf(files) : { paths: [], sizes: new Map<string, number>() };
  // Every rule file is checked once: by `check config`, where it checks them all in one process
  // (checkedWithConfig), else by `check rules`, and then `check config` is given prometheus.yml
  // without them. The tests' folder, when its run started already, is in that run's own folder.
  const withConfig = checkedWithConfig(files, rules);
  const placed = withPlaceholderFiles(early ? files.filter((f) => !inTestsDir(f)) : files);
  return inToolTree(
    withConfig ? placed : withoutRuleFiles(placed),
    (dir, scratch) => runToolsIn(dir, { ...input, files, promtool: scratching(input.promtool, scratch), amtool: scratching(input.amtool, scratch), blackbox: scratching(input.blackbox, scratch) }, rules, withConfig),
    files,
  );
}

interface RuleFiles {
  paths: string[];
  /** Bytes of each rule file. */
  sizes: Map<string, number>;
}

/** The rule files promtool checks: those of prometheus.yml and those extracted from the other profiles' files. */
function ruleFilesOf(files: readonly OutputFile[]): RuleFiles {
  const ruleFiles = files.filter((f) => f.path.startsWith(`${RULES_DIR}/`) || f.path.startsWith(`${EXTRACTED_RULES_DIR}/`));
  return { paths: ruleFiles.map((f) => f.path), sizes: new Map(ruleFiles.map((f) => [f.path, Buffer.byteLength(f.content)])) };
}

/**
 * Whether `check config` checks the rule files too: when one `check rules` process would check
 * them all (src/validate/promtool.ts checkRulesParts) and prometheus.yml names every one of them (no
 * rule groups extracted from other profiles' files), a process of their own would only start
 * promtool once more (~40 ms of CPU). Larger sets are checked by `check rules` in parallel batches.
 */
export function checkedWithConfig(files: readonly OutputFile[], rules: RuleFiles = ruleFilesOf(files)): boolean {
  if (rules.paths.length === 0) return false;
  if (checkRulesParts([...rules.sizes.values()].reduce((n, b) => n + b, 0)) > 1) return false;
  const named = new Set(ruleFilesNamed(files));
  return rules.paths.every((p) => named.has(p));
}

async function runToolsIn(dir: string, { model, files, tests: early, promtool, amtool, blackbox, onStep }: ToolRunInput, rules: RuleFiles, withConfig: boolean): Promise<ToolRunResult> {
  const locate = locator(model);
  const { paths: ruleFiles, sizes } = rules;
  const testFiles = promtool ? files.map((f) => f.path).filter((p) => p.startsWith(`${TESTS_DIR}/`) && p.endsWith(TEST_FILE_SUFFIX)) : [];
  const ran: Record<ToolName, string[]> = { promtool: [], amtool: [], 'blackbox-exporter': [] };
  /** Runs one tool command, telling onStep when it starts and ends and noting that it ran. */
  const runAndNote = async (tool: ToolName, command: string, work: () => Promise<Diagnostic[]>) => {
    const step = `${tool} ${command}`;
    onStep?.(step, 'start');
    ran[tool].push(command);
    const found = await work();
    onStep?.(step, 'end');
    return found;
  };
  // `promtool test rules` takes longest by far: it starts first, if not started already (its findings keep their place below).
  if (early) ran.promtool.push('test rules');
  const tests = early ? early.findings : promtool && testFiles.length > 0 ? runAndNote('promtool', 'test rules', () => testRules(promtool, dir, testFiles, model, locate, testWeight(files))) : undefined;
  // A timed-out run's command, repeatable by hand in out/: extracted rule files are made from their files first.
  const byHand = byHandCommand(files);
  const checkRulesOf = (paths: readonly string[], p: Tool) => runAndNote('promtool', 'check rules', () => checkRules(p, dir, paths, locate, (file) => sizes.get(file) ?? 0, byHand));
  const runs: Array<Promise<Diagnostic[]>> = !promtool
    ? []
    : withConfig
    ? [
        runAndNote('promtool', 'check config', async () => {
          const { diagnostics, unchecked } = await checkConfig(promtool, dir, PROMETHEUS_CONFIG, locate, ruleFiles, (stripped) => checkConfigByHand(files, ruleFiles, stripped));
          // A config that does not load leaves its rule files unchecked: `check rules` checks them.
          return unchecked.length === 0 ? diagnostics : [...diagnostics, ...(await checkRulesOf(unchecked, promtool))];
        }),
      ]
    : [checkRulesOf(ruleFiles, promtool), runAndNote('promtool', 'check config', async () => (await checkConfig(promtool, dir, PROMETHEUS_CONFIG, locate, [], (stripped) => checkConfigByHand(files, [], stripped))).diagnostics)];
  if (tests) runs.push(tests);
  if (amtool) runs.push(runAndNote('amtool', 'check-config', () => checkAlertmanagerConfig(amtool, dir, ALERTMANAGER_CONFIG, locate)));
  const firstHealthCheck = model.healthChecks[0];
  if (blackbox && firstHealthCheck) runs.push(runAndNote('blackbox-exporter', 'config check', () => checkBlackboxConfig(blackbox, dir, BLACKBOX_CONFIG, locatedAt(firstHealthCheck))));
  // Routing tests with `at`/`alsoFiring` only totem-mon's simulation can judge (src/lint/tests-routing.ts).
  const routingTests = (model.alertmanager?.tests ?? []).filter((t) => !isSimulated(t));
  if (amtool && routingTests.length > 0) runs.push(runAndNote('amtool', 'routes test', () => testRoutes(amtool, dir, ALERTMANAGER_CONFIG, routingTests)));
  // Every tool run settles before the tree is removed: a step that throws must not pull the files
  // from under promtool processes still reading them.
  const settled = await Promise.allSettled(runs);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const report = (tool: Tool | undefined, name: ToolName): ToolReport[] =>
    tool ? [{ name, version: tool.version ?? null, path: tool.path, ran: [...ran[name]].sort() }] : [];
  return {
    diagnostics: settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : [])),
    tools: [...report(promtool, 'promtool'), ...report(amtool, 'amtool'), ...report(blackbox, 'blackbox-exporter')],
  };
}
