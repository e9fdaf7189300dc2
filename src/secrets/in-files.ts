/**
 * What findSecretsInText finds in each of a list of files' texts, in the files' order. The compile
 * worker scans the files it compiled while the checks still run in the main thread
 * (src/app/compile-worker.ts); the secret stage (scan.ts) takes that list only when it is as long as
 * the files, and scans a text itself otherwise. Apart from scan.ts, which the worker does not load
 * (it reads the model's schema helpers).
 */
import type { OutputFile } from '../compile/output.js';
import { findSecretsInText, type SecretMatch } from './detect.js';

export type FilesSecrets = ReadonlyArray<readonly SecretMatch[] | undefined>;

export function secretsInFiles(files: readonly OutputFile[]): SecretMatch[][] {
  return files.map((file) => findSecretsInText(file.content));
}
