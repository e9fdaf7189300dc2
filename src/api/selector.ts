/**
 * Label matchers for PromQL selectors built from catalogue objects. A plain string means `=`;
 * the helpers give the other three operators.
 */
/** The label matcher operators, the same in PromQL selectors and Alertmanager matchers. */
export const MATCH_OPS = ['=', '!=', '=~', '!~'] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export interface MatchValue {
  op: MatchOp;
  value: string;
}

export type Matcher = string | MatchValue;
export type Matchers<L extends string> = { readonly [K in L]?: Matcher };

export const eq = (value: string): MatchValue => ({ op: '=', value });
export const ne = (value: string): MatchValue => ({ op: '!=', value });
export const re = (value: string): MatchValue => ({ op: '=~', value });
export const nre = (value: string): MatchValue => ({ op: '!~', value });

function quote(value: string): string {
  return JSON.stringify(value);
}

/** `name{a="x",b=~"y"}`; labels in the order given, so the output reads as written. */
export function renderSelector(name: string, matchers?: Readonly<Record<string, Matcher | undefined>>): string {
  const parts: string[] = [];
  for (const [label, m] of Object.entries(matchers ?? {})) {
    if (m === undefined) continue;
    const { op, value } = typeof m === 'string' ? { op: '=', value: m } : m;
    parts.push(`${label}${op}${quote(value)}`);
  }
  return parts.length > 0 ? `${name}{${parts.join(',')}}` : name;
}
