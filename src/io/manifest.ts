import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputFile } from '../compile/output.js';

/** Lists the files totem-mon generated in an output folder: only these does it ever overwrite or remove. */
export const MANIFEST = '.totem-mon-manifest.json';

export interface Manifest {
  generator: 'totem-mon';
  /** Output path → sha256 of its content. */
  files: Record<string, string>;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function manifestFile(files: readonly OutputFile[]): OutputFile {
  const manifest: Manifest = { generator: 'totem-mon', files: {} };
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) manifest.files[file.path] = sha256(file.content);
  return { path: MANIFEST, content: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** The manifest of a previous run, or an empty one (a first run, or a folder we never wrote). */
export function readManifest(outDir: string): Manifest {
  try {
    const parsed = JSON.parse(readFileSync(path.join(outDir, MANIFEST), 'utf8')) as Partial<Manifest>;
    if (parsed.generator === 'totem-mon' && typeof parsed.files === 'object' && parsed.files !== null) {
      return { generator: 'totem-mon', files: parsed.files };
    }
  } catch {
    // No manifest (or not ours): we own nothing there yet.
  }
  return { generator: 'totem-mon', files: {} };
}

/** Resolves an output path inside outDir, refusing anything that would land outside it. */
export function safeOutputPath(outDir: string, relative: string): string {
  const normalized = path.posix.normalize(relative);
  if (path.posix.isAbsolute(normalized) || normalized.startsWith('../') || normalized === '..' || normalized.includes('\0')) {
    throw new Error(`internal error: output path ${JSON.stringify(relative)} escapes the output folder`);
  }
  const full = path.resolve(outDir, ...normalized.split('/'));
  if (!full.startsWith(path.resolve(outDir) + path.sep)) {
    throw new Error(`internal error: output path ${JSON.stringify(relative)} escapes the output folder`);
  }
  return full;
}
