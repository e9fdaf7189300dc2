import type { SourceRef } from '../diagnostic.js';
import type { Located } from './types.js';

/** The `path` and, when the builder recorded one, the `source` of a model element. */
export function located(value: { source?: SourceRef | undefined }, path: string[]): Located {
  return value.source ? { path, source: value.source } : { path };
}

/** Where a finding about an element (or one of its fields) points: `locatedAt(rule, 'for')`. */
export function locatedAt(item: Located, ...field: string[]): Located {
  return located(item, [...item.path, ...field]);
}
