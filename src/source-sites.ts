/**
 * What a SourceRef points at, beyond file:line:column, kept beside it (never in it, so reports and
 * the JSON schema stay as they are): the builder call a source was captured at, and the property
 * path below that call a finding is about. `src/io/property-locations.ts` turns these into the line
 * of the property (`expr:`, `for:`, `annotations.summary`), once, when findings are reported.
 */
import type { SourceRef } from './diagnostic.js';

export interface CallSite {
  /** Absolute path of the definition file (the SourceRef's `file` is made relative by the loader). */
  absolute: string;
  /** Name of the builder the user called (`alert`, `timeseriesPanel`), to tell calls on one line apart. */
  builder?: string;
}

export interface PropertyRef {
  site: SourceRef;
  /** Path below the object literal at the call site, in definition-path steps: ['annotations', 'summary'], ['targets[0]', 'expr']. */
  fields: readonly string[];
}

interface Registry {
  callSites: WeakMap<SourceRef, CallSite>;
  properties: WeakMap<SourceRef, PropertyRef>;
}

// One registry per process, not per module instance: the loader runs the definitions (and the copy
// of the API they import) in its own module graph, apart from the one that reports.
const KEY = Symbol.for('totem-mon.source-sites');
function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  return (holder[KEY] ??= { callSites: new WeakMap(), properties: new WeakMap() });
}

export function rememberCallSite(source: SourceRef, site: CallSite): void {
  registry().callSites.set(source, site);
}

export function callSiteOf(source: SourceRef): CallSite | undefined {
  return registry().callSites.get(source);
}

/** A source for a property below `source` (itself a call site, or already a property below one). */
export function propertyBelow(source: SourceRef, fields: readonly string[]): SourceRef {
  if (fields.length === 0) return source;
  const { callSites, properties } = registry();
  const parent = properties.get(source);
  const site = parent?.site ?? source;
  if (!callSites.has(site)) return source; // nothing to resolve against: keep the definition's own line
  const ref: SourceRef = { file: source.file, line: source.line, column: source.column };
  // Exactly as long as its fields (a spread leaves room to grow: see locatedAt in src/model/located.ts).
  properties.set(ref, { site, fields: parent ? parent.fields.concat(fields) : fields.slice() });
  return ref;
}

export function propertyOf(source: SourceRef): PropertyRef | undefined {
  return registry().properties.get(source);
}

/** A copy of a source that is the same place: the same call site, the same property below it (a source is a key: each holder its own). */
export function sameSourceCopy(source: SourceRef): SourceRef {
  const copy: SourceRef = { file: source.file, line: source.line, column: source.column };
  const { callSites, properties } = registry();
  const site = callSites.get(source);
  if (site !== undefined) callSites.set(copy, site);
  const property = properties.get(source);
  if (property !== undefined) properties.set(copy, property);
  return copy;
}
