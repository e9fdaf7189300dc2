import type { LabelInfo } from './analyze.js';

type Labels = ReadonlySet<string> | readonly string[];

/** How an analysis makes the values it keeps: label sets, names read from the text, lists of enclosing functions. */
export interface AnalysisValues {
  /** A vector's labels; `pinned` labels it does not carry are left out. */
  vector(labels: Labels, exact: boolean, pinned?: Labels): LabelInfo;
  /** The labels of a selected series, as the catalogue's lookup gives them (a list it never changes), with its pinned labels. */
  series(labels: readonly string[], pinned: readonly string[]): LabelInfo;
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
  series(labels, pinned) {
    return this.vector(labels, true, pinned);
  },
  text: (value) => value,
  within: (name, outer) => [name, ...outer],
};

/**
 * What many analyses hold, shared. A large project's analyses hold hundreds of thousands of label
 * sets, names and lists of enclosing functions, nearly all equal to a few (a series' labels, a
 * `by (…)` list, `rate`, `['rate', 'sum']`): values made from equal inputs are one object here,
 * kept for as long as the analyses are. Checks only read them (`ReadonlySet`s, strings, lists
 * nobody changes).
 */
export class Shared implements AnalysisValues {
  private readonly vectors = new Map<string, LabelInfo>();
  private readonly bySeries = new Map<readonly string[], Map<string, LabelInfo>>();
  private readonly texts = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();

  /**
   * A vector's labels; `pinned` labels it does not carry are left out. Known by what it is made
   * from (the same lists give the same vector), so that a known one costs no new set.
   */
  vector(labels: Labels, exact: boolean, pinned?: Labels): LabelInfo {
    // The pinned labels it carries (what the vector keeps of `pinned`), so that pins it drops do not tell vectors apart.
    const fixed = pinned ? [...pinned].filter((l) => (Array.isArray(labels) ? labels.includes(l) : (labels as ReadonlySet<string>).has(l))) : [];
    const key = `${exact ? 1 : 0}${keyOf(labels)}|${keyOf(fixed)}`;
    const known = this.vectors.get(key);
    if (known) return known;
    const info = UNSHARED.vector(labels, exact, fixed);
    this.vectors.set(key, info);
    return info;
  }

  series(labels: readonly string[], pinned: readonly string[]): LabelInfo {
    let known = this.bySeries.get(labels);
    if (!known) this.bySeries.set(labels, (known = new Map()));
    const key = keyOf(pinned);
    let info = known.get(key);
    if (!info) known.set(key, (info = this.vector(labels, true, pinned)));
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
function keyOf(values: Labels): string {
  let key = '';
  for (const value of values) key += `${value.length}:${value}`;
  return key;
}
