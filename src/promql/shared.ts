import type { LabelInfo } from './analyze.js';

/** How an analysis makes the values it keeps: label sets, names read from the text, lists of enclosing functions. */
export interface AnalysisValues {
  /** A vector's labels; `pinned` labels it does not carry are left out. */
  vector(labels: Iterable<string>, exact: boolean, pinned?: Iterable<string>): LabelInfo;
  /** A name, label or value read from an expression (a slice of its text). */
  text(value: string): string;
  /** `name` in front of the enclosing functions `outer` (innermost first). */
  within(name: string, outer: readonly string[]): string[];
}

/** Every value made afresh: for an analysis on its own, where sharing would cost more than it keeps. */
export const UNSHARED: AnalysisValues = {
  vector(labels, exact, pinned) {
    const set = new Set(labels);
    const fixed = pinned ? [...pinned].filter((l) => set.has(l)) : [];
    return fixed.length > 0 ? { kind: 'vector', labels: set, exact, pinned: new Set(fixed) } : { kind: 'vector', labels: set, exact };
  },
  text: (value) => value,
  within: (name, outer) => [name, ...outer],
};

/**
 * What many analyses hold, shared. A large project's analyses hold hundreds of thousands of label
 * sets, names and lists of enclosing functions, nearly all equal to a few (a series' labels, a
 * `by (…)` list, `rate`, `['rate', 'sum']`): equal values are one object here, kept for as long
 * as the analyses are. Checks only read them (`ReadonlySet`s, strings, lists nobody changes).
 */
export class Shared implements AnalysisValues {
  private readonly vectors = new Map<string, LabelInfo>();
  private readonly texts = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();

  /** A vector's labels; `pinned` labels it does not carry are left out. */
  vector(labels: Iterable<string>, exact: boolean, pinned?: Iterable<string>): LabelInfo {
    const set = new Set(labels);
    const fixed = pinned ? [...pinned].filter((l) => set.has(l)) : [];
    const pinnedSet = fixed.length > 0 ? new Set(fixed) : undefined;
    const key = `${exact ? 1 : 0}${keyOf(set)}|${pinnedSet ? keyOf(pinnedSet) : ''}`;
    const known = this.vectors.get(key);
    if (known) return known;
    const info: LabelInfo = pinnedSet ? { kind: 'vector', labels: set, exact, pinned: pinnedSet } : { kind: 'vector', labels: set, exact };
    this.vectors.set(key, info);
    return info;
  }

  /** A name, label or value read from an expression (a slice of its text): one string for equal ones. */
  text(value: string): string {
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    this.texts.set(value, value);
    return value;
  }

  /** `name` in front of the enclosing functions `outer` (innermost first). */
  within(name: string, outer: readonly string[]): string[] {
    const list = [name, ...outer];
    const key = keyOf(list);
    const known = this.lists.get(key);
    if (known) return known;
    this.lists.set(key, list);
    return list;
  }
}

/** The values in order, each with its length first: no two different lists give the same key. */
function keyOf(values: Iterable<string>): string {
  let key = '';
  for (const value of values) key += `${value.length}:${value}`;
  return key;
}
