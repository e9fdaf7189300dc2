/**
 * What can be known of a TraceQL query or a trace id offline: the query parses (Grafana's own
 * grammar, @grafana/lezer-traceql); a trace id is 1 to 32 hex digits (Tempo's and Jaeger's ids).
 */
import { parser } from '@grafana/lezer-traceql';
import { substituteVariables } from './grafana-macros.js';
import type { QueryProblem } from './logql.js';

export function traceqlProblems(query: string): QueryProblem[] {
  const sub = substituteVariables(query);
  const tree = parser.parse(sub.text);
  let at: { from: number; to: number } | undefined;
  tree.iterate({
    enter: (n) => {
      if (at === undefined && n.type.isError) at = { from: n.from, to: n.to };
    },
  });
  if (!at) return [];
  const from = Math.min(at.from, query.length);
  return [
    {
      message: `it is not valid TraceQL (at "${query.slice(from, from + 20) || 'the end'}")`,
      hint: 'write a spanset filter, e.g. { resource.service.name = "api" && name = "checkout" && duration > 2s }',
      from,
      to: Math.max(from + 1, at.to),
    },
  ];
}

/** A trace id, unless it is a variable (`$traceId`, `${traceId}`). */
export function traceIdProblems(id: string): QueryProblem[] {
  if (substituteVariables(id).variables.length > 0) return [];
  if (/^[0-9a-fA-F]{1,32}$/.test(id)) return [];
  return [{ message: `"${id}" is not a trace id: 1 to 32 hex digits`, hint: 'give the trace id as hex, e.g. 4bf92f3577b34da6a3ce929d0e0e4736, or a variable such as $traceId', from: 0, to: id.length }];
}
