/**
 * What a query variable's raw query asks Prometheus (Grafana's Prometheus variable query forms):
 * `label_values(selector, label)`, `label_values(label)`, `query_result(promql)`; the other forms
 * (`label_names()`, `metrics(regex)`) name no series to check.
 */
export type VariableQuery =
  | { readonly kind: 'label_values'; readonly selector?: string; readonly label: string }
  | { readonly kind: 'query_result'; readonly expr: string };

/** The text between the parentheses of `name( … )` filling the whole query, or undefined. */
function argumentsOf(query: string, name: string): string | undefined {
  const m = new RegExp(`^\\s*${name}\\s*\\(`).exec(query);
  if (!m) return undefined;
  const body = query.slice(m[0].length);
  const close = body.lastIndexOf(')');
  if (close < 0 || body.slice(close + 1).trim() !== '') return undefined;
  return body.slice(0, close);
}

/** The last comma outside braces, parentheses and quotes: label_values' selector may hold commas. */
function lastTopLevelComma(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) last = i;
  }
  return last;
}

export function parseVariableQuery(query: string): VariableQuery | undefined {
  const result = argumentsOf(query, 'query_result');
  if (result !== undefined) return result.trim() === '' ? undefined : { kind: 'query_result', expr: result.trim() };
  const args = argumentsOf(query, 'label_values');
  if (args === undefined) return undefined;
  const comma = lastTopLevelComma(args);
  const label = args.slice(comma + 1).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(label)) return undefined;
  const selector = comma < 0 ? '' : args.slice(0, comma).trim();
  return selector === '' ? { kind: 'label_values', label } : { kind: 'label_values', selector, label };
}
