/**
 * Node module hooks of the loader process (module.register; they run on Node's hooks thread):
 * `import 'totem-mon'` is this copy of the API, `./x.js` is `./x.ts` when only that exists, and
 * TypeScript files are stripped of their types by oxc (transform.ts). Nothing is cached on disk.
 * The modules' source maps are decoded here, on this thread, when the loader's main thread asks
 * (as the definitions start running, when this thread has nothing else to do; or when it needs a
 * position), and go to it decoded over `port` (maps-channel.ts).
 */
import { readFileSync } from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fileWithoutExtension, tsFileFor } from '../ts-specifiers.js';
import { stripTypes } from './transform.js';
import { decodeMappings } from './source-map.js';
import { MapCounts, type SourceMapMessage } from './maps-channel.js';

export interface HooksData {
  /** URL of the API entry that `import 'totem-mon'` means (dist/index.js, or src/index.ts from source). */
  selfEntry: string;
  /** totem-mon's own folder (src/ or dist/): its files are not definitions. */
  ownDir: string;
  /** Where the decoded source maps go (SourceMapMessage); any message on it asks for them. */
  port: MessagePort;
  /** A SharedArrayBuffer for MapCounts (maps-channel.ts). */
  counts: SharedArrayBuffer;
}

interface ResolveContext {
  parentURL?: string;
  conditions: string[];
  importAttributes?: Record<string, string>;
}
type ResolveResult = { url: string; format?: string | null; shortCircuit?: boolean };
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
interface LoadContext {
  format?: string | null;
  conditions: string[];
  importAttributes?: Record<string, string>;
}
type LoadResult = { format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean };
type NextLoad = (url: string, context?: LoadContext) => Promise<LoadResult>;

let data: HooksData | undefined;
let counts: Int32Array | undefined;
/** The maps of modules transformed since the main thread last asked: [url, mappings]. */
let undecoded: Array<[string, string]> = [];

export function initialize(hooksData: HooksData): void {
  data = hooksData;
  counts = new Int32Array(hooksData.counts);
  hooksData.port.on('message', postDecoded);
  hooksData.port.unref();
}

/** Decodes the maps not yet sent, sends them (their buffers transferred), then counts them as posted. */
function postDecoded(): void {
  const batch = undecoded;
  undecoded = [];
  for (const [url, mappings] of batch) {
    const { segments, lines } = decodeMappings(mappings);
    data!.port.postMessage({ url, segments, lines } satisfies SourceMapMessage, [segments.buffer, lines.buffer]);
  }
  Atomics.add(counts!, MapCounts.posted, batch.length);
  Atomics.notify(counts!, MapCounts.posted);
}

const TYPESCRIPT = /\.m?ts$/;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<ResolveResult> {
  if (specifier === 'totem-mon' && data) return { url: data.selfEntry, shortCircuit: true };
  const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
  if (parent) {
    const ts = tsFileFor(specifier, parent);
    if (ts) return { url: pathToFileURL(ts).href, shortCircuit: true };
  }
  try {
    return await next(specifier, context);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const file = parent && (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNSUPPORTED_DIR_IMPORT') ? fileWithoutExtension(specifier, parent) : undefined;
    if (file) return { url: pathToFileURL(file).href, shortCircuit: true };
    throw error;
  }
}

export async function load(url: string, context: LoadContext, next: NextLoad): Promise<LoadResult> {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(new URL(url).pathname)) return next(url, context);
  const file = fileURLToPath(url);
  // Read synchronously: this thread only serves the loader, and the promise-based read (open, stat,
  // read, close, each a round trip through the thread pool) cost more than stripping the types.
  const source = readFileSync(file, 'utf8');
  const own = data !== undefined && file.startsWith(data.ownDir + path.sep);
  const { code, mappings } = stripTypes(source, file, { progress: !own });
  if (!own && counts) {
    undecoded.push([url, mappings]);
    Atomics.add(counts, MapCounts.transformed, 1);
  }
  return { format: 'module', source: code, shortCircuit: true };
}
