/**
 * A parse tree's nodes read as numbers, for the analysis walk (analyze.ts) and the checks that walk
 * a tree. A node is the index of its four entries in a list of node data, as a lezer TreeBuffer
 * keeps them: type id, from, to, and where its subtree ends (the index after its last descendant,
 * counted from the list's `base`); its children follow it. Walking a lezer tree makes a node object
 * for each step from child to child (and the walk listed the children it searched); walking
 * numbers makes nothing: a third less of what a large project's analyses allocate.
 *
 * A stored parse (stored-tree.ts) is read in place: its node data is this list. Any other tree (a
 * long or deep expression, a part of one) is copied into a list once (`flatten`), through a lezer
 * cursor, so that both have the children lezer's nodes give (anonymous nodes left out).
 */
import type { NodeSet, NodeType, SyntaxNode } from '@lezer/common';

/** What the walk reads of a node's type, by type id, made once per node set. */
interface TypeTable {
  names: readonly string[];
  errors: readonly boolean[];
}

const tables = new WeakMap<NodeSet, TypeTable>();

/**
 * The entries of one node. Nodes lie in the order of a depth-first walk (a recursion over first
 * child and next sibling), so `root` and every node below it are `root`, `root + NODE_SIZE`, … up
 * to `endOf(root)`: a walk of a subtree is a loop.
 */
export const NODE_SIZE = 4;

function typeTable(set: NodeSet): TypeTable {
  let table = tables.get(set);
  if (!table) tables.set(set, (table = { names: set.types.map((t: NodeType) => t.name), errors: set.types.map((t: NodeType) => t.isError) }));
  return table;
}

export class FlatTree {
  private readonly names: readonly string[];
  private readonly errors: readonly boolean[];

  /** `data[base…end)` holds the nodes; the top-level ones are siblings from `base`. */
  constructor(
    private readonly data: ArrayLike<number>,
    private readonly base: number,
    readonly end: number,
    set: NodeSet,
  ) {
    ({ names: this.names, errors: this.errors } = typeTable(set));
  }

  /** The first top-level node, or -1 when there is none. */
  first(): number {
    return this.base < this.end ? this.base : -1;
  }

  name(node: number): string {
    return this.names[this.data[node]!]!;
  }

  /** The node's type id: its name is `typeNames[typeId(node)]` (a walk that wants a few names tests ids in a table of its own). */
  typeId(node: number): number {
    return this.data[node]!;
  }

  /** The names of the node set's types, by type id (one list per node set, shared by its trees). */
  get typeNames(): readonly string[] {
    return this.names;
  }

  isError(node: number): boolean {
    return this.errors[this.data[node]!]!;
  }

  from(node: number): number {
    return this.data[node + 1]!;
  }

  to(node: number): number {
    return this.data[node + 2]!;
  }

  /** Where `node`'s subtree ends: its descendants are the nodes after it up to there (its children: `firstChild`, then `next(child, endOf(node))`). */
  endOf(node: number): number {
    return this.base + this.data[node + 3]!;
  }

  /** The node's first child, or -1. */
  firstChild(node: number): number {
    return node + NODE_SIZE < this.endOf(node) ? node + NODE_SIZE : -1;
  }

  /** The sibling after `node` within a parent whose subtree ends at `end` (endOf(parent), or `this.end` at the top), or -1. */
  next(node: number, end: number): number {
    const after = this.endOf(node);
    return after < end ? after : -1;
  }

  /** The node named `name` spanning exactly from–to in `root`'s subtree (the first in walk order), or -1. */
  find(root: number, name: string, from: number, to: number): number {
    for (let node = root, end = this.endOf(root); node < end; node += NODE_SIZE) {
      if (this.from(node) === from && this.to(node) === to && this.name(node) === name) return node;
    }
    return -1;
  }

  /**
   * The parent of `node` within `root`'s subtree (-1 for `root` itself): a descent from `root`, for
   * walks that need the parent of a few nodes only and so keep no stack of open nodes.
   */
  parentOf(root: number, node: number): number {
    if (node === root) return -1;
    let parent = root;
    for (;;) {
      const end = this.endOf(parent);
      let c = this.firstChild(parent);
      // The child whose subtree holds `node` (children lie in order, each subtree before the next).
      while (c >= 0 && this.endOf(c) <= node) c = this.next(c, end);
      if (c < 0 || c === node) return c < 0 ? -1 : parent;
      parent = c;
    }
  }

  /** `node`'s first child named `name`, or -1. */
  child(node: number, name: string): number {
    const end = this.endOf(node);
    for (let c = this.firstChild(node); c >= 0; c = this.next(c, end)) if (this.name(c) === name) return c;
    return -1;
  }
}

/**
 * `root` and its subtree as a flat tree, `root` its first node (index 0), with the children lezer's
 * nodes give: one pass of a cursor, which makes no node object per step.
 */
export function flatten(root: SyntaxNode, set: NodeSet): FlatTree {
  const data: number[] = [];
  const cursor = root.cursor();
  /** Nodes entered whose subtree end is not written yet, outermost first. */
  const open: number[] = [];
  const enter = (): number => {
    const at = data.length;
    data.push(cursor.type.id, cursor.from, cursor.to, 0);
    return at;
  };
  let at = enter();
  for (;;) {
    if (cursor.firstChild()) {
      open.push(at);
      at = enter();
      continue;
    }
    data[at + 3] = data.length;
    for (;;) {
      // Back at the root: the cursor would go on to its siblings, outside the subtree.
      if (open.length === 0) return new FlatTree(Int32Array.from(data), 0, data.length, set);
      if (cursor.nextSibling()) {
        at = enter();
        break;
      }
      cursor.parent();
      const closed = open.pop()!;
      data[closed + 3] = data.length;
    }
  }
}
