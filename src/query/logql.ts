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

/** Whether a (Go RE2) regex, anchored as Loki anchors it, matches the empty string; unknown → false. */
function regexMatchesEmpty(source: string): boolean {
  try {
    return new RegExp(`^(?:${source.replace(/^\(\?i\)/, '')})$`).test('');
  } catch {
    return false;
  }
}

export function analyzeLogql(expr: string): LogqlAnalysis {
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
        const text = unquote(sub.text.slice(value.from, value.to));
        if (text === undefined) return true;
        return op === '=' ? text !== '' : !regexMatchesEmpty(text);
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
  return { kind, problems };
}
