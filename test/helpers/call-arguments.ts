/** A call's argument nodes (CallRef.argNodes, nodes of a flat tree) as [name, from, to], as tests compare them. */
import type { CallRef } from '../../src/promql/analyze.js';

export function argumentSpans(call: CallRef): Array<[string, number, number]> {
  const args = call.argNodes;
  return args ? args.nodes.map((n) => [args.tree.name(n), args.tree.from(n), args.tree.to(n)]) : [];
}
