import { rmSync } from 'node:fs';
import { UsageError, type Diagnostic } from '../diagnostic.js';
import { runPipeline } from '../pipeline.js';
import type { LoadedDefinitions } from '../io/load.js';
import type { Model } from '../model/types.js';
import { writeTemporaryTree } from '../io/write.js';
import type { OutputFile } from '../compile/output.js';
import { PROMETHEUS_CONFIG } from '../compile/prometheus/config.js';
import { ALERTMANAGER_CONFIG } from '../compile/alertmanager/config.js';
import type { ToolReport } from '../report/json.js';
import { INSTALL_HINT, TOOL_ENV, killRunningTools, resolveTool, type Tool, type ToolName } from './tools.js';
import { onInterrupt } from './interrupt.js';
import { checkConfig, checkRules } from './promtool.js';
import { checkAlertmanagerConfig } from './amtool.js';
import { locator } from './locate.js';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../lint/index.js';
import { runLint, type Silenced } from '../lint/run.js';
import { atPropertyLines } from '../io/property-locations.js';
import { testRoutes } from './routing-tests.js';
import { isSimulated, testsRouting } from '../lint/tests-routing.js';
import type { CheckContext } from '../lint/check.js';
import { testRules } from './rule-tests.js';
import { TESTS_DIR, TEST_FILE_SUFFIX } from '../compile/prometheus/tests.js';
import { RULES_DIR } from '../compile/prometheus/rules.js';

export interface ValidateOptions {
  definitions: string;
  /** How long the definitions may take to load (ms). */
  loadTimeoutMs?: number;
  /** A load already under way (startLoading in src/io/load.ts); else the pipeline starts one. */
  loaded?: Promise<LoadedDefinitions>;
  /** Skip promtool and amtool: only the checks totem-mon makes itself. */
  offline: boolean;
  /** Missing test coverage is an error instead of a warning. */
  requireTests?: boolean;
  /** Every warning is an error (an alert that falls to the default route, an unmatched route, …). */
  strict?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Called when a step starts and ends, for progress on a terminal. */
  onStep?: (step: string, state: 'start' | 'end') => void;
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  silenced: Silenced[];
  tools: ToolReport[];
  model?: Model;
  context?: CheckContext;
  /** Routing tests judged by totem-mon's simulation because they have `at` or `alsoFiring` (amtool cannot). */
  simulatedRoutingTests: number;
}

/** The same context with only the routing tests amtool cannot judge. */
function withSimulatedTestsOnly(context: CheckContext): CheckContext {
  const am = context.model.alertmanager;
  if (!am) return context;
  return { ...context, model: { ...context.model, alertmanager: { ...am, tests: am.tests.filter(isSimulated) } } };
}

/** `--strict`: warnings become errors (after every other severity decision). */
function strictly(diagnostics: Diagnostic[], strict: boolean | undefined): Diagnostic[] {
  return strict ? diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)) : diagnostics;
}

async function requireTool(name: ToolName, env: NodeJS.ProcessEnv): Promise<Tool> {
  const tool = await resolveTool(name, env);
  if (!tool) throw new UsageError(`${name} not found (looked at $${TOOL_ENV[name]} and PATH)`, 2, INSTALL_HINT[name]);
  return tool;
}

/** A tool's complaint about a rule whose expression our own syntax check already rejected says nothing new. */
function withoutRepeats(toolFindings: readonly Diagnostic[], ours: readonly Diagnostic[]): Diagnostic[] {
  const syntaxErrors = ours.filter((d) => d.id === 'promql/syntax' && d.path).map((d) => d.path!.join('\0'));
  return toolFindings.filter((t) => !t.path || t.path.length === 0 || !syntaxErrors.some((p) => p.startsWith(t.path!.join('\0'))));
}

/**
 * What a test file costs promtool: its cases (the test file's size) times the rules it loads (its
 * rule file's size); used to spread test files over the cores evenly.
 */
function testWeight(files: readonly OutputFile[]): (file: string) => number {
  const size = new Map(files.map((f) => [f.path, f.content.length]));
  return (file) => (size.get(file) ?? 1) * (size.get(file.replace(/\.test\.yml$/, '.rules.yml')) ?? 1);
}

/**
 * `totem-mon validate`: the pipeline (with every offline check), then the generated files in a
 * temporary folder, checked by the real promtool and amtool in parallel. One list of findings.
 */
export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  // Interrupted (Ctrl-C, CI cancelling the job): the tools' process groups (detached, so the
  // terminal's SIGINT does not reach them) and the temporary folder go before the process does.
  let dir: string | undefined;
  const stopHandling = onInterrupt(() => {
    killRunningTools();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  try {
    return await validateWith(options, (d) => (dir = d));
  } finally {
    stopHandling();
  }
}

async function validateWith(options: ValidateOptions, noteTemporaryDir: (dir: string) => void): Promise<ValidateResult> {
  const env = options.env ?? process.env;
  const step = options.onStep ?? (() => {});
  // A missing tool is a usage error, found before any work.
  const promtool = options.offline ? undefined : await requireTool('promtool', env);

  step('checks', 'start');
  // Besides generate's checks: test coverage (errors with --require-tests, whatever the project's
  // settings say) and, offline, the routing tests judged by our own routing model.
  const checks = [...CHECKS, ...COVERAGE_CHECKS, ...(options.offline ? OFFLINE_TEST_CHECKS : [])];
  const force = options.requireTests ? Object.fromEntries(COVERAGE_CHECKS.map((c) => [c.id, 'error' as const])) : undefined;
  const result = await runPipeline({ definitions: options.definitions, compileWithFindings: true, checks, ...(force ? { force } : {}), ...(options.loadTimeoutMs !== undefined ? { loadTimeoutMs: options.loadTimeoutMs } : {}), ...(options.loaded ? { loaded: options.loaded } : {}) });
  step('checks', 'end');
  const diagnostics = [...result.diagnostics];
  const silenced = [...result.silenced];
  if (result.context && !options.offline) {
    // Online, amtool judges plain routing tests; those with `at`/`alsoFiring` only our simulation can
    // (its ignores are not judged stale here: amtool's findings on the others cannot be silenced).
    const simulated = runLint(withSimulatedTestsOnly(result.context), [testsRouting], { stale: false });
    diagnostics.push(...atPropertyLines(simulated.diagnostics));
    silenced.push(...simulated.silenced);
  }
  const simulatedRoutingTests = (result.model?.alertmanager?.tests ?? []).filter((t) => options.offline || isSimulated(t)).length;
  const known = { ...(result.model ? { model: result.model } : {}), ...(result.context ? { context: result.context } : {}), simulatedRoutingTests };
  if (!result.model || !result.files || options.offline || !promtool) {
    return { diagnostics: strictly(diagnostics, options.strict), silenced, tools: [], ...known };
  }
  const { model, files } = result;
  const hasAlertmanager = files.some((f) => f.path === ALERTMANAGER_CONFIG);
  const amtool = hasAlertmanager ? await requireTool('amtool', env) : undefined;

  const locate = locator(model);
  const ruleFiles = files.map((f) => f.path).filter((p) => p.startsWith(`${RULES_DIR}/`));
  const testFiles = files.map((f) => f.path).filter((p) => p.startsWith(`${TESTS_DIR}/`) && p.endsWith(TEST_FILE_SUFFIX));
  const dir = writeTemporaryTree(files);
  noteTemporaryDir(dir);
  const ran: Record<ToolName, string[]> = { promtool: [], amtool: [] };
  const timed = async (tool: ToolName, name: string, work: () => Promise<Diagnostic[]>) => {
    step(`${tool} ${name}`, 'start');
    ran[tool].push(name);
    const found = await work();
    step(`${tool} ${name}`, 'end');
    return found;
  };
  try {
    const runs: Array<Promise<Diagnostic[]>> = [
      timed('promtool', 'check rules', () => checkRules(promtool, dir, ruleFiles, locate)),
      timed('promtool', 'check config', () => checkConfig(promtool, dir, PROMETHEUS_CONFIG, ruleFiles, locate)),
    ];
    if (testFiles.length > 0) runs.push(timed('promtool', 'test rules', () => testRules(promtool, dir, testFiles, model, locate, testWeight(files))));
    if (amtool) runs.push(timed('amtool', 'check-config', () => checkAlertmanagerConfig(amtool, dir, ALERTMANAGER_CONFIG, locate)));
    const routingTests = (model.alertmanager?.tests ?? []).filter((t) => !isSimulated(t));
    if (amtool && routingTests.length > 0) runs.push(timed('amtool', 'routes test', () => testRoutes(amtool, dir, ALERTMANAGER_CONFIG, routingTests)));
    // Every tool run settles before the tree is removed: a step that throws must not pull the files
    // from under promtool processes still reading them.
    const settled = await Promise.allSettled(runs);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const toolFindings = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
    diagnostics.push(...atPropertyLines(withoutRepeats(toolFindings, diagnostics)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const report = (tool: Tool | undefined, name: ToolName): ToolReport[] =>
    tool ? [{ name, version: tool.version ?? null, path: tool.path, ran: [...ran[name]].sort() }] : [];
  return { diagnostics: strictly(diagnostics, options.strict), silenced, tools: [...report(promtool, 'promtool'), ...report(amtool, 'amtool')], ...known };
}
