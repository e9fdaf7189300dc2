/**
 * How the module hooks thread (hooks.ts) hands the loader's main thread (child.ts) the definitions'
 * source maps: decoded there, each map's buffers transferred over a MessagePort, and two counters in
 * shared memory so that the main thread knows when every map it may need has been posted. Apart from
 * hooks.ts so that the main thread does not load oxc.
 */

/**
 * Indexes into the Int32Array over HooksData.counts: how many definition modules were transformed
 * (counted before the module is returned), and how many of their maps are posted decoded (counted
 * after they are posted, then notified). The main thread waits for the second to reach the first.
 */
export const MapCounts = { transformed: 0, posted: 1 } as const;

/** One transformed module's source map, decoded (source-map.ts): its URL and the way back to its TypeScript. */
export interface SourceMapMessage {
  url: string;
  segments: Int32Array<ArrayBuffer>;
  lines: Int32Array<ArrayBuffer>;
}
