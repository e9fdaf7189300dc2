import { expressionsOf, operatorAfter } from './parse.js';
import { NODE_SIZE, type FlatTree } from './flat-tree.js';

/** Functions whose result is not empty for an empty argument: absent*() return 1, scalar() NaN. */
const FILLING = new Set(['absent', 'absent_over_time', 'scalar']);

/**
 * Whether the whole expression at `root` is empty whenever the sub-expression `node` is: no `or`
 * above it, no `unless` with it on the right, no absent()/absent_over_time()/scalar() around it.
 * Functions, aggregations, filters and arithmetic of an empty vector are empty.
 */
export function emptiesWhole(source: string, tree: FlatTree, root: number, node: number): boolean {
  for (let n = root; n < node; n += NODE_SIZE) {
    if (tree.endOf(n) <= node) continue; // not an ancestor of `node`
    const name = tree.name(n);
    if (name === 'FunctionCall') {
      const identifier = tree.child(n, 'FunctionIdentifier');
      if (identifier >= 0 && FILLING.has(source.slice(tree.from(identifier), tree.to(identifier)))) return false;
    } else if (name === 'BinaryExpr') {
      const [lhs = -1] = expressionsOf(tree, n);
      const operator = operatorAfter(tree, lhs, tree.endOf(n));
      const op = operator >= 0 ? tree.name(operator) : '';
      const onLeft = lhs >= 0 && lhs <= node && node < tree.endOf(lhs);
      if (op === 'Or' || (op === 'Unless' && !onLeft)) return false;
    }
  }
  return true;
}
