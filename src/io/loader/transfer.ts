/**
 * The project crosses from the loader process to totem-mon's as structured-clone data. The API's
 * objects are plain data with a `kind`, but metric handles carry methods (`select`, `toString`, …)
 * and users may put any value anywhere, so before sending, the loader copies the graph:
 *   - a function becomes a marker object, revived as an inert function of the same name on the
 *     other side (the schema then reports it exactly as before: "received function");
 *   - a symbol becomes a marker too, revived as a symbol with the same description;
 *   - every `source` (a builder's call site) is mapped back to the TypeScript position and made
 *     relative to the folder that holds the definitions;
 *   - shared objects and cycles stay shared and cyclic (the checks report cycles, not the loader);
 *   - getters run here, in the loader process, never in totem-mon's.
 * Both walks use an explicit stack: a deep graph is not a stack overflow.
 */
import type { SourceRef } from '../../diagnostic.js';

const FUNCTION = '\u0000totem-mon:function';
const SYMBOL = '\u0000totem-mon:symbol';

type Mapper = (source: SourceRef) => SourceRef;

/**
 * Where toTransferable left a function or symbol marker: the container (an object or array of the
 * copy) and the key. Sent beside the copy in the same message, so the containers are the copy's
 * own objects on the other side, where only these places need reviving (no walk over the graph).
 */
export type MarkerPlace = [Record<string, unknown> | unknown[], string | number];

/** Date, RegExp, Map, Set, buffers…: structured clone copies these itself. */
function isCloneableLeaf(value: object): boolean {
  return value instanceof Date || value instanceof RegExp || value instanceof Map || value instanceof Set || ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

function isSourceRef(value: unknown): value is SourceRef {
  return typeof value === 'object' && value !== null && typeof (value as SourceRef).file === 'string' && typeof (value as SourceRef).line === 'number';
}

export function toTransferable(root: unknown, mapSource: Mapper, markers?: MarkerPlace[]): unknown {
  const copies = new Map<object, unknown>();
  // The objects still to copy and their copies, as two stacks (not a pair per object: 100,000 on the large set).
  const pendingFrom: Array<Record<string, unknown> | unknown[]> = [];
  const pendingTo: Array<Record<string, unknown> | unknown[]> = [];
  const convert = (value: unknown): unknown => {
    if (typeof value === 'function') return { [FUNCTION]: value.name };
    if (typeof value === 'symbol') return { [SYMBOL]: value.description ?? '' };
    if (typeof value !== 'object' || value === null) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    // Plain objects and arrays, nearly all of a project, are no leaf: only others are asked.
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== Array.prototype && isCloneableLeaf(value)) return value;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? new Array<unknown>(value.length) : {};
    copies.set(value, copy);
    pendingFrom.push(value as Record<string, unknown>);
    pendingTo.push(copy);
    return copy;
  };
  const top = convert(root);
  while (pendingFrom.length > 0) {
    const from = pendingFrom.pop()!;
    const to = pendingTo.pop()!;
    if (Array.isArray(from)) {
      for (let i = 0; i < from.length; i++) {
        const value = from[i];
        (to as unknown[])[i] = convert(value);
        if (markers && (typeof value === 'function' || typeof value === 'symbol')) markers.push([to, i]);
      }
      continue;
    }
    for (const key of Object.keys(from)) {
      const value = from[key];
      (to as Record<string, unknown>)[key] = key === 'source' && isSourceRef(value) ? mapSource(value) : convert(value);
      if (markers && (typeof value === 'function' || typeof value === 'symbol')) markers.push([to, key]);
    }
  }
  return top;
}

function inertFunction(name: string): () => void {
  const fn = function (): void {};
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

function revived(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (FUNCTION in value) return inertFunction(String((value as Record<string, unknown>)[FUNCTION]));
  if (SYMBOL in value) return Symbol(String((value as Record<string, unknown>)[SYMBOL]));
  return value;
}

/**
 * Turns the markers back into (inert) functions and symbols, in place: at the places listed (see
 * MarkerPlace), else wherever they are in the graph.
 */
export function reviveTransferred(root: unknown, markers?: readonly MarkerPlace[]): unknown {
  if (markers) {
    for (const [container, key] of markers) (container as Record<string | number, unknown>)[key] = revived((container as Record<string | number, unknown>)[key]);
    return revived(root);
  }
  const top = revived(root);
  const seen = new Set<object>();
  const stack: unknown[] = [top];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node) || isCloneableLeaf(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value !== 'object' || value === null) continue;
      const back = revived(value);
      if (back !== value) record[key] = back;
      else stack.push(value);
    }
  }
  return top;
}
