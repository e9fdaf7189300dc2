import type { SourceRef } from '../diagnostic.js';
import type { Located } from './types.js';

/** The `path` and, when the builder recorded one, the `source` of a model element. */
export function located(value: { source?: SourceRef | undefined }, path: string[]): Located {
  return value.source ? { path, source: value.source } : { path };
}

/** Drops undefined fields so the model (and the files made from it) only holds what was written. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
