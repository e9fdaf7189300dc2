/**
 * What can be known of a LogQL query offline: it parses (Grafana's own grammar,
 * @grafana/lezer-logql), it is a log query (lines) or a metric query (numbers), and each stream
 * selector has a matcher Loki accepts: at least one `=` or `=~` that does not match the empty
 * string, else Loki refuses the query ("queries require at least one equality matcher that does
 * not match the empty string").
 */
import { parser } from '@grafana/lezer-logql';
import type { SyntaxNode } from '@lezer/common';
import { substituteVariables, touchesVariable } from './grafana-macros.js';

export interface QueryProblem {
  message: string;
  hint: string;
  from: number;
  to: number;
}

export interface LogqlAnalysis {
  /** A log query returns lines; a metric query (`rate({…}[5m])`, `count_over_time`) numbers. */
  kind: 'log' | 'metric' | 'invalid';
  problems: QueryProblem[];
}

function unquote(text: string): string | undefined {
  if (text.startsWith('`')) return text.slice(1, -1);
  try {
    return JSON.parse(text) as string;
  } catch {
    return undefined;
  }
}

/**
 * Go's RE2, as Loki reads regexes, anchored at both ends (as label matchers are): given by the
 * caller (src/model/re2.ts), so that this folder stays a leaf.
 */
export type Re2 = (pattern: string) => { ok: true; matches: (text: string) => boolean } | { ok: false; error: string };

export function analyzeLogql(expr: string, re2: Re2): LogqlAnalysis {
  const sub = substituteVariables(expr);
  const tree = parser.parse(sub.text);
  let error: SyntaxNode | undefined;
  tree.iterate({
    enter: (n) => {
      if (error === undefined && n.type.isError) error = n.node;
    },
  });
  if (error) {
    const empty = /^\s*\{\s*\}/.exec(sub.text);
    if (empty) {
      return {
        kind: 'invalid',
        problems: [{ message: 'its stream selector {} has no matcher: Loki needs at least one', hint: 'select the stream by a label, e.g. {service="api"}', from: empty.index, to: empty.index + empty[0].length }],
      };
    }
    const at = Math.min(error.from, expr.length);
    return {
      kind: 'invalid',
      problems: [{ message: `it is not valid LogQL (at "${expr.slice(at, at + 20) || 'the end'}")`, hint: 'write a stream selector and a pipeline, e.g. {service="api"} |= "error" | json | level="ERROR"', from: at, to: Math.max(at + 1, error.to) }],
    };
  }
  const top = tree.topNode.firstChild?.firstChild;
  const stringAt = (node: SyntaxNode | null) => (node ? unquote(sub.text.slice(node.from, node.to)) : undefined);
  const kind = top?.name === 'MetricExpr' ? 'metric' : 'log';
  const problems: QueryProblem[] = [];
  tree.iterate({
    enter: (n) => {
      if (n.name !== 'Selector') return;
      const matchers: SyntaxNode[] = [];
      const cursor = n.node.cursor();
      const end = n.to;
      while (cursor.next() && cursor.from < end) if (cursor.name === 'Matcher') matchers.push(cursor.node);
      const accepted = matchers.some((m) => {
        const op = m.getChild('Eq') ? '=' : m.getChild('Re') ? '=~' : undefined;
        const value = m.getChild('String');
        if (!op || !value) return false;
        if (touchesVariable(sub, value.from, value.to)) return true; // its value is unknown offline
        const text = stringAt(value);
        if (text === undefined) return true;
        if (op === '=') return text !== '';
        const compiled = re2(text);
        return !compiled.ok || !compiled.matches(''); // an invalid regex is reported below

      });
      if (!accepted) {
        problems.push({
          message: `its stream selector ${expr.slice(n.from, n.to)} has no matcher that selects something: Loki needs one = or =~ that does not match the empty string`,
          hint: 'select the stream by a label value, e.g. {service="api"} (a != or !~ matcher, or =~".*", selects every stream)',
          from: n.from,
          to: n.to,
        });
      }
    },
  });
  // Every regex (label matchers and filters =~ !~, line filters |~ !~) must be one Go's RE2 reads.
  tree.iterate({
    enter: (n) => {
      const node = n.node;
      const isRegex =
        (n.name === 'Matcher' && (node.getChild('Re') || node.getChild('Nre'))) ||
        (n.name === 'LineFilter' && (node.getChild('Filter')?.getChild('PipeMatch') || node.getChild('Filter')?.getChild('Nre')));
      if (!isRegex) return;
      const value = node.getChild('String');
      if (!value || touchesVariable(sub, value.from, value.to)) return;
      const pattern = stringAt(value);
      if (pattern === undefined) return;
      const compiled = re2(pattern);
      if (compiled.ok) return;
      problems.push({
        message: `its regex ${expr.slice(value.from, value.to)} is not one Loki reads (${compiled.error})`,
        hint: 'Loki reads Go (RE2) regexes: no lookarounds or backreferences; escape ( ) [ ] { } . * + ? as \\\\( in a "…" string (or use `…`)',
        from: value.from,
        to: value.to,
      });
    },
  });
  return { kind, problems };
}
