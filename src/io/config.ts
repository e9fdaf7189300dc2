/**
 * totem-mon.config.ts on disk: found from a folder upwards, run by the same loader process as the
 * definitions (src/io/loader/: its own process, a time limit, its stdout kept), its default export
 * handed back as data for the schema check (src/model/schema/config.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../diagnostic.js';
import { diagnose, selfEntry } from './load.js';
import { runLoader } from './loader/spawn.js';
import { DEFAULT_LOAD_TIMEOUT_MS } from './loader/timeout.js';
import { ownRoot } from '../own-files.js';

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
}

/** Runs the config file in a loader process and takes its default export (paths in findings relative to `cwd`). */
export async function loadConfigFile(file: string, options: { cwd: string; timeoutMs?: number }): Promise<LoadedConfig> {
  const self = selfEntry();
  const dir = path.dirname(file);
  const relative = (f: string) => (path.isAbsolute(f) ? path.relative(options.cwd, f) : f).split(path.sep).join('/');
  const outcome = await runLoader(
    { entry: file, dir, base: options.cwd, selfEntry: pathToFileURL(self).href, ownDir: ownRoot },
    options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS,
  );
  const shown = relative(file);
  const { project: config, diagnostics } = diagnose(outcome, shown, relative, shown);
  if (diagnostics.some((d) => d.severity === 'error')) return { file, diagnostics };
  if (typeof config !== 'object' || config === null || (config as { kind?: unknown }).kind !== 'config') {
    diagnostics.push({
      id: 'load',
      severity: 'error',
      message: `${shown} does not default-export a config`,
      hint: "end it with `export default defineConfig({ definitions: 'definitions', out: 'out' })` (import { defineConfig } from 'totem-mon')",
      source: { file: shown, line: 1, column: 1 },
    });
    return { file, diagnostics };
  }
  return { file, config, diagnostics };
}
