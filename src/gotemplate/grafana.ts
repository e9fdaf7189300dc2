/**
 * A Prometheus alert template (annotation or label text) as Grafana-managed alert rules evaluate it.
 * Grafana defines `$labels` as Prometheus does, but its `$value` is a string of every query's and
 * expression's values: the alert expression's value is `$values.A.Value` (A: the rule's query, see
 * src/compile/grafana/alerting/). `$externalURL` is Grafana's `externalURL` function. Grafana runs
 * no PromQL from templates, so `query` and the functions that read its result, and
 * `$externalLabels` (Prometheus's external labels), have no translation: they are reported.
 */
import { lexTemplate } from './lex.js';

/** The ref id of the alert's PromQL query in a Grafana rule: what `$value` becomes `$values.<ref>.Value` of. */
export const GRAFANA_QUERY_REF = 'A';

/** Prometheus template functions that run a query or read a query's result. */
const QUERY_FUNCTIONS = new Set(['query', 'first', 'label', 'value', 'strvalue', 'sortByLabel']);

export interface GrafanaTemplate {
  text: string;
  /** What has no Grafana equivalent, as written (`query`, `$externalLabels`), in order, each once. */
  unsupported: string[];
}

export function toGrafanaTemplate(text: string): GrafanaTemplate {
  const edits: Array<{ from: number; to: number; text: string }> = [];
  const unsupported = new Set<string>();
  for (const action of lexTemplate(text).actions) {
    for (const token of action.tokens) {
      if (token.kind === 'variable' && token.text === '$value') edits.push({ from: token.from, to: token.to, text: `$values.${GRAFANA_QUERY_REF}.Value` });
      else if (token.kind === 'variable' && token.text === '$externalURL') edits.push({ from: token.from, to: token.to, text: 'externalURL' });
      else if (token.kind === 'variable' && token.text === '$externalLabels') unsupported.add(token.text);
      else if (token.kind === 'identifier' && QUERY_FUNCTIONS.has(token.text)) unsupported.add(token.text);
    }
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return { text: out, unsupported: [...unsupported] };
}
