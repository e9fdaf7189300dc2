/**
 * What `promtool test rules` (2.42) writes on stderr for failed cases, one block per case, files
 * one after the other, each file's blocks after a `FAILED:` line:
 *
 *       name: HighErrorRate › 5% errors does not fire,
 *       alertname: HighErrorRate, time: 10m,
 *           exp:[],
 *           got:[ 0: Labels:{…} Annotations:{…} ]
 *       expr: "job:errors:rate5m # job:errors:rate5m › sums routes", time: 5m,
 *           exp: {__name__="job:errors:rate5m", job="api"} 2E+00
 *           got: {__name__="job:errors:rate5m", job="api"} 3E+00
 *
 * Each block is read on its own: what follows it (another case, another file) is never part of it.
 * promtool names alert cases; for a recording rule's case it prints the query, whose trailing PromQL
 * comment (written by the compiler) names the case.
 */
export interface CaseFailure {
  /** The promtool test name (`Rule › case`), when the output names it. */
  name?: string;
  at: string;
  expected?: string;
  got?: string;
  /** promtool could not evaluate (instead of expected/got). */
  error?: string;
}

const NAME = /^\s*name: (.*),\s*$/;
const ALERT = /^\s*alertname: .*?, time: ([^,\s]+),\s*$/;
const EXPR = /^\s*expr: ("(?:[^"\\]|\\.)*"), time: ([^,\s]+),\s*(?:err: (.*))?$/;
const END = /^\s*(FAILED:|Unit Testing:|SUCCESS)/;

interface Block {
  kind: 'alert' | 'expr' | 'other';
  name?: string;
  at?: string;
  error?: string;
  lines: string[];
}

function caseOfQuery(quoted: string): string | undefined {
  let query: string;
  try {
    query = JSON.parse(quoted) as string;
  } catch {
    query = quoted.slice(1, -1);
  }
  return / # (.*)$/.exec(query)?.[1];
}

function blocks(stderr: string): Block[] {
  const out: Block[] = [];
  let current: Block | undefined;
  for (const line of stderr.split('\n')) {
    if (END.test(line)) {
      current = undefined;
      continue;
    }
    const name = NAME.exec(line);
    if (name) {
      out.push((current = { kind: 'other', name: name[1]!, lines: [] }));
      continue;
    }
    const alert = ALERT.exec(line);
    if (alert) {
      // Usually right after its `name:` line; without one, a block of its own.
      if (!current || current.kind !== 'other' || current.lines.length > 0) out.push((current = { kind: 'other', lines: [] }));
      current.kind = 'alert';
      current.at = alert[1]!;
      continue;
    }
    const expr = EXPR.exec(line);
    if (expr) {
      const name = caseOfQuery(expr[1]!);
      out.push((current = { kind: 'expr', at: expr[2]!, lines: [], ...(name ? { name } : {}), ...(expr[3] ? { error: expr[3] } : {}) }));
      continue;
    }
    if (current && line.trim() !== '') current.lines.push(line);
  }
  return out;
}

/** Labels and annotations of each alert, one per line; `no alert` for an empty list. */
function alerts(list: string): string {
  const lines = list.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d+:$/.test(l));
  return lines.length === 0 ? 'no alert' : lines.join('\n      ');
}

/** `{__name__="r", job="a"} 2E+01, {…} 3E+00` → `r{job="a"} 20`, one series per line. */
function samples(list: string): string {
  const series = list.trim() === '' ? [] : list.trim().split(/(?<=\S), (?=\{)/);
  if (series.length === 0) return 'no series';
  return series
    .map((s) => {
      const match = /^\{(.*)\} (\S+)$/.exec(s.trim());
      if (!match) return s.trim();
      const labels = match[1]!.split(/, (?=[A-Za-z_][A-Za-z0-9_]*=")/);
      const nameLabel = labels.find((l) => l.startsWith('__name__='));
      const name = nameLabel ? (JSON.parse(nameLabel.slice('__name__='.length)) as string) : '';
      const rest = labels.filter((l) => l !== nameLabel && l !== '');
      const value = Number(match[2]);
      return `${name}{${rest.join(', ')}} ${Number.isNaN(value) ? match[2] : value}`;
    })
    .join('\n      ');
}

export function parseTestFailures(stderr: string): CaseFailure[] {
  return blocks(stderr).map((block): CaseFailure => {
    const base = { ...(block.name !== undefined ? { name: block.name } : {}), at: block.at ?? '?' };
    const body = block.lines.join('\n');
    if (block.error !== undefined) return { ...base, error: block.error };
    if (block.kind === 'alert') {
      const match = /exp:\[([\s\S]*?)\],\s*got:\[([\s\S]*)\]\s*$/.exec(body.trim());
      if (match) return { ...base, expected: alerts(match[1]!), got: alerts(match[2]!) };
    }
    if (block.kind === 'expr') {
      const exp = /^\s*exp: ?(.*)$/m.exec(body);
      const got = /^\s*got: ?(.*)$/m.exec(body);
      if (exp && got) return { ...base, expected: samples(exp[1]!), got: samples(got[1]!) };
    }
    return { ...base, error: block.lines.map((l) => l.trim()).join('\n      ') || 'failed (promtool said no more)' };
  });
}
