/**
 * What a command runs on: the definitions and output folders and the project settings, from the
 * command line (wins), totem-mon.config.ts (found from the current folder upwards, or --config), or
 * the defaults. Each value remembers where it came from, so messages and hints can repeat it.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError, UsageFindingsError, type Diagnostic } from '../diagnostic.js';
import { findConfig, loadConfigAndDefinitions, loadConfigFile, type LoadedConfig } from '../io/config.js';
import { startLoading, type LoadedDefinitions } from '../io/load.js';
import { templatesDir } from '../io/templates.js';
import { assertOutHoldsNoSources, type FolderSetting } from '../io/out-folder.js';
import type { FilesRead } from '../io/loader/reads.js';
import { DEFAULT_OUT_DIR, OUT_ELSEWHERE, type ProjectSettings } from '../model/settings.js';
import { prestartCompileWorker, WORKER_FROM_SIZE } from './compile-prestart.js';

export const DEFAULT_DEFINITIONS = 'definitions';
export const DEFAULT_OUT = DEFAULT_OUT_DIR;

/** Where a value came from: a flag, the config file, or the default. */
export type Origin = 'flag' | 'config' | 'default';

export interface CommandFlags {
  definitions?: string | undefined;
  out?: string | undefined;
  /** --config FILE: this config file, no search. */
  config?: string | undefined;
}

export interface RunSettings {
  /** The definitions folder, as given on the command line or relative to the current folder. */
  definitions: string;
  /** The output folder, likewise. */
  out: string;
  origins: { definitions: Origin; out: Origin };
  /** The config file in use, relative to the current folder. */
  config?: string;
  /** The config file was named with --config (so commands repeat it). */
  configFlag: boolean;
  /** What the stages need from the config (Grafana and check settings, the output folder comments name). */
  settings: ProjectSettings;
  /** The user's files the config ran: the config file and what it imports (absolute paths). */
  configModules?: string[];
  /** The other files the config read and the folders it listed (src/io/loader/reads.ts). */
  configFiles?: FilesRead;
}

function shown(cwd: string, absolute: string): string {
  return (path.relative(cwd, absolute) || '.').split(path.sep).join('/');
}

/**
 * The output folder as generated comments name it: relative to the project's root (the config's
 * folder, else the one holding the definitions folder), or a placeholder outside it.
 */
function outForComments(root: string, cwd: string, out: string): string {
  const relative = path.relative(root, path.resolve(cwd, out));
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? relative.split(path.sep).join('/') : OUT_ELSEWHERE;
}

/** How a setting reads in a message: `--out x`, `out: 'x' in totem-mon.config.ts`, or `the default out/`. */
export function describeSetting(run: RunSettings, key: 'definitions' | 'out'): string {
  const origin = run.origins[key];
  if (origin === 'flag') return `--${key} ${run[key]}`;
  if (origin === 'config') return `${key}: '${run[key]}' (from ${run.config})`;
  return `the default ${key} folder ${run[key]}/`;
}

/** The two folders of a run (and its config file) as assertOutFolder (src/io/out-folder.ts) judges and names them. */
export function folderSettings(run: RunSettings): { out: FolderSetting; definitions: FolderSetting; configFile?: string } {
  const config = run.config !== undefined ? { config: run.config } : {};
  return {
    out: { path: run.out, shown: describeSetting(run, 'out'), origin: run.origins.out, ...config },
    definitions: { path: run.definitions, shown: describeSetting(run, 'definitions'), origin: run.origins.definitions, ...config },
    ...(run.config !== undefined ? { configFile: run.config } : {}),
  };
}

/**
 * The definitions' load, refused once it is done (a usage error, exit 2) when the run's out/ holds a
 * file the config or the definitions ran, read or listed: a module they import from outside the
 * definitions folder, a file they read with `fs` or `require`, a JSON file they import
 * (src/io/out-folder.ts assertOutHoldsNoSources). Before anything is written or compared. Marked
 * handled: the error surfaces where it is awaited.
 */
export function withSourcesOutsideOut(run: RunSettings, loaded: Promise<LoadedDefinitions>, command: 'generate' | 'validate' = 'generate'): Promise<LoadedDefinitions> {
  const guarded = loaded.then((definitions) => {
    const { out } = folderSettings(run);
    assertOutHoldsNoSources(command === 'validate' ? { ...out, command } : out, [
      { modules: run.configModules ?? [], ...run.configFiles, ...(run.config !== undefined ? { by: run.config } : {}) },
      { modules: definitions.modules, ...definitions.files },
    ]);
    return definitions;
  });
  guarded.catch(() => {});
  return guarded;
}

/** The command line that runs `command` again on the same folders: the flags given, and --config if it was. */
export function rerun(command: string, run: RunSettings): string {
  const quote = (s: string) => (/^[\w./@:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const flags = [
    ...(run.configFlag && run.config ? ['--config', quote(run.config)] : []),
    ...(run.origins.definitions === 'flag' ? ['--definitions', quote(run.definitions)] : []),
    ...(run.origins.out === 'flag' ? ['--out', quote(run.out)] : []),
  ];
  return ['totem-mon', command, ...flags].join(' ');
}

/** ` (settings from totem-mon.config.ts)` when a config file is in use, after a hint's command. */
export function configNote(run: RunSettings): string {
  return run.config ? ` (settings from ${run.config})` : '';
}

async function readConfig(file: string, cwd: string, loadTimeoutMs: number | undefined, loading?: Promise<LoadedConfig>, loadHint = 'fix it, or name another with --config FILE') {
  // The schema is imported while the config loads (the commands without a config never import it here).
  const parsing = import('../model/parse.js');
  const loaded = await (loading ?? loadConfigFile(file, { cwd, ...(loadTimeoutMs !== undefined ? { timeoutMs: loadTimeoutMs } : {}) }));
  const { parseConfig } = await parsing;
  const name = shown(cwd, file);
  if (loaded.config === undefined) throw new UsageFindingsError(`${name} could not be loaded`, loaded.diagnostics, loadHint);
  // Errors in what is loaded and where it is written stop here (exit 2); errors in the settings
  // (grafana, lint, versions: src/model/parse.ts CONFIG_SETTINGS) are reported with the definitions'
  // findings, in the same run, the settings at fault left out.
  const parsed = parseConfig(loaded.config);
  if (!parsed.ok) {
    const { atPropertyLines } = await import('../io/property-locations.js');
    throw new UsageFindingsError(`${name} is not a valid config`, atPropertyLines(parsed.diagnostics), 'defineConfig({ definitions, out, grafana, lint }) takes the fields the README lists');
  }
  const problems = parsed.problems ? (await import('../io/property-locations.js')).atPropertyLines(parsed.problems) : undefined;
  return { name, config: parsed.config, warnings: loaded.diagnostics, modules: loaded.modules, ...(loaded.files ? { files: loaded.files } : {}), ...(problems ? { problems } : {}) };
}

/** The folders a project's config gives generate: what it reads (the definitions, the templates beside them) and writes (out/). */
export interface ConfiguredFolders {
  /** The config file, relative to the current folder. */
  config: string;
  definitions: FolderSetting;
  templates: FolderSetting;
  out: FolderSetting;
  /** The config's `versions.alertmanager`, if it sets one (import reads an input's `group_by: []` for it). */
  alertmanagerTarget?: string;
}

/**
 * The folders generate would read and write for the project of a config file (run in a loader
 * process, as generate runs it: its `definitions` and `out`, else the defaults beside it), for the
 * commands that write the user's files (import, init) to keep out of them. A config that does not
 * load is a usage error naming it: where generate writes is then unknown.
 */
export async function configuredFolders(file: string, options: { cwd?: string; loadTimeoutMs?: number } = {}): Promise<ConfiguredFolders> {
  const cwd = options.cwd ?? process.cwd();
  const read = await readConfig(file, cwd, options.loadTimeoutMs, undefined, 'fix it (generate runs it too): totem-mon reads its definitions and out folders, to write the user\'s files apart from them');
  const base = path.dirname(file);
  const folder = (key: 'definitions' | 'out', fallback: string): FolderSetting => {
    const configured = read.config[key];
    const value = shown(cwd, path.resolve(base, configured ?? fallback));
    return configured !== undefined
      ? { path: value, shown: `${key}: '${value}' (from ${read.name})`, origin: 'config', config: read.name }
      : { path: value, shown: `the default ${key} folder ${value}/ of ${read.name}`, origin: 'default', config: read.name };
  };
  const definitions = folder('definitions', DEFAULT_DEFINITIONS);
  const templates = shown(cwd, templatesDir(path.resolve(cwd, definitions.path)));
  return {
    config: read.name,
    definitions,
    templates: { path: templates, shown: `templates/ beside ${definitions.shown}`, origin: definitions.origin ?? 'default', config: read.name },
    out: folder('out', DEFAULT_OUT),
    ...(read.config.versions?.alertmanager !== undefined ? { alertmanagerTarget: read.config.versions.alertmanager } : {}),
  };
}

/** The config file the command uses: --config (which must exist), else the one found from cwd upwards. */
function locateConfig(flags: CommandFlags, cwd: string): string | undefined {
  if (flags.config === undefined) return findConfig(cwd);
  const file = path.resolve(cwd, flags.config);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new UsageError(`config file not found: ${flags.config}`, 2, 'name an existing totem-mon.config.ts with --config, or leave --config out to search from the current folder upwards');
  }
  return file;
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Definitions that tell this many PromQL texts while they load make a project large enough for the
 * compile worker (nearly every rule and panel tells one): it is started then, ahead
 * (src/app/compile-prestart.ts; one not taken after all is stopped when the model is compiled).
 */
const MANY_EXPRESSIONS = { count: WORKER_FROM_SIZE, then: () => prestartCompileWorker() };

export interface RunAndLoad {
  run: RunSettings & { warnings: readonly Diagnostic[] };
  /** The definitions loading (src/io/load.ts startLoading). */
  loaded: Promise<LoadedDefinitions>;
  /** Stops the load (a usage error found after it started). */
  cancel: () => void;
}

/**
 * Resolves the run and starts loading its definitions. With a config file, the definitions start
 * loading before the config has been checked: in the folder a flag names, else in `definitions/`
 * beside the config, by the loader process that loads the config, right after it (one process
 * start-up, the API loaded once); if the config names another folder, that load is stopped and the
 * right one started.
 */
export async function resolveAndLoad(flags: CommandFlags, options: { cwd?: string; loadTimeoutMs?: number } = {}): Promise<RunAndLoad> {
  const cwd = options.cwd ?? process.cwd();
  const file = locateConfig(flags, cwd);
  const timeout = options.loadTimeoutMs !== undefined ? { timeoutMs: options.loadTimeoutMs } : {};
  const start = (dir: string) => {
    const controller = new AbortController();
    const loaded = startLoading(dir, { ...timeout, signal: controller.signal, manyExpressions: MANY_EXPRESSIONS });
    return { loaded, cancel: () => controller.abort() };
  };
  let keep: (wanted: boolean) => void = () => {};
  const wanted = new Promise<boolean>((resolve) => (keep = resolve));
  const guess = path.resolve(file && flags.definitions === undefined ? path.dirname(file) : cwd, flags.definitions ?? DEFAULT_DEFINITIONS);
  const startBoth = (file: string) => {
    const controller = new AbortController();
    // Started under the name the user would see in messages (as typed, or relative to cwd).
    const both = loadConfigAndDefinitions(file, flags.definitions ?? shown(cwd, guess), { cwd, ...timeout, control: { signal: controller.signal, wanted }, manyExpressions: MANY_EXPRESSIONS });
    return { loaded: both.definitions, config: both.config, cancel: () => controller.abort() };
  };
  const early = file && isFolder(guess) ? startBoth(file) : undefined;
  let run: RunAndLoad['run'];
  try {
    run = await resolveRun(flags, { ...options, ...(early ? { loadingConfig: early.config } : {}) });
  } catch (error) {
    early?.cancel();
    keep(false);
    throw error;
  }
  const hit = early !== undefined && path.resolve(cwd, run.definitions) === guess;
  keep(hit);
  if (hit) return { run, loaded: early.loaded, cancel: early.cancel };
  early?.cancel();
  return { run, ...start(run.definitions) };
}

/**
 * Resolves the folders and settings of one command (`loadingConfig`: the load of the same config
 * file, already under way, as resolveAndLoad starts it). A config that does not load or fails its
 * schema, a --config that does not exist, a definitions folder that is missing: usage errors
 * (exit 2) that name where the value came from.
 */
export async function resolveRun(
  flags: CommandFlags,
  options: { cwd?: string; loadTimeoutMs?: number; loadingConfig?: Promise<LoadedConfig> } = {},
): Promise<RunSettings & { warnings: readonly Diagnostic[] }> {
  const cwd = options.cwd ?? process.cwd();
  const file = locateConfig(flags, cwd);
  const read = file ? await readConfig(file, cwd, options.loadTimeoutMs, options.loadingConfig) : undefined;
  // With a config, its folder is the project's root: its paths and the defaults are relative to it.
  const base = file ? path.dirname(file) : cwd;
  const pick = (key: 'definitions' | 'out', fallback: string): { value: string; origin: Origin } => {
    const flag = flags[key];
    if (flag !== undefined) return { value: flag, origin: 'flag' };
    const configured = read?.config[key];
    if (configured !== undefined) return { value: shown(cwd, path.resolve(base, configured)), origin: 'config' };
    return { value: file ? shown(cwd, path.resolve(base, fallback)) : fallback, origin: 'default' };
  };
  const definitions = pick('definitions', DEFAULT_DEFINITIONS);
  const out = pick('out', DEFAULT_OUT);
  // The root generated comments name out/ from: the config's folder, else the folder holding the
  // definitions folder (never the current folder: the same definitions and out/ make the same bytes
  // from wherever generate runs).
  const root = file ? path.dirname(file) : path.dirname(path.resolve(cwd, definitions.value));
  const run: RunSettings = {
    definitions: definitions.value,
    out: out.value,
    origins: { definitions: definitions.origin, out: out.origin },
    ...(read ? { config: read.name } : {}),
    configFlag: flags.config !== undefined,
    ...(read ? { configModules: read.modules } : {}),
    ...(read?.files ? { configFiles: read.files } : {}),
    settings: {
      outDir: outForComments(root, cwd, out.value),
      ...(read?.config.grafana ? { grafana: read.config.grafana, ...(read.config.source ? { grafanaSource: read.config.source } : {}) } : {}),
      ...(read?.config.lint ? { lint: read.config.lint } : {}),
      ...(read?.config.versions ? { versions: read.config.versions } : {}),
      ...(read?.problems ? { problems: read.problems } : {}),
    },
  };
  const dir = path.resolve(cwd, run.definitions);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const where = describeSetting(run, 'definitions');
    throw new UsageError(
      `definitions folder not found: ${run.definitions} (${where})`,
      2,
      run.origins.definitions === 'default'
        ? `run from the folder that holds ${DEFAULT_DEFINITIONS}/, pass --definitions DIR, set definitions in totem-mon.config.ts, or create a project with \`totem-mon init\``
        : run.origins.definitions === 'config'
          ? `fix definitions in ${run.config}, or pass --definitions DIR`
          : 'pass the folder that holds index.ts',
    );
  }
  return { ...run, warnings: read?.warnings ?? [] };
}
