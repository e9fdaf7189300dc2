import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { flatRoot } from '../promql/parse.js';
import { NODE_SIZE } from '../promql/flat-tree.js';

/**
 * `@` in a rule. A rule is an instant query at each evaluation time: `x @ 1700000000` reads the
 * same past instant at every evaluation (an alert on it fires always or never; a recording rule
 * writes one constant value forever), and `@ start()` / `@ end()` are that evaluation time itself
 * (Prometheus sets start and end to it), so they change nothing and only mislead the reader.
 */
export const promqlAtModifier: Check = {
  id: 'promql/at-modifier',
  severity: 'error',
  description: 'Rule expressions do not pin what they read to a fixed time with @ (every evaluation would read the same instant).',
  run({ expressions }, report) {
    for (const e of expressions) {
      if (e.context === 'panel' || !e.text.includes('@') || e.analysis.parsed.errors.length > 0) continue;
      const flat = flatRoot(e.analysis.parsed);
      if (!flat) continue;
      const { tree, root } = flat;
      for (let node = root, end = tree.endOf(root); node < end; node += NODE_SIZE) {
        if (tree.name(node) !== 'StepInvariantExpr') continue;
        const atNode = tree.child(node, 'At');
        const target = atNode < 0 ? -1 : tree.next(atNode, tree.endOf(node));
        if (target < 0) continue;
        // `@ end()`: the expression ends with the modifier, its parentheses included.
        const to = tree.name(target) === 'NumberDurationLiteral' ? tree.to(target) : tree.to(node);
        const written = e.text.slice(tree.from(atNode), to);
        if (tree.name(target) === 'NumberDurationLiteral') {
          report({
            message: `${ownerName(e)} reads "${written}", one fixed instant, at every evaluation: ${e.context === 'alert' ? 'the alert fires always or never' : 'the rule records the same value forever'}`,
            hint: 'remove the @ modifier (a rule reads the latest samples at each evaluation); for a past value use offset, e.g. x offset 1d',
            ...at(e, tree.from(atNode), to),
          });
        } else {
          report({
            severity: 'warning',
            message: `${ownerName(e)} uses "${written}": in a rule, start() and end() are the evaluation time itself, so the modifier changes nothing`,
            hint: 'remove it',
            ...at(e, tree.from(atNode), to),
          });
        }
      }
    }
  },
};
