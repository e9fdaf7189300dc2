/**
 * A parse tree kept as its node data alone and rebuilt as a lezer Tree when it is read. lezer
 * gives each tree a Tree, a TreeBuffer, a typed array and a buffer of their own (~0.9 KiB for a
 * rule's expression, most of it objects around ~0.3 KiB of node data); a run keeps the parse of
 * every distinct expression until its checks are done, when its memory peaks (the large benchmark's
 * 15,600 trees: ~14 MiB). Stored, a tree is a slice of a block of node data that many trees share
 * and an object saying where. A rebuilt tree has the very nodes, types and positions of the parsed
 * one (test/promql/stored-tree.test.ts) and costs three small objects, not a parse.
 *
 * Only the shape lezer gives an expression of up to a few thousand nodes is stored this way: a top
 * node over one TreeBuffer of 16-bit node data, without node props. Any other tree (a long or
 * deep expression) is kept as it is.
 */
import { Tree, TreeBuffer, type NodeSet, type NodeType } from '@lezer/common';
import { FlatTree, NODE_SIZE } from './flat-tree.js';

/** Node data is copied into blocks of this many 16-bit numbers (64 KiB); a tree's that is larger gets an array of its own. */
const BLOCK_SIZE = 32 * 1024;

/**
 * The block being filled. Blocks are no cache: each lives as long as a stored tree in it does, and
 * what a tree reads is its own slice alone. The one being filled outlives a run (at most one block).
 */
let block = new Uint16Array(BLOCK_SIZE);
let filled = 0;

/** A tree as its node data (a slice of a block) and what its Tree and TreeBuffer were built with. */
export class StoredTree {
  constructor(
    private readonly data: Uint16Array,
    private readonly from: number,
    private readonly to: number,
    private readonly type: NodeType,
    private readonly set: NodeSet,
    private readonly length: number,
    private readonly bufferLength: number,
  ) {}

  /** The tree, rebuilt: a new Tree over a view of the stored node data. */
  tree(): Tree {
    return new Tree(this.type, [new TreeBuffer(this.data.subarray(this.from, this.to), this.bufferLength, this.set)], [0], this.length);
  }

  /** The node data read in place, as the walk of numbers reads a tree (flat-tree.ts): no Tree rebuilt. */
  flat(): FlatTree {
    return new FlatTree(this.data, this.from, this.to, this.set);
  }

  /**
   * This tree for another text of the same shape (shapes.ts), stored: the same nodes, each position
   * taken through `position`; undefined when one has no place in that text or no room in 16 bits.
   */
  moved(position: (at: number) => number): StoredTree | undefined {
    const length = position(this.length);
    const bufferLength = position(this.bufferLength);
    if (length < 0 || bufferLength < 0) return undefined;
    const size = this.to - this.from;
    const [into, at] = room(size);
    for (let i = 0; i < size; i += NODE_SIZE) {
      const from = position(this.data[this.from + i + 1]!);
      const to = position(this.data[this.from + i + 2]!);
      if (from < 0 || to < 0 || to > 0xffff) {
        // Nothing stored: the room taken is given back.
        if (into === block) filled = at;
        return undefined;
      }
      into[at + i] = this.data[this.from + i]!;
      into[at + i + 1] = from;
      into[at + i + 2] = to;
      into[at + i + 3] = this.data[this.from + i + 3]!;
    }
    return new StoredTree(into, at, at + size, this.type, this.set, length, bufferLength);
  }
}

/** Room for `size` numbers of node data: in the block being filled (a new one when it is full), or an array of its own when larger than a block. */
function room(size: number): [Uint16Array, number] {
  if (size > BLOCK_SIZE) return [new Uint16Array(size), 0];
  if (filled + size > BLOCK_SIZE) {
    block = new Uint16Array(BLOCK_SIZE);
    filled = 0;
  }
  const at = filled;
  filled += size;
  return [block, at];
}

/** The tree stored (its node data copied), or undefined when it is not of the shape stored this way. */
export function storeTree(tree: Tree): StoredTree | undefined {
  const only = tree.children.length === 1 ? tree.children[0] : undefined;
  // Node props on the top node would be lost (lezer's parser sets none on an expression's).
  if (!(only instanceof TreeBuffer) || !(only.buffer instanceof Uint16Array) || tree.positions[0] !== 0 || tree.propValues.length > 0) return undefined;
  const size = only.buffer.length;
  const [into, at] = room(size);
  into.set(only.buffer, at);
  return new StoredTree(into, at, at + size, tree.type, only.set, tree.length, only.length);
}
