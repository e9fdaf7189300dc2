import type { Check } from './check.js';
import { at, emptyEffect, ownerName } from './check.js';
import { expressionsOf, firstExpressionOf, flatRoot, rangeWritten } from '../promql/parse.js';
import { NODE_SIZE, type FlatTree } from '../promql/flat-tree.js';
import { emptiesWhole } from '../promql/empty-reach.js';
import { durationMs, formatDuration } from '../duration.js';

/**
 * A negative `offset` in a rule. A rule is evaluated at the present, and Prometheus holds no
 * sample later than that: `x[5m] offset -2m` reads the window from 3 minutes ago to 2 minutes
 * ahead, so only its last 3 minutes hold samples, and `x[5m] offset -5m` (or more) reads nothing
 * at all. An instant selector looks back 5 minutes (Prometheus' default `--query.lookback-delta`)
 * from its time: `x offset -5m` looks back from 5 minutes ahead, where at most a sample taken at
 * the very instant of the evaluation can be. Panels are left alone: a dashboard looking at the
 * past has samples after every point it draws. Offsets written as expressions (`offset -(1m)`)
 * are not read.
 */
const LOOKBACK_MS = 5 * 60_000;

export const promqlNegativeOffset: Check = {
  id: 'promql/negative-offset',
  severity: 'error',
  description: 'Rule expressions read no samples from the future: a negative offset at least the window is always empty (shorter: warning).',
  run({ expressions }, report) {
    for (const e of expressions) {
      if (e.context === 'panel' || !e.text.includes('-') || !e.text.includes('offset')) continue;
      const flat = flatRoot(e.analysis.parsed);
      if (!flat) continue;
      const { tree, root } = flat;
      for (let node = root, end = tree.endOf(root); node < end; node += NODE_SIZE) {
        if (tree.name(node) !== 'OffsetExpr') continue;
        const amount = tree.child(node, 'OffsetDurationExpr');
        const written = amount < 0 ? '' : e.text.slice(tree.from(amount), tree.to(amount)).replace(/\s+/g, '');
        const ahead = written.startsWith('-') ? durationMs(written.slice(1)) : undefined;
        if (ahead === undefined || ahead === 0) continue;
        const inner = offsetTarget(tree, firstExpressionOf(tree, node));
        const innerName = inner < 0 ? '' : tree.name(inner);
        const ranged = innerName === 'MatrixSelector' || innerName === 'SubqueryExpr';
        if (!ranged && innerName !== 'VectorSelector') continue;
        const windowText = ranged ? rangeWritten(e.text, tree, inner) : undefined;
        const windowMs = ranged ? (windowText === undefined ? undefined : durationMs(windowText)) : LOOKBACK_MS;
        if (windowMs === undefined) continue;
        const shown = e.text.slice(tree.from(inner), tree.to(node));
        const what = ranged ? `the range [${windowText}]` : 'the 5-minute lookback of an instant selector';
        const offsetText = `offset ${written}`;
        if (ahead >= windowMs) {
          const whole = emptiesWhole(e.text, tree, root, inner);
          report({
            message: `${ownerName(e)} reads ${shown}: "${offsetText}" moves ${what} wholly into the future, where a rule evaluated now finds no sample${ahead === windowMs ? ' (but one taken at the very instant of the evaluation)' : ''}, so ${whole ? `it is always empty: ${emptyEffect(e, true)}` : emptyEffect(e, false)}`,
            hint: `remove the minus sign to read the past (${e.text.slice(tree.from(inner), tree.to(inner))} offset ${written.slice(1)}), or drop the offset`,
            ...at(e, tree.from(inner), tree.to(node)),
          });
        } else {
          report({
            severity: 'warning',
            message: `${ownerName(e)} reads ${shown}: "${offsetText}" moves ${what} ${formatDuration(ahead)} into the future, where a rule evaluated now finds no sample: it reads only the last ${formatDuration(windowMs - ahead)}`,
            hint: ranged ? `read the last ${formatDuration(windowMs - ahead)} as such (a shorter range, no offset), or remove the minus sign to read the past` : 'drop the offset, or remove the minus sign to read the past',
            ...at(e, tree.from(inner), tree.to(node)),
          });
        }
      }
    }
  },
};

/**
 * What the offset applies to: lezer's grammar nests `a or b offset -5m` as an offset of the whole
 * `a or b`, where Prometheus' parser (which allows an offset only after a selector or a subquery)
 * reads it as `b`'s: the rightmost operand.
 */
function offsetTarget(tree: FlatTree, node: number): number {
  let n = node;
  while (n >= 0 && (tree.name(n) === 'BinaryExpr' || tree.name(n) === 'UnaryExpr')) n = expressionsOf(tree, n).at(-1) ?? -1;
  return n;
}
