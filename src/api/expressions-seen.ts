/**
 * The builders tell each PromQL text they are given to whoever listens: the loader process
 * (src/io/loader/loader-process.ts) sends them to totem-mon in batches while the definitions still run, and
 * totem-mon parses them meanwhile (src/promql/early.ts). Only a head start: what is told changes
 * nothing in what the builders return. Outside the loader nothing listens, and this does nothing.
 */

/** `globalThis[Symbol.for(EXPRESSIONS_SEEN)]`: the listener, set by the loader process. */
export const EXPRESSIONS_SEEN = 'totem-mon.loader.expressions';

let key: symbol | undefined;

/** A text a builder was given (anything but a string is not told). */
export function seeExpression(text: unknown): void {
  const listener = (globalThis as Record<symbol, unknown>)[(key ??= Symbol.for(EXPRESSIONS_SEEN))];
  if (typeof listener === 'function' && typeof text === 'string') (listener as (text: string) => void)(text);
}

/**
 * The `expr` of each query of a panel or dashboard (targets, annotations). Only plain values are
 * read: telling must not run a getter of the definitions' (their code runs as it always did).
 */
export function seeQueries(queries: unknown): void {
  if (!Array.isArray(queries) || !listening()) return;
  for (let i = 0; i < queries.length; i++) {
    const query = Object.getOwnPropertyDescriptor(queries, i)?.value as unknown;
    if (typeof query === 'object' && query !== null) seeExpression(Object.getOwnPropertyDescriptor(query, 'expr')?.value);
  }
}

function listening(): boolean {
  return typeof (globalThis as Record<symbol, unknown>)[(key ??= Symbol.for(EXPRESSIONS_SEEN))] === 'function';
}
