import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import type { Diagnostic, SourceRef } from '../diagnostic.js';
import { UsageError } from '../diagnostic.js';
import { preferTsSpecifiers } from './ts-specifiers.js';

const ENTRY_NAMES = ['index.ts', 'index.mts', 'index.js', 'index.mjs'];

export interface LoadedDefinitions {
  /** Absolute definitions folder. */
  dir: string;
  /** Entry file, relative to the folder above the definitions (e.g. `definitions/index.ts`). */
  entry: string;
  /** The default export, not yet checked. */
  project?: unknown;
  diagnostics: Diagnostic[];
}

/**
 * The users' definitions import 'totem-mon'; point that at this very copy of the API, so the
 * definitions are built by the same version that compiles them (from src/ in tests, dist/ when built).
 */
function selfEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(path.dirname(here)), here.endsWith('.ts') ? 'index.ts' : 'index.js');
}

/** Paths in diagnostics and headers are relative to the folder that holds the definitions folder. */
export function relativizer(dir: string): (file: string) => string {
  const base = path.dirname(dir);
  return (file) => (path.isAbsolute(file) ? path.relative(base, file) : file).split(path.sep).join('/');
}

/** Rewrites every captured `source.file` in the loaded object graph to the relative form. */
function relativizeSources(root: unknown, relative: (file: string) => string): void {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const source = (node as { source?: SourceRef }).source;
    // In place: the source object is also the key under which its call site is remembered (src/source-sites.ts).
    if (source && typeof source.file === 'string' && path.isAbsolute(source.file)) source.file = relative(source.file);
    for (const value of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
}

/** Where a thrown error came from in the user's files: the first frame inside the definitions folder. */
function errorSource(error: unknown, dir: string, relative: (file: string) => string): SourceRef | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const line of stack.split('\n')) {
    const match = /\(?((?:file:\/\/)?\/[^\s()]+?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!match) continue;
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (file.startsWith(dir + path.sep)) return { file: relative(file), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

export async function loadDefinitions(definitionsDir: string): Promise<LoadedDefinitions> {
  const dir = path.resolve(definitionsDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`definitions folder not found: ${definitionsDir}`, 2, 'run from the folder that holds definitions/, or pass --definitions DIR');
  }
  const entryName = ENTRY_NAMES.find((name) => existsSync(path.join(dir, name)));
  if (!entryName) {
    throw new UsageError(`no entry file in ${definitionsDir}`, 2, `create ${path.join(definitionsDir, 'index.ts')} with \`export default defineProject({ … })\``);
  }
  const relative = relativizer(dir);
  const entryPath = path.join(dir, entryName);
  const entry = relative(entryPath);
  const options = { alias: { 'totem-mon': selfEntry() }, moduleCache: false, interopDefault: true };
  const transpiler = createJiti(import.meta.url, options);
  const jiti = createJiti(import.meta.url, {
    ...options,
    transform: (opts) => ({ code: transpiler.transform({ ...opts, source: preferTsSpecifiers(opts.source, opts.filename) }) }),
  });
  let project: unknown;
  try {
    project = await jiti.import(entryPath, { default: true });
  } catch (error) {
    const source = errorSource(error, dir, relative);
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return {
      dir,
      entry,
      diagnostics: [
        {
          id: 'load',
          severity: 'error',
          message: `the definitions could not be loaded: ${message}`,
          hint: 'fix the error in the definition file; `npx tsc --noEmit` shows type errors with more detail',
          source: source ?? { file: entry, line: 1, column: 1 },
        },
      ],
    };
  }
  if (typeof project !== 'object' || project === null || (project as { kind?: unknown }).kind !== 'project') {
    return {
      dir,
      entry,
      diagnostics: [
        {
          id: 'load',
          severity: 'error',
          message: `${entry} does not default-export a project`,
          hint: "end it with `export default defineProject({ name, metrics, prometheus, … })` (import { defineProject } from 'totem-mon')",
          source: { file: entry, line: 1, column: 1 },
        },
      ],
    };
  }
  relativizeSources(project, relative);
  return { dir, entry, project, diagnostics: [] };
}
