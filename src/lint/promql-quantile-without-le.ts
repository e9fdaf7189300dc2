import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { callArgument } from '../promql/analyze.js';

export const promqlQuantileWithoutLe: Check = {
  id: 'promql/quantile-without-le',
  severity: 'error',
  description: 'histogram_quantile() gets buckets that still carry the `le` label.',
  run({ expressions }, report) {
    for (const e of expressions) {
      for (const call of e.analysis.calls) {
        if (call.name !== 'histogram_quantile') continue;
        const input = call.args[1];
        if (!input || input.kind !== 'vector' || !input.exact || input.labels.has('le')) continue;
        // Only for a finding: a call's argument nodes are found again on every read.
        const arg = callArgument(call, 1);
        if (!arg) continue;
        const { tree, node } = arg;
        report({
          message: `${ownerName(e)}: the input of histogram_quantile() has no "le" label left, so there are no buckets to compute a quantile from`,
          hint: 'keep le in the aggregation: sum by (le) (rate(x_bucket[5m])), or sum by (le, job) (…)',
          ...at(e, tree.from(node), tree.to(node)),
        });
      }
    }
  },
};
