/**
 * What an import did with each thing it read: converted as written, converted with a guess the user
 * should review, kept raw (not converted, with why), or not supported yet. Never silent: every
 * rule, test case, metric and file the import saw has an item.
 */
export type ImportStatus = 'converted' | 'guessed' | 'raw' | 'secret' | 'unsupported' | 'error';

/** `secret`: a literal secret left out of the definitions, a `secretFile()` path to fill in its place. */
export const IMPORT_STATUSES: readonly ImportStatus[] = ['converted', 'guessed', 'raw', 'secret', 'unsupported', 'error'];

export interface ImportItem {
  status: ImportStatus;
  /** The input file it comes from (as given), or the definitions file it went to for catalogue guesses. */
  file: string;
  /** Where inside the input: `['groups', 'api', 'rules', 'HighErrorRate']`. */
  path?: string[];
  /** What it is: `alert HighErrorRate`, `metric http_requests_total`, `test case "fires"`. */
  what: string;
  /** Why it was guessed, kept raw or refused; for converted items, where it went. */
  reason?: string;
  /** The check the input breaks, when the definition was written with an `ignore` for it. */
  check?: string;
}

/** A file the import writes, relative to the definitions folder. */
export interface ImportedFile {
  path: string;
  content: string;
}

export function countByStatus(items: readonly ImportItem[]): Record<ImportStatus, number> {
  const counts = Object.fromEntries(IMPORT_STATUSES.map((s) => [s, 0])) as Record<ImportStatus, number>;
  for (const item of items) counts[item.status]++;
  return counts;
}
