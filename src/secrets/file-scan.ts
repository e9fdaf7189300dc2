/**
 * The secrets a generated file's text holds (findSecretsInText), found where the file was compiled.
 * The compile worker (src/app/compile-worker.ts) scans each file it compiles before it answers:
 * it ends well before the main thread on a large project (its core then idles), while the scan of
 * the large benchmark's ~11 MB of output took the main thread ~0.12 s at the end of the run. The
 * main thread notes what the worker found for the files it received (noteScanned) and the output
 * scan (src/secrets/scan.ts) takes it from there. A file whose content is not the very text the
 * worker scanned is scanned again: nothing is taken on trust that was not found on these bytes.
 */
import type { OutputFile } from '../compile/output.js';
import { findSecretsInText, type SecretMatch } from './detect.js';

/** What a worker found, by the index of the file in its reply; files not listed hold none. */
export type FoundInFiles = Array<[index: number, matches: SecretMatch[]]>;

const scanned = new WeakMap<OutputFile, { content: string; matches: readonly SecretMatch[] }>();

/** Scans files where they were compiled: the matches of those that hold any. */
export function scanFiles(files: readonly OutputFile[]): FoundInFiles {
  const found: FoundInFiles = [];
  files.forEach((file, index) => {
    const matches = findSecretsInText(file.content);
    if (matches.length > 0) found.push([index, matches]);
  });
  return found;
}

/** Notes, for the files a worker answered, what its scanFiles found in them. */
export function noteScanned(files: readonly OutputFile[], found: FoundInFiles): void {
  const byIndex = new Map(found);
  files.forEach((file, index) => scanned.set(file, { content: file.content, matches: byIndex.get(index) ?? [] }));
}

/** findSecretsInText of the file's content: as noted for these very bytes, else scanned now. */
export function secretsInFile(file: OutputFile): readonly SecretMatch[] {
  const noted = scanned.get(file);
  return noted !== undefined && noted.content === file.content ? noted.matches : findSecretsInText(file.content);
}
