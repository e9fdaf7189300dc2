/**
 * Grafana variables in a LogQL or TraceQL query, replaced by stand-ins of the same length that parse
 * (as for PromQL, src/promql/grafana-variables.ts): a range macro (`[$__auto]`, `[$__interval]`)
 * becomes a duration, any other variable an identifier-like word. Offsets stay those of the user's text.
 */
const RANGE = /\[\$\{?__[A-Za-z_]+\}?\]/g;
const VARIABLE = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::[a-z]+)?\}|\$[A-Za-z_][A-Za-z0-9_]*|\[\[[A-Za-z_][A-Za-z0-9_]*\]\]/g;

export interface Substituted {
  text: string;
  /** Where variables stood (their values are unknown offline). */
  variables: Array<{ from: number; to: number }>;
}

export function substituteVariables(query: string): Substituted {
  const variables: Array<{ from: number; to: number }> = [];
  const ranges = query.replace(RANGE, (m, offset: number) => {
    variables.push({ from: offset, to: offset + m.length });
    return `[${'1'.repeat(m.length - 3)}s]`;
  });
  const text = ranges.replace(VARIABLE, (m, offset: number) => {
    variables.push({ from: offset, to: offset + m.length });
    return `v${'_'.repeat(m.length - 1)}`;
  });
  return { text, variables };
}

/** Whether the span holds a variable. */
export const touchesVariable = (s: Substituted, from: number, to: number): boolean => s.variables.some((v) => v.from < to && v.to > from);
