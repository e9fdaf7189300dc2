import type { Diagnostic } from '../diagnostic.js';
import type { LoadedDefinitions } from '../io/load.js';
import { atPropertyLines } from '../io/property-locations.js';
import type { Model } from '../model/types.js';
import type { OutputFile } from '../compile/output.js';
import type { ProjectSettings } from '../model/settings.js';
import { ALERTMANAGER_CONFIG } from '../compile/alertmanager/config.js';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../lint/index.js';
import { runLint, type Silenced } from '../lint/run.js';
import { isSimulated, testsRouting } from '../lint/tests-routing.js';
import type { CheckContext } from '../lint/check.js';
import type { ToolReport } from '../report/json.js';
import { INSTALL_HINT, lookUpTools, required, TOOL_ENV, type Tool, type ToolLookup } from '../validate/tools.js';
import type { TargetVersions } from '../api/versions.js';
import { supportedVersion } from '../model/version-facts.js';
import { BLACKBOX_CONFIG } from '../compile/blackbox/index.js';
import { locatedAt } from '../model/located.js';
import { runTools, startRuleTests, type RuleTestsRun, type ToolRunResult } from '../validate/run-tools.js';
import { fromDefinitions } from './stages.js';
import { filesForTools } from './outputs.js';
import { isResourceFile } from '../compile/kubernetes/resource.js';
import { haveClashingPaths, pathClashes } from '../compile/clashes.js';
import { tooOld, type ToolTooOld } from '../validate/tool-target.js';
import { outputOwners } from '../lint/output-owners.js';

export interface ValidateOptions {
  definitions: string;
  /** What totem-mon.config.ts sets (src/app/config.ts). */
  settings?: ProjectSettings;
  /** How long the definitions may take to load (ms). */
  loadTimeoutMs?: number;
  /** A load already under way (startLoading in src/io/load.ts); else one is started here. */
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
  /** The tools, looked up already (the CLI starts it with the loader process); else looked up here. Ignored offline. */
  tools?: ToolLookup;
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  silenced: Silenced[];
  tools: ToolReport[];
  model?: Model;
  context?: CheckContext;
  /** Routing tests judged by totem-mon's simulation because they have `at` or `alsoFiring` (amtool cannot), or all of them when amtool does not run. */
  simulatedRoutingTests: number;
  /**
   * The tools validate did not run because they are older than the target the project or config
   * sets, or than the oldest release totem-mon supports, or whose `--version` said no release
   * (src/validate/tool-target.ts): a usage error
   * (exit 2), like a missing tool, reported
   * after the offline checks' findings.
   */
  toolsTooOld: ToolTooOld[];
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

/** A tool's complaint about a rule whose expression our own syntax check already rejected says nothing new. */
function withoutRepeats(toolFindings: readonly Diagnostic[], ours: readonly Diagnostic[]): Diagnostic[] {
  const syntaxErrors = ours.filter((d) => d.id === 'promql/syntax' && d.path).map((d) => d.path!.join('\0'));
  return toolFindings.filter((t) => !t.path || t.path.length === 0 || !syntaxErrors.some((p) => p.startsWith(t.path!.join('\0'))));
}

/** The supported versions the installed promtool, amtool and blackbox exporter stand for (none when a tool is missing or says nothing we read). */
async function installed(tools: ToolLookup): Promise<TargetVersions> {
  const [p, a, b] = await Promise.all([tools.promtool.catch(() => undefined), tools.amtool, tools.blackbox]);
  const prometheus = supportedVersion('prometheus', p?.version);
  const alertmanager = supportedVersion('alertmanager', a?.version);
  const blackbox = supportedVersion('blackbox', b?.version);
  return { ...(prometheus ? { prometheus } : {}), ...(alertmanager ? { alertmanager } : {}), ...(blackbox ? { blackbox } : {}) };
}

/**
 * `totem-mon validate`: every stage (with every offline check), then the generated files checked
 * by the real promtool and amtool (src/validate/). One list of findings.
 */
export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const env = options.env ?? process.env;
  const step = options.onStep ?? (() => {});
  // A missing promtool is a usage error (whatever the definitions hold); the tools' `--version`s run
  // while the definitions load (each once: src/validate/tools.ts lookUpTools), and a missing
  // promtool is awaited before anything is reported.
  const lookup = options.offline ? undefined : (options.tools ?? lookUpTools(env));

  // The versions of the tools that run are the target where nothing else sets one (src/model/versions.ts):
  // the stages await them once the definitions passed the schema check and the model is built.
  const installedVersions = lookup ? installed(lookup) : undefined;
  installedVersions?.catch(() => {}); // awaited there, unless the definitions do not get that far

  step('checks', 'start');
  // Besides generate's checks: test coverage (errors with --require-tests, whatever the project's
  // settings say) and, offline, the routing tests judged by our own routing model.
  const checks = [...CHECKS, ...COVERAGE_CHECKS, ...(options.offline ? OFFLINE_TEST_CHECKS : [])];
  const force = options.requireTests ? Object.fromEntries(COVERAGE_CHECKS.map((c) => [c.id, 'error' as const])) : undefined;
  // `promtool test rules` starts on the rule test files as soon as the model is built (compiled
  // first: src/validate/run-tools.ts startRuleTests), the other tools on the compiled files while
  // the checks run (compiled before them: src/app/stages.ts onFiles).
  let tests: Promise<RuleTestsRun | undefined> | undefined;
  let started: Promise<StartedTools | undefined> | undefined;
  const onModel = (model: Model) => {
    if (!lookup) return;
    // A promtool older than the target runs nothing (src/validate/tool-target.ts).
    tests = lookup.promtool.then((promtool) => (tooOld(promtool, model.versions) ? undefined : startRuleTests(model, promtool, step))).catch(() => undefined);
  };
  const onFiles = (compiled: OutputFile[], model: Model) => {
    if (!lookup || haveClashingPaths(compiled)) return;
    started = startTools(lookup, model, compiled, step, tests);
    started.catch(() => {}); // awaited below
  };
  const result = await fromDefinitions({
    definitions: options.definitions,
    compileWithFindings: true,
    onModel,
    onFiles,
    checks,
    ...(force ? { force } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(installedVersions ? { installedVersions } : {}),
    ...(options.loadTimeoutMs !== undefined ? { loadTimeoutMs: options.loadTimeoutMs } : {}),
    ...(options.loaded ? { loaded: options.loaded } : {}),
  });
  step('checks', 'end');
  const promtool = await lookup?.promtool;
  const diagnostics = [...result.diagnostics];
  const silenced = [...result.silenced];
  // The tools older than the target the project or config sets, or than totem-mon supports, run nothing; validate says so (exit 2).
  const toolsTooOld = result.model && result.files && lookup && promtool && !haveClashingPaths(result.files) ? await olderThanTarget(lookup, result.model, result.files) : [];
  const amtoolTooOld = toolsTooOld.some((t) => t.name === 'amtool');
  if (result.context && !options.offline) {
    // Online, amtool judges plain routing tests; those with `at`/`alsoFiring` only our simulation can
    // (its ignores are not judged stale here: amtool's findings on the others cannot be silenced).
    // An amtool older than the target runs none: the simulation judges them all, as offline.
    const simulated = runLint(amtoolTooOld ? result.context : withSimulatedTestsOnly(result.context), [testsRouting], { stale: false });
    diagnostics.push(...atPropertyLines(simulated.diagnostics));
    silenced.push(...simulated.silenced);
  }
  // Every generated Kubernetes resource against its operator's CRD schema (offline too: no tool runs).
  if (result.files?.some(isResourceFile)) {
    step('kubernetes schemas', 'start');
    // Imported only here: the schemas' validator (ajv) costs every other project's validate nothing.
    const { checkResources, CrdSchemas, CRDS_ENV, SHIPPED_CRDS } = await import('../validate/kubernetes-schema.js');
    diagnostics.push(...atPropertyLines(checkResources(result.files, new CrdSchemas(env[CRDS_ENV] || SHIPPED_CRDS))));
    step('kubernetes schemas', 'end');
  }
  const simulatedRoutingTests = (result.model?.alertmanager?.tests ?? []).filter((t) => options.offline || amtoolTooOld || isSimulated(t)).length;
  const known = { ...(result.model ? { model: result.model } : {}), ...(result.context ? { context: result.context } : {}), simulatedRoutingTests, toolsTooOld };
  // Two files on one path, or on paths one file on macOS and Windows (reported as output/path-clash
  // or by the checks): no tool runs on a tree that lost one, or that such a disk could not hold.
  if (!result.model || !result.files || !lookup || !promtool || haveClashingPaths(result.files)) {
    await started?.catch(() => {}); // not before its temporary tree is gone
    await (await tests)?.findings.catch(() => {}); // nor the tests' own
    return { diagnostics: strictly(diagnostics, options.strict), silenced, tools: [], ...known };
  }
  const { model } = result;
  const ran = await (started ?? startTools(lookup, model, result.files, step, tests));
  // The blackbox modules are checked by the exporter itself where it is installed; without it they
  // are not, and the report says so (an info: Prometheus's own checks do not need the exporter).
  // (An exporter older than the target or than totem-mon supports is reported with the tools too old to judge.)
  const firstHealthCheck = model.healthChecks[0];
  if (firstHealthCheck && !ran?.blackbox && !toolsTooOld.some((t) => t.name === 'blackbox-exporter')) {
    diagnostics.push(...atPropertyLines([{
      id: 'blackbox-exporter/config-check',
      severity: 'info',
      // Named as out/ holds it; a project without files() does not write it (validate compiles it for the tools).
      message: `${result.files.some((f) => f.path === BLACKBOX_CONFIG) ? `${BLACKBOX_CONFIG} was` : "the blackbox exporter's modules (the project's output profiles write no file of them) were"} not checked: the blackbox exporter was not found (looked at $${TOOL_ENV['blackbox-exporter']} and PATH)`,
      hint: INSTALL_HINT['blackbox-exporter'],
      ...locatedAt(firstHealthCheck),
    }]));
  }
  const tools = ran?.run ?? { diagnostics: [], tools: [] };
  diagnostics.push(...atPropertyLines(withoutRepeats(tools.diagnostics, diagnostics)));
  return { diagnostics: strictly(diagnostics, options.strict), silenced, tools: tools.tools, ...known };
}

interface StartedTools {
  /** Absent when the project has no health checks, the exporter is not installed, or it is too old to judge the modules. */
  blackbox?: Tool | undefined;
  run: ToolRunResult;
}

/**
 * The real tools on the generated files (src/validate/run-tools.ts), once promtool is found
 * (missing, it is reported where validate awaits it, and nothing runs); a missing amtool, with
 * Alertmanager output, is a usage error.
 */
async function startTools(
  lookup: ToolLookup,
  model: Model,
  compiled: readonly OutputFile[],
  onStep: NonNullable<ValidateOptions['onStep']>,
  started: Promise<RuleTestsRun | undefined> | undefined,
): Promise<StartedTools | undefined> {
  const promtool = await lookup.promtool.catch(() => undefined);
  if (!promtool) return undefined;
  const files = filesForTools(model, compiled);
  const tests = await started;
  // The files profile's files compiled in memory for the tools could clash where the project's own
  // profiles do not (notification templates `A.tmpl` and `a.tmpl`): a finding, and no tool runs on a
  // tree a case-insensitive disk could not hold (half-written, EEXIST).
  const clashes = pathClashes(files, () => outputOwners(model));
  if (clashes.length > 0) {
    await tests?.findings.catch(() => {});
    return { run: { diagnostics: clashes.map((d) => ({ ...d, message: `${d.message} (in the files profile's files validate hands the tools)` })), tools: [] } };
  }
  const amtool = files.some((f) => f.path === ALERTMANAGER_CONFIG) ? await required('amtool', lookup.amtool).catch(async (error: unknown) => {
    await tests?.findings.catch(() => {}); // its temporary tree goes before the usage error is reported
    throw error;
  }) : undefined;
  const blackbox = model.healthChecks[0] ? await lookup.blackbox : undefined;
  // A promtool or amtool older than the target the project or config sets, or than totem-mon supports, runs nothing (reported by validate).
  const judging = (tool: Tool | undefined) => (tool && !tooOld(tool, model.versions) ? tool : undefined);
  return { blackbox: judging(blackbox), run: await runTools({ model, files, tests, promtool: judging(promtool), amtool: judging(amtool), blackbox: judging(blackbox), onStep }) };
}

/**
 * The promtool, amtool and blackbox exporter validate would run (amtool where there is Alertmanager
 * output, the exporter where there are health checks) that are older than the target the project or config sets, or than totem-mon supports (src/validate/tool-target.ts).
 */
async function olderThanTarget(lookup: ToolLookup, model: Model, compiled: readonly OutputFile[]): Promise<ToolTooOld[]> {
  const promtool = await lookup.promtool.catch(() => undefined);
  // amtool counts only where it would run: the files for the tools are compiled again only when it is too old.
  const amtool = tooOld(await lookup.amtool, model.versions);
  const amtoolRuns = amtool !== undefined && filesForTools(model, compiled).some((f) => f.path === ALERTMANAGER_CONFIG);
  // The blackbox exporter checks the health checks' modules: only a project with some runs it.
  const blackbox = model.healthChecks.length > 0 ? tooOld(await lookup.blackbox, model.versions) : undefined;
  return [tooOld(promtool, model.versions), amtoolRuns ? amtool : undefined, blackbox].filter((t): t is ToolTooOld => t !== undefined);
}
