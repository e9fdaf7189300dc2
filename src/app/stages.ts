/**
 * The stages, in order. Read this file first.
 *
 *   definitions (user TS) → load → schema check (zod) → model → checks → secrets → compile (pure) → files in memory
 *
 * `fromDefinitions` does the stages that touch the disk (load the definitions, read the templates,
 * point findings at property lines) around `fromProject`, which does the rest in memory (it is what
 * `synth()` runs). Writing (`generate`), comparing (`generate --check`) and running the real tools
 * (`validate`) come after, in the use cases next to this file.
 */
import type { Diagnostic, Severity } from '../diagnostic.js';
import { hasErrors } from '../diagnostic.js';
import { loadDefinitions, type LoadedDefinitions } from '../io/load.js';
import type { NondeterministicUse } from '../io/loader/nondeterminism.js';
import { readTemplates, type TemplatesRead } from '../io/templates.js';
import { atPropertyLines, propertyLocation } from '../io/property-locations.js';
import { parseProject } from '../model/parse.js';
import { configProblems } from '../model/config-rules.js';
import type { ProjectInput } from '../model/schema/project.js';
import { buildModel } from '../model/build.js';
import { withTemplates } from '../model/build-alertmanager.js';
import type { Model } from '../model/types.js';
import { withSettings, type ProjectSettings } from '../model/settings.js';
import type { TargetVersions } from '../api/versions.js';
import { buildCheckContext } from '../lint/context.js';
import { PromqlTable } from '../model/promql-table.js';
import type { ParsesMadeBefore } from '../promql/parses-made-before.js';
import { CHECKS } from '../lint/index.js';
import { runLint, runLintYielding, type Silenced } from '../lint/run.js';
import type { Check, CheckContext } from '../lint/check.js';
import { compileOutputs } from './outputs.js';
import { pathClashes } from '../compile/clashes.js';
import { outputOwners } from '../lint/output-owners.js';
import { startCompiling } from './compile-thread.js';
import type { OutputFile } from '../compile/output.js';
import { scanSecrets } from '../secrets/scan.js';

export interface StagesResult {
  diagnostics: Diagnostic[];
  /** Findings that a definition's `ignore` silenced (counted in summaries, listed in JSON). */
  silenced: Silenced[];
  /** Present once the definitions passed the schema check. */
  model?: Model;
  context?: CheckContext;
  /** Present when no stage reported an error (or with `compileWithFindings`, once there is a model). */
  files?: OutputFile[];
}

export interface StageOptions {
  checks?: readonly Check[];
  /** Severities that win over the project's check settings (validate --require-tests). */
  force?: Readonly<Record<string, Severity>>;
  /** Compile even when checks found errors (validate hands the output to promtool/amtool regardless). */
  compileWithFindings?: boolean;
  /** What totem-mon.config.ts sets (Grafana, checks) and the output folder comments name (src/app/config.ts). */
  settings?: ProjectSettings;
  /**
   * With compileWithFindings: the compiled files as soon as they exist, before the checks run when
   * this thread compiles (validate starts the tools on them while the checks run).
   */
  onFiles?: (files: OutputFile[], model: Model) => void;
  /**
   * With compileWithFindings: the model as soon as it is built, before anything is compiled
   * (validate compiles the rule test files in this thread and starts `promtool test rules` on them,
   * also when the compile worker compiles the rest: the longest tool run then overlaps the checks
   * and the compile instead of following them). It gets a macrotask to start its work.
   */
  onModel?: (model: Model) => void;
  /**
   * PromQL parsed before the run (while the definitions loaded, src/promql/early.ts; by import's
   * earlier steps, src/promql/kept-parses.ts): the run's PromQL table takes what it can.
   */
  early?: ParsesMadeBefore;
  /** Calls to the clock or to chance the definitions made while they loaded (check definitions/nondeterministic). */
  nondeterministic?: readonly NondeterministicUse[];
}

export interface ProjectStageOptions extends StageOptions {
  /** The definitions' entry file, as generated files name it in their header. */
  entry: string;
  /** The Alertmanager notification templates; asked for once the project passed the schema check. */
  templates: () => TemplatesRead;
}

export interface DefinitionsStageOptions extends StageOptions {
  definitions: string;
  /** How long the definitions may take to load (ms); the default is in src/io/loader/timeout.ts. */
  loadTimeoutMs?: number;
  /** A load already under way (startLoading in src/io/load.ts); else one is started here. */
  loaded?: Promise<LoadedDefinitions>;
  /**
   * The versions of the tools validate runs (ProjectSettings.installedVersions), still being asked
   * (`--version`) while the definitions load: awaited once the schema check passed and the model is
   * built, where the model takes its settings, so that the tools' start-ups and this work overlap.
   */
  installedVersions?: Promise<TargetVersions | undefined>;
}

/** Every stage, from a definitions folder on disk. */
export async function fromDefinitions(options: DefinitionsStageOptions): Promise<StagesResult> {
  // 1. load: run the user's TypeScript in a loader process of its own and take its default export
  //    (src/io/loader/: an exit, a hang or stray stdout there cannot pass for a result here).
  const timeout = options.loadTimeoutMs !== undefined ? { timeoutMs: options.loadTimeoutMs } : {};
  const loaded = await (options.loaded ?? loadDefinitions(options.definitions, timeout));
  if (loaded.project === undefined) return { diagnostics: [...(options.settings?.problems ?? []), ...loaded.diagnostics], silenced: [] };

  // 2–6 in memory, as fromProject, with the compilers in their thread while the checks run here;
  // the notification templates (`<definitions>/../templates/*.tmpl`) are read from disk here, so
  // that the model carries them and the compilers stay pure.
  const projectOptions = {
    ...options,
    entry: loaded.entry,
    templates: () => readTemplates(loaded.dir),
    ...(loaded.early ? { early: loaded.early } : {}),
    ...(loaded.nondeterministic ? { nondeterministic: loaded.nondeterministic } : {}),
  };
  const built = buildStage(loaded.project, projectOptions);
  if (!built.ok) loaded.early?.release();
  const result = built.ok ? await checkAndCompile(settledModel(built, await installedSettings(options)), projectOptions, built.config) : built.result;

  // 7. every finding at the line of the property it is about, read from the definition files
  //    (src/io/property-locations.ts), not at the builder call's line.
  const silenced = result.silenced.map((s) => (s.source ? { ...s, source: propertyLocation(s.source) } : s));
  return { ...result, diagnostics: [...loaded.diagnostics, ...atPropertyLines(result.diagnostics)], silenced };
}

/** The stages after loading, in memory: a project value (what `defineProject` returned) in, files and findings out. */
export function fromProject(project: unknown, options: ProjectStageOptions): StagesResult {
  const modelled = modelStage(project, options);
  if (!modelled.ok) return modelled.result;
  const checked = checkStage(modelled.model, options, modelled.config);
  return secretsStage(checked, options, wantsFiles(checked, options) ? compileOutputs(modelled.model) : undefined);
}

/** Stages 4–6 as fromProject's, the compilers on the other core (src/app/compile-thread.ts) while the checks run here. */
async function checkAndCompile(model: Model, options: ProjectStageOptions, config: readonly Diagnostic[]): Promise<StagesResult> {
  const compiling = startCompiling(model);
  if (options.onModel && options.compileWithFindings) {
    options.onModel(model);
    // What it started (a chain of awaits, as in handOver) runs before this thread compiles.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const early = options.onFiles && options.compileWithFindings ? await handOver(compiling.files(), model, options.onFiles) : undefined;
  // For onFiles the checks give the event loop a turn after each one: the worker's files, when they
  // come before the checks end, go to onFiles then (validate starts the tools on them), not after.
  // Without it the worker's reply waits for the checks, as the memory the run peaks at was measured.
  const checked = early ? await checkStageYielding(model, options, config) : checkStage(model, options, config);
  if (wantsFiles(checked, options)) return secretsStage(checked, options, await (early?.files ?? compiling.files()));
  compiling.stop();
  return secretsStage(checked, options, undefined);
}

/**
 * The files to `onFiles` as soon as they exist: compiled in this thread, that is before the checks
 * (the hand-over runs before this resolves); from the worker, when it replies.
 */
async function handOver(files: Promise<OutputFile[]>, model: Model, onFiles: NonNullable<StageOptions['onFiles']>): Promise<{ files: Promise<OutputFile[]> }> {
  // A failed compile rejects `files`, awaited where it always was; onFiles itself starts work and returns.
  files.then((compiled) => onFiles(compiled, model)).catch(() => {});
  // The checks run synchronously once this returns: what onFiles started gets every promise
  // already settled first (validate's tool look-ups, execa's import, …), so the tools are spawned
  // before the checks, not after them (one microtask was not enough: a chain of awaits is several).
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { files };
}

/** The config's settings with the versions of the tools validate runs, once they are known (validate asked them while the definitions loaded). */
async function installedSettings(options: DefinitionsStageOptions): Promise<ProjectSettings | undefined> {
  const installedVersions = await options.installedVersions;
  return installedVersions ? { ...options.settings, installedVersions } : options.settings;
}

/** Stages 2–3: the schema check and the model, or the findings that stopped them. */
function modelStage(project: unknown, options: ProjectStageOptions): { ok: true; model: Model; config: readonly Diagnostic[] } | { ok: false; result: StagesResult } {
  const built = buildStage(project, options);
  return built.ok ? { ok: true, model: settledModel(built, options.settings), config: built.config } : built;
}

interface Built {
  ok: true;
  /** The model without the config's settings (modelStage's model once settledModel gave it them). */
  model: Model;
  parsed: ProjectInput;
  templates: TemplatesRead['templates'];
  promql: PromqlTable;
  /** The config's findings, reported with the checks' (its settings at fault are left out of the run). */
  config: readonly Diagnostic[];
  /** The config's grafana.folder breaks the project's rule: the run goes on without it. */
  withoutConfigFolder: boolean;
}

/** Stages 2–3 up to the settings: the schema check and the model built from the definitions, or the findings that stopped them. */
function buildStage(project: unknown, options: ProjectStageOptions): Built | { ok: false; result: StagesResult } {
  // 2. schema check: the shape of every definition, all problems at once.
  // The config's grafana.folder wins over the project's (and its name): the config's is held to their rule.
  // The config's own findings (settings its schema refused, left out) come with the definitions' in
  // one run; so does a config setting the definitions break, which the run then goes without.
  const settingsProblems = options.settings?.problems ?? [];
  const parsed = parseProject(project, { configFolder: options.settings?.grafana?.folder !== undefined });
  if (!parsed.ok) return { ok: false, result: { diagnostics: [...settingsProblems, ...parsed.diagnostics], silenced: [] } };
  const config = [...settingsProblems, ...configProblems(parsed.project, options.settings)];

  // 3. model: defaults filled in, names resolved (settledModel adds the config's settings and the
  //    notification templates).
  const templates = options.templates();
  if (templates.diagnostics.length > 0) return { ok: false, result: { diagnostics: [...config, ...templates.diagnostics], silenced: [] } };
  // The run's PromQL table (src/model/promql-table.ts): each text parsed and analysed once, by
  // whichever asks first (the model's SLO rules, the checks, this thread's compilers), the early
  // parses taken into it.
  const promql = new PromqlTable(options.early);
  const model = buildModel(parsed.project, options.entry, (text) => promql.syntax(text));
  return { ok: true, model, parsed: parsed.project, templates: templates.templates, promql, config, withoutConfigFolder: config.length > settingsProblems.length };
}

/** The built model under the config's settings, with its notification templates; its PromQL table attached. */
function settledModel(built: Built, settings: ProjectSettings | undefined): Model {
  const { parsed } = built;
  const applied = built.withoutConfigFolder && settings?.grafana ? { ...settings, grafana: { ...settings.grafana, folder: undefined } } : settings;
  const model = withTemplates(withSettings(built.model, applied, { grafana: parsed.grafana, source: parsed.source }), built.templates);
  built.promql.attach(model);
  return model;
}

type Checked = StagesResult & { model: Model; context: CheckContext };

/** Stage 4 on a model: the checks' findings (and what their `ignore`s silenced). */
function checkStage(model: Model, options: StageOptions, config: readonly Diagnostic[] = []): Checked {
  // 4. checks: PromQL against the catalogue, names, duplicates, routing… (src/lint/), under the
  //    project's `lint.checks` settings and the definitions' `ignore`s.
  const context = buildCheckContext(model, options.early, options.nondeterministic);
  const lint = runLint(context, options.checks ?? CHECKS, options.force ? { force: options.force } : {});
  return { diagnostics: [...config, ...lint.diagnostics], silenced: lint.silenced, model, context };
}

/** checkStage, the checks giving the event loop a turn after each one (src/lint/run.ts runLintYielding). */
async function checkStageYielding(model: Model, options: StageOptions, config: readonly Diagnostic[] = []): Promise<Checked> {
  const context = buildCheckContext(model, options.early, options.nondeterministic);
  const lint = await runLintYielding(context, options.checks ?? CHECKS, options.force ? { force: options.force } : {});
  return { diagnostics: [...config, ...lint.diagnostics], silenced: lint.silenced, model, context };
}

/** Whether the model is compiled (stage 6): not after an error in the checks, unless the options want files regardless. */
function wantsFiles(checked: Checked, options: StageOptions): boolean {
  return !hasErrors(checked.diagnostics) || Boolean(options.compileWithFindings);
}

/** Stage 5 with the compiled files (stage 6), or without them when the checks stopped the run. */
function secretsStage(checked: Checked, options: StageOptions, files: OutputFile[] | undefined): StagesResult {
  const { diagnostics, silenced, model, context } = checked;
  // 5. secrets by value, everywhere (src/secrets/): over the definitions and templates when they
  //    have errors (nothing is compiled), else over the generated files, located at the definitions.
  if (!files) return { diagnostics: [...diagnostics, ...scanSecrets(model)], silenced, model, context };

  // 6. compile: pure functions, model → files in memory, for each output profile the project lists
  //    (src/app/outputs.ts, compiled before this is called); nothing holding a secret goes further.
  const all = [...diagnostics, ...pathClashes(files, () => outputOwners(model), diagnostics), ...scanSecrets(model, files)];
  if (hasErrors(all) && !options.compileWithFindings) return { diagnostics: all, silenced, model, context };
  return { diagnostics: all, silenced, model, context, files };
}
