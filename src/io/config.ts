/**
 * totem-mon.config.ts on disk: found from a folder upwards, run by the same loader process as the
 * definitions (src/io/loader/: its own process, a time limit, its stdout kept), its default export
 * handed back as data for the schema check (src/model/schema/config.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import { definitionsTarget, diagnose, loadedDefinitions, loaderRequest, type DefinitionsTarget, type LoadedDefinitions } from './load.js';
import { EarlyExpressions, type ManyTexts } from './early-expressions.js';
import { runLoader, runLoaders, type LoaderControl, type LoaderOutcome } from './loader/spawn.js';
import type { LoadTarget } from './loader/protocol.js';
import type { FilesRead } from './loader/reads.js';
import { DEFAULT_LOAD_TIMEOUT_MS } from './loader/timeout.js';

/** The names a config file may have, in the order they are looked for in one folder. */
export const CONFIG_NAMES = ['totem-mon.config.ts', 'totem-mon.config.mts', 'totem-mon.config.js', 'totem-mon.config.mjs'] as const;

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The config file in `from` or the nearest folder above it. The search stops at a repository's
 * root (a folder holding .git): a config in a folder above the repository is not this project's.
 */
export function findConfig(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const found = CONFIG_NAMES.map((name) => path.join(dir, name)).find(isFile);
    if (found) return found;
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return undefined;
  }
}

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** The default export, not yet checked. */
  config?: unknown;
  diagnostics: Diagnostic[];
  /** The user's modules that ran: the config file and the files it imports (absolute paths). */
  modules: string[];
  /** The other files it read and the folders it listed (src/io/loader/reads.ts), once it loaded. */
  files?: FilesRead;
}

/** Runs the config file in a loader process and takes its default export (paths in findings relative to `cwd`). */
export async function loadConfigFile(file: string, options: { cwd: string; timeoutMs?: number }): Promise<LoadedConfig> {
  const outcome = await runLoader(loaderRequest([configLoad(file, options.cwd)]), options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS);
  return loadedConfig(file, options.cwd, outcome);
}

/** The config file and then the definitions, loaded by one loader process (one start-up, the API loaded once). */
export interface ConfigAndDefinitions {
  config: Promise<LoadedConfig>;
  /** Rejects with the usage error when the folder or its entry file is missing (marked handled). */
  definitions: Promise<LoadedDefinitions>;
}

/**
 * Loads the config file and, in the same process right after it, the definitions in
 * `definitionsDir` (a guess the caller checks against the config: see src/app/config.ts);
 * `control` is the definitions' (aborting it stops the process once the config is loaded).
 */
export function loadConfigAndDefinitions(
  file: string,
  definitionsDir: string,
  options: { cwd: string; timeoutMs?: number; control?: LoaderControl; manyExpressions?: ManyTexts },
): ConfigAndDefinitions {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  let target: DefinitionsTarget;
  try {
    target = definitionsTarget(definitionsDir);
  } catch (error) {
    const definitions = Promise.reject(error as Error);
    definitions.catch(() => {});
    return { config: loadConfigFile(file, options), definitions };
  }
  const early = new EarlyExpressions(options.control?.signal, options.manyExpressions);
  const control = { ...options.control, expressions: early.receive };
  const [config, definitions] = runLoaders(loaderRequest([configLoad(file, options.cwd), { entry: target.entryPath, dir: target.dir }]), timeoutMs, [{}, control]);
  return { config: config!.then((outcome) => loadedConfig(file, options.cwd, outcome)), definitions: definitions!.then((outcome) => loadedDefinitions(target, outcome, early)) };
}

function configLoad(file: string, cwd: string): LoadTarget {
  return { entry: file, dir: path.dirname(file), base: cwd };
}

/** The loader's outcome for the config file: its default export, or the findings that stopped it. */
function loadedConfig(file: string, cwd: string, outcome: LoaderOutcome): LoadedConfig {
  const relative = (f: string) => (path.isAbsolute(f) ? path.relative(cwd, f) : f).split(path.sep).join('/');
  const shown = relative(file);
  const { project: config, diagnostics } = diagnose(outcome, shown, relative, shown);
  if (diagnostics.some((d) => d.severity === 'error')) return { file, diagnostics, modules: outcome.modules };
  if (typeof config !== 'object' || config === null || (config as { kind?: unknown }).kind !== 'config') {
    diagnostics.push({
      id: 'load',
      severity: 'error',
      message: `${shown} does not default-export a config`,
      hint: "end it with `export default defineConfig({ definitions: 'definitions', out: 'out' })` (import { defineConfig } from 'totem-mon')",
      source: { file: shown, line: 1, column: 1 },
    });
    return { file, diagnostics, modules: outcome.modules };
  }
  return { file, config, diagnostics, modules: outcome.modules, files: outcome.files };
}
