import type { SourceRef } from '../diagnostic.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { rememberCallSite, sameSourceCopy, type CallSite } from '../source-sites.js';
import { ownRoot as ownDir } from '../own-files.js';

// Everything under the package's own folder (src/ or dist/) is "ours"; the first stack frame
// outside it is the user's definition that called the builder.
const ownUrl = `${pathToFileURL(ownDir).href}/`;

// How deep a stack is captured: first just deep enough for a builder called by the user (one or two
// frames of ours above the user's: all 15,754 calls of the large benchmark), then, only when that
// found no user frame in a full short stack, as deep as ever. The first user frame and the builder
// are the same either way: a longer capture only adds frames beyond the ones already read.
const SHORT_STACK = 3;
const LONG_STACK = 12;

/** V8's call sites below `below` (all, with this function's own first, when undefined), without formatting a stack string (the formatting is what costs). */
function callSites(limit: number, below: ((...args: never[]) => unknown) | undefined = captureSource): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = limit;
  Error.prepareStackTrace = returnSites;
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, below);
  const sites = holder.stack;
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = previousLimit;
  return Array.isArray(sites) ? (sites as NodeJS.CallSite[]) : [];
}
const returnSites = (_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] => sites;

/**
 * Where the user's builder call ran. The file is absolute and the position is in the JavaScript
 * the loader ran; the loader maps it back to the TypeScript and makes the file relative
 * (src/io/loader/transfer.ts). Cheap enough for 10,000 rules (one short stack capture each).
 */
export function captureSource(): SourceRef | undefined {
  const assigned = assignedSources();
  // A copy that is the same place (call site, property below it): property locations resolve against it.
  if (assigned.active) return assigned.source === undefined ? undefined : sameSourceCopy(assigned.source);
  const near = callSites(SHORT_STACK);
  const found = userFrame(near);
  return found !== undefined || near.length < SHORT_STACK ? found : userFrame(callSites(LONG_STACK));
}

// What a frame's script name says, once per name (a definition file holds hundreds of builder
// calls): totem-mon's own code, a frame to pass over (node: internals, no file), or the absolute
// path of the user's file.
const OWN = 1;
const OTHER = 0;
const kinds = new Map<string, string | typeof OWN | typeof OTHER>();
function kindOf(name: string): string | typeof OWN | typeof OTHER {
  let kind = kinds.get(name);
  if (kind === undefined) kinds.set(name, (kind = classify(name)));
  return kind;
}
function classify(name: string): string | typeof OWN | typeof OTHER {
  // Our own frames, told by their URL without converting it (most frames are ours).
  if (name.startsWith(ownUrl) || name === ownScriptName()) return OWN;
  const file = name.startsWith('file://') ? fileURLToPath(name) : name;
  if (file.startsWith('node:') || !path.isAbsolute(file)) return OTHER;
  if (file.startsWith(ownDir + path.sep)) return OWN;
  return file;
}

// The name V8 gives the script this module runs in. Bundled and run from a V8 code cache (the
// loader process's, src/io/loader/loader-bundle.cts), that is the path the cache was made at (Node
// 20's V8 keeps it from the cache), not where the bundle is now: a package built elsewhere, a copy.
let ownScript: string | null | undefined;
function ownScriptName(): string | null {
  if (ownScript === undefined) {
    const [here] = callSites(1, undefined);
    ownScript = here?.getFileName() ?? here?.getScriptNameOrSourceURL() ?? null;
  }
  return ownScript;
}

// One CallSite per file and builder, shared by every call of that builder in that file: they are
// read-only, and the loader's hand-over then sends each once (the rest are back-references).
const sharedSites = new Map<string, Map<string | undefined, CallSite>>();
function siteOf(absolute: string, builder: string | undefined): CallSite {
  let byBuilder = sharedSites.get(absolute);
  if (byBuilder === undefined) sharedSites.set(absolute, (byBuilder = new Map()));
  let site = byBuilder.get(builder);
  if (site === undefined) byBuilder.set(builder, (site = builder === undefined ? { absolute } : { absolute, builder }));
  return site;
}

function userFrame(sites: readonly NodeJS.CallSite[]): SourceRef | undefined {
  let builder: string | undefined;
  for (const site of sites) {
    const name = site.getFileName() ?? site.getScriptNameOrSourceURL();
    if (!name) continue;
    const kind = kindOf(name);
    if (kind === OTHER) continue;
    if (kind === OWN) {
      builder = site.getFunctionName() ?? builder;
      continue;
    }
    const source = { file: kind, line: site.getLineNumber() ?? 1, column: site.getColumnNumber() ?? 1 };
    rememberCallSite(source, siteOf(kind, builder || undefined));
    return source;
  }
  return undefined;
}

/**
 * Definitions that totem-mon builds itself from values no user file holds (`import` runs the stages
 * on the project it is about to write, src/app/import.ts): the stack holds no definition file, only
 * totem-mon's own code and whatever called it (its bundle's runner, bin/run-bundle.js, a test), so
 * what a builder called inside `build` captures is `source` instead (a copy per call: sources are
 * keys, never shared), the place the caller knows the definition will be written at, or none.
 */
export function withAssignedSource<T>(source: SourceRef | undefined, build: () => T): T {
  const state = assignedSources();
  const previous = { active: state.active, source: state.source };
  state.active = true;
  state.source = source;
  try {
    return build();
  } finally {
    state.active = previous.active;
    state.source = previous.source;
  }
}

/** The source builders capture now, when one is assigned (withAssignedSource), else undefined. */
export function assignedSource(): SourceRef | undefined {
  const state = assignedSources();
  return state.active ? state.source : undefined;
}

// Per process, like the call sites' registry (src/source-sites.ts): the builders of any copy of the API see it.
const ASSIGNED = Symbol.for('totem-mon.assigned-source');
function assignedSources(): { active: boolean; source: SourceRef | undefined } {
  const holder = globalThis as { [ASSIGNED]?: { active: boolean; source: SourceRef | undefined } };
  return (holder[ASSIGNED] ??= { active: false, source: undefined });
}
