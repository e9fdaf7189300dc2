import type { SourceRef } from '../diagnostic.js';
import type { Located } from './types.js';
import { propertyBelow } from '../source-sites.js';

/** The `path`, the `source` (when the builder recorded one) and the `ignore` of a definition written at `path`. */
export function located(value: { source?: SourceRef | undefined; ignore?: Readonly<Record<string, string>> | undefined }, path: string[]): Located {
  return {
    path,
    ...(value.source ? { source: value.source } : {}),
    ...(value.ignore ? { ignore: value.ignore } : {}),
  };
}

/**
 * Where a finding about an element, or one of its fields, points: `locatedAt(rule, 'for')`. The
 * source names the property (`for:`) inside the element's definition; reports show its line
 * (src/io/property-locations.ts), or the definition's own line where the property is not written there.
 */
export function locatedAt(item: Located, ...field: string[]): Located {
  // concat, not a spread: V8 leaves `[...a, ...b]` room to grow (~230 bytes for a path of five
  // names, ~90 as concat makes it), and a large model keeps some 40,000 paths through the run.
  const path = item.path.concat(field);
  return item.source ? { path, source: propertyBelow(item.source, field) } : { path };
}
