import type { SourceRef } from '../diagnostic.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { rememberCallSite, type CallSite } from '../source-sites.js';
import { ownRoot as ownDir } from '../own-files.js';

// Everything under the package's own folder (src/ or dist/) is "ours"; the first stack frame
// outside it is the user's definition that called the builder.
const ownUrl = `${pathToFileURL(ownDir).href}/`;

/** V8's call sites, without formatting a stack string (the formatting is what costs). */
function callSites(): NodeJS.CallSite[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  // The user's frame is a few frames up; a short trace is much cheaper to build (10,000 rules).
  Error.stackTraceLimit = 12;
  Error.prepareStackTrace = (_error, sites) => sites;
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, captureSource);
  const sites = holder.stack;
  Error.prepareStackTrace = prepare;
  Error.stackTraceLimit = limit;
  return Array.isArray(sites) ? (sites as NodeJS.CallSite[]) : [];
}

/**
 * Where the user's builder call ran. The file is absolute and the position is in the JavaScript
 * the loader ran; the loader maps it back to the TypeScript and makes the file relative
 * (src/io/loader/transfer.ts). Cheap enough for 10,000 rules (one stack capture each).
 */
export function captureSource(): SourceRef | undefined {
  return userFrame(callSites());
}

// file: URL → path, once per file (a definition file holds hundreds of builder calls).
const paths = new Map<string, string>();
function pathOf(url: string): string {
  let file = paths.get(url);
  if (file === undefined) paths.set(url, (file = fileURLToPath(url)));
  return file;
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
    let file = site.getFileName() ?? site.getScriptNameOrSourceURL();
    if (!file) continue;
    // Our own frames, told by their URL without converting it (most frames are ours).
    if (file.startsWith(ownUrl)) {
      builder = site.getFunctionName() ?? builder;
      continue;
    }
    if (file.startsWith('file://')) file = pathOf(file);
    if (file.startsWith('node:') || !path.isAbsolute(file)) continue;
    if (file.startsWith(ownDir + path.sep)) {
      builder = site.getFunctionName() ?? builder;
      continue;
    }
    const source = { file, line: site.getLineNumber() ?? 1, column: site.getColumnNumber() ?? 1 };
    rememberCallSite(source, siteOf(file, builder || undefined));
    return source;
  }
  return undefined;
}
