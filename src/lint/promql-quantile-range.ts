import type { Check } from './check.js';
import { at, hasVariable, ownerName } from './check.js';
import { argumentsOf, flatRoot } from '../promql/parse.js';
import { NODE_SIZE } from '../promql/flat-tree.js';
import { numberLiteral } from '../promql/literal.js';

/** Functions and aggregations whose first argument is a quantile φ. */
const QUANTILE_TAKERS = new Set(['histogram_quantile', 'quantile', 'quantile_over_time']);

export const promqlQuantileRange: Check = {
  id: 'promql/quantile-range',
  severity: 'error',
  description: 'The quantile of histogram_quantile(), quantile() and quantile_over_time() lies in [0, 1] (0.95, not 95).',
  run({ expressions }, report) {
    for (const e of expressions) {
      // Every name looked for holds "quantile", and names are read from the text: most expressions
      // have none, and their trees need no walk.
      if (!e.text.includes('quantile')) continue;
      const flat = flatRoot(e.analysis.parsed);
      if (!flat) continue;
      const { tree, root } = flat;
      const text = e.text;
      // Every node, in the order of a depth-first walk: in a parse walked as numbers, one after the other.
      for (let node = root, end = tree.endOf(root); node < end; node += NODE_SIZE) {
        const kind = tree.name(node);
        if (kind !== 'FunctionCall' && kind !== 'AggregateExpr') continue;
        const from = tree.from(node);
        const nameNode = tree.child(node, kind === 'FunctionCall' ? 'FunctionIdentifier' : 'AggregateOp');
        const written = text.slice(from, nameNode < 0 ? from : tree.to(nameNode));
        const name = kind === 'FunctionCall' ? written : written.trim();
        if (!QUANTILE_TAKERS.has(name)) continue;
        const phi = argumentsOf(tree, node)[0] ?? -1;
        const value = numberLiteral(text, tree, phi);
        if (value === undefined) continue;
        const phiFrom = tree.from(phi);
        const phiTo = tree.to(phi);
        if (hasVariable(e, phiFrom, phiTo) || (value >= 0 && value <= 1)) continue;
        const phiText = text.slice(phiFrom, phiTo);
        const meant = value > 1 && value <= 100 && Number.isInteger(value) ? ` (${value / 100} for the ${value}th percentile)` : '';
        const result = Number.isNaN(value) ? 'NaN' : value > 1 ? '+Inf' : '-Inf';
        report({
          message: `${ownerName(e)}: ${name}(${phiText}, …) asks for quantile ${phiText}, outside [0, 1]: it returns ${result} for every series`,
          hint: `give the quantile as a fraction between 0 and 1${meant}`,
          ...at(e, phiFrom, phiTo),
        });
      }
    }
  },
};
