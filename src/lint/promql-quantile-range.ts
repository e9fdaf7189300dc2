import type { Check } from './check.js';
import { at, hasVariable, ownerName } from './check.js';
import { childNamed, eachNode, expressionChildren } from '../promql/parse.js';
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
      // have none, and their trees need no walk (nor reading: a stored tree is rebuilt).
      if (!e.text.includes('quantile')) continue;
      const root = e.analysis.parsed.root;
      if (!root) continue;
      const text = e.text;
      // Every node, in the order of a depth-first walk, read through a cursor: only the calls and
      // aggregations it stops at become node objects.
      eachNode(root, (cursor) => {
        const kind = cursor.name;
        if (kind !== 'FunctionCall' && kind !== 'AggregateExpr') return;
        const node = cursor.node;
        const name =
          kind === 'FunctionCall'
            ? text.slice(node.from, childNamed(node, 'FunctionIdentifier')?.to ?? node.from)
            : text.slice(node.from, childNamed(node, 'AggregateOp')?.to ?? node.from).trim();
        if (!QUANTILE_TAKERS.has(name)) return;
        const body = childNamed(node, 'FunctionCallBody');
        const phi = body ? expressionChildren(body)[0] : undefined;
        const value = numberLiteral(text, phi);
        if (phi && value !== undefined && !hasVariable(e, phi.from, phi.to) && !(value >= 0 && value <= 1)) {
          const written = text.slice(phi.from, phi.to);
          const meant = value > 1 && value <= 100 && Number.isInteger(value) ? ` (${value / 100} for the ${value}th percentile)` : '';
          const result = Number.isNaN(value) ? 'NaN' : value > 1 ? '+Inf' : '-Inf';
          report({
            message: `${ownerName(e)}: ${name}(${written}, …) asks for quantile ${written}, outside [0, 1]: it returns ${result} for every series`,
            hint: `give the quantile as a fraction between 0 and 1${meant}`,
            ...at(e, phi.from, phi.to),
          });
        }
      });
    }
  },
};
