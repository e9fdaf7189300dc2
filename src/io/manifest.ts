import { createHash } from 'node:crypto';
import path from 'node:path';
import type { OutputFile } from '../compile/output.js';
import { readNoFollow, type OutputRoot } from './safe-path.js';
import { isErrno } from './output-problem.js';

/** Lists the files totem-mon generated in an output folder: only these does it ever overwrite or remove. */
export const MANIFEST = '.totem-mon-manifest.json';

/**
 * The manifest. `files` is what totem-mon owns in out/ (path → sha256 of its content). While a
 * generate runs, `pending` records its intent (written before any file changes): the staging
 * folder and, for every path it is about to change, the new hash (or null: to be removed). A run
 * killed half-way leaves this record; the next run accepts either hash as ours and finishes the job.
 */
export interface Manifest {
  generator: 'totem-mon';
  files: Record<string, string>;
  pending?: { staging: string; files: Record<string, string | null> };
}

/** Line endings do not count: a CRLF checkout of a generated file is still that file. */
export function normalizeEol(content: string): string {
  return content.replace(/\r\n/g, '\n');
}

export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The hash the manifest records and compares: of the content with LF line endings. */
export function contentHash(content: string): string {
  return sha256(normalizeEol(content));
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifest of these files; `hashOf` gives a file's contentHash when it is already known. */
export function manifestFor(files: readonly OutputFile[], hashOf: (file: OutputFile) => string = (file) => contentHash(file.content)): Manifest {
  const manifest: Manifest = { generator: 'totem-mon', files: {} };
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) manifest.files[file.path] = hashOf(file);
  return manifest;
}

export function manifestFile(files: readonly OutputFile[]): OutputFile {
  return { path: MANIFEST, content: manifestText(manifestFor(files)) };
}

export type ManifestState =
  | { state: 'absent' }
  | { state: 'ok'; manifest: Manifest; text: string }
  /** Unreadable as a manifest: why, and the paths it still names (for --repair). */
  | {
      state: 'damaged';
      reason: string;
      text: string;
      listed: string[];
      /** A link or a folder at the manifest's name: `--repair` will not write through or over it either; it must be moved first. */
      inTheWay?: boolean;
    };

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(\s|$)/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `"path": "<sha256>"` or `"path": null` pair in a damaged manifest, both sides of a conflict included. */
function listedPaths(text: string): string[] {
  const listed = new Set<string>();
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)+)"\s*:\s*(?:"[0-9a-f]{64}"|null)/g)) {
    try {
      listed.add(JSON.parse(`"${m[1]}"`) as string);
    } catch {
      // not a JSON string: not a path we wrote
    }
  }
  return [...listed].sort();
}

function damaged(reason: string, text: string, inTheWay = false): ManifestState {
  return { state: 'damaged', reason, text, listed: listedPaths(text), ...(inTheWay ? { inTheWay } : {}) };
}

function validShape(parsed: unknown): parsed is Manifest {
  if (!isRecord(parsed) || parsed['generator'] !== 'totem-mon' || !isRecord(parsed['files'])) return false;
  if (!Object.values(parsed['files']).every((h) => typeof h === 'string')) return false;
  const pending = parsed['pending'];
  if (pending === undefined) return true;
  return (
    isRecord(pending) &&
    typeof pending['staging'] === 'string' &&
    isRecord(pending['files']) &&
    Object.values(pending['files']).every((h) => typeof h === 'string' || h === null)
  );
}

/** The manifest of a previous run: absent (a first run, a folder we never wrote), ok, or damaged. */
export function readManifest(root: OutputRoot): ManifestState {
  let text: string;
  try {
    text = readNoFollow(path.join(root.dir, MANIFEST));
  } catch (error) {
    if (isErrno(error) && error.code === 'ENOENT') return { state: 'absent' };
    if (isErrno(error) && (error.code === 'ELOOP' || error.code === 'EMLINK')) return damaged('is a symbolic link', '', true);
    if (isErrno(error) && error.code === 'EISDIR') return damaged('is a folder', '', true);
    throw error;
  }
  const marker = text.split('\n').findIndex((line) => CONFLICT_MARKER.test(line));
  if (marker >= 0) return damaged(`has git conflict markers (line ${marker + 1})`, text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return damaged(`is not valid JSON (${(error as Error).message})`, text);
  }
  if (!validShape(parsed)) return damaged('is not a totem-mon manifest (no "generator": "totem-mon" with a "files" map of hashes)', text);
  return { state: 'ok', manifest: parsed, text };
}

/**
 * What totem-mon owns: path → the hashes of content it wrote there. With a pending record both the
 * old and the new hash are ours (a run stopped between them).
 */
export function ownedHashes(manifest: Manifest): Map<string, Set<string>> {
  const owned = new Map<string, Set<string>>();
  const add = (file: string, hash: string | null) => {
    const hashes = owned.get(file) ?? new Set<string>();
    if (hash !== null) hashes.add(hash);
    owned.set(file, hashes);
  };
  for (const [file, hash] of Object.entries(manifest.files)) add(file, hash);
  for (const [file, hash] of Object.entries(manifest.pending?.files ?? {})) add(file, hash);
  return owned;
}

/** Resolves an output path inside outDir, refusing anything that would land outside it (no file-system access). */
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
