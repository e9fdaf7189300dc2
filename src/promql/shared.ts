import type { LabelInfo } from './analyze.js';

type Labels = ReadonlySet<string> | readonly string[];

/**
 * A vector whose labels are not known: every vector has these five fields, `pinned` undefined where
 * none is (one hidden class for the label sets the checks read: see selectorRef in analyze.ts).
 */
export const UNKNOWN_VECTOR: LabelInfo = { kind: 'vector', labels: new Set(), exact: false, pinned: undefined, bounded: false };

/**
 * A scalar's and a string's label set: a vector's fields, undefined, so that they share its hidden
 * class (code reading a call's arguments, scalars among vectors, is then not compiled twice).
 */
export const SCALAR: LabelInfo = { kind: 'scalar', labels: undefined, exact: undefined, pinned: undefined, bounded: undefined };
export const STRING: LabelInfo = { kind: 'string', labels: undefined, exact: undefined, pinned: undefined, bounded: undefined };

/** How an analysis makes the values it keeps: label sets, names read from the text, lists of enclosing functions. */
export interface AnalysisValues {
  /**
   * A vector's labels; `pinned` labels it does not carry are left out. `bounded` (what `exact`
   * says, unless told): no series carries a label outside `labels`, though some may lack some.
   */
  vector(labels: Labels, exact: boolean, pinned?: Labels, bounded?: boolean): LabelInfo;
  /** The labels of a selected series, as the catalogue's lookup gives them (a list it never changes), with its pinned labels. */
  series(labels: readonly string[], pinned: readonly string[]): LabelInfo;
  /** A name, label or value read from an expression (a slice of its text). */
  text(value: string): string;
  /** `name` in front of the enclosing functions `outer` (innermost first). */
  within(name: string, outer: readonly string[]): string[];
  /** A call's list of argument kinds (node names). */
  kinds(list: string[]): readonly string[];
}

/** Every value made afresh: for an analysis on its own, where sharing would cost more than it keeps. */
export const UNSHARED: AnalysisValues = {
  vector(labels, exact, pinned, bounded = exact) {
    const set = new Set(labels);
    const fixed = pinned ? [...pinned].filter((l) => set.has(l)) : [];
    // `pinned` on every vector, undefined when none is (as UNKNOWN_VECTOR).
    return { kind: 'vector', labels: set, exact, pinned: fixed.length > 0 ? new Set(fixed) : undefined, bounded: exact || bounded };
  },
  series(labels, pinned) {
    return this.vector(labels, true, pinned);
  },
  text: (value) => value,
  within: (name, outer) => [name, ...outer],
  kinds: (list) => list,
};

/**
 * What many analyses hold, shared. A large project's analyses hold hundreds of thousands of label
 * sets, names and lists of enclosing functions, nearly all equal to a few (a series' labels, a
 * `by (…)` list, `rate`, `['rate', 'sum']`): values made from equal inputs are one object here,
 * kept for as long as the analyses are. Checks only read them (`ReadonlySet`s, strings, lists
 * nobody changes).
 *
 * Label sets and lists are found by walking a tree of their strings, one step per string, rather
 * than by a key string made of them: no key is built (and hashed) for every look-up, and the
 * strings walked are mostly ones whose hash V8 already keeps (names read through `text`, the
 * catalogue's labels).
 */
export class Shared implements AnalysisValues {
  private readonly exactVectors = new Step<LabelInfo>();
  private readonly inexactVectors = new Step<LabelInfo>();
  private readonly boundedVectors = new Step<LabelInfo>();
  private readonly bySeries = new Map<readonly string[], Step<LabelInfo>>();
  private readonly texts = new Map<string, string>();
  private readonly lists = new Map<string, Step<string[]>>();
  private readonly kindLists = new Step<readonly string[]>();

  /**
   * A vector's labels; `pinned` labels it does not carry are left out. Known by what it is made
   * from (the same lists give the same vector), so that a known one costs no new set.
   */
  vector(labels: Labels, exact: boolean, pinned?: Labels, bounded = exact): LabelInfo {
    let step = exact ? this.exactVectors : bounded ? this.boundedVectors : this.inexactVectors;
    for (const label of labels) step = step.next(label);
    // The pinned labels it carries (what the vector keeps of `pinned`), so that pins it drops do not tell vectors apart.
    step = step.end();
    let fixed: string[] | undefined;
    if (pinned) {
      const has = Array.isArray(labels) ? (l: string) => labels.includes(l) : (l: string) => (labels as ReadonlySet<string>).has(l);
      for (const label of pinned) {
        if (!has(label)) continue;
        (fixed ??= []).push(label);
        step = step.next(label);
      }
    }
    return (step.value ??= UNSHARED.vector(labels, exact, fixed ?? [], bounded));
  }

  series(labels: readonly string[], pinned: readonly string[]): LabelInfo {
    let step = this.bySeries.get(labels);
    if (!step) this.bySeries.set(labels, (step = new Step()));
    for (const label of pinned) step = step.next(label);
    return (step.value ??= this.vector(labels, true, pinned));
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
    let step = this.lists.get(name);
    if (!step) this.lists.set(name, (step = new Step()));
    for (const fn of outer) step = step.next(fn);
    return (step.value ??= [name, ...outer]);
  }

  /** A call's list of argument kinds: one list for equal ones (`['MatrixSelector']` for most). */
  kinds(list: string[]): readonly string[] {
    let step = this.kindLists;
    for (const kind of list) step = step.next(kind);
    return (step.value ??= list);
  }
}

/**
 * One step of a walk along a list of strings: the value of the list that ends here, the steps to
 * the next string, and (for vectors) the step past the end of the first list, where the second begins.
 */
class Step<T> {
  value: T | undefined;
  private following: Map<string, Step<T>> | undefined;
  private after: Step<T> | undefined;

  next(value: string): Step<T> {
    const following = (this.following ??= new Map());
    let step = following.get(value);
    if (!step) following.set(value, (step = new Step()));
    return step;
  }

  end(): Step<T> {
    return (this.after ??= new Step());
  }
}
