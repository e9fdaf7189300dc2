/**
 * The alert labels a Prometheus alert template (an alerting rule's annotation or label) reads by
 * name, following the data through Go's text/template as Prometheus runs it: the template's data
 * (`.`, and `$`) holds `.Labels`, and Prometheus declares `$labels := .Labels` before the text. A
 * label is read by a field of the labels map (`$labels.job`, `.Labels.job`, `$.Labels.job`), by
 * `index $labels "job"`, and through what holds the map: a variable it was put in
 * (`{{ $l := $labels }}{{ $l.job }}`, also `:=` in `with`/`if`/`range`), the dot of a `{{ with $labels }}`
 * (`{{ .job }}`), a parenthesized pipeline (`(.Labels).job`). What the dot is elsewhere is followed
 * too: inside `{{ range query "…" }}` or `{{ with $labels.job }}` it is no longer the alert's data,
 * so `.Labels.x` there reads no alert label. A variable assigned in a block is not followed after it
 * (it may hold either value). A `{{ template "x" data }}` (or `{{ block }}`) runs the body of the
 * `{{ define "x" }}` the text holds with that data as its dot and `$`: it is followed there; a
 * define no action calls reads nothing, and a template the text does not define is not followed
 * (Prometheus has no other templates for an alert's text: the expansion fails). Offsets are not
 * kept: callers want the names.
 *
 * Which of those reads print the label's value (`labelsRenderedEmpty`): Prometheus expands alert
 * templates with "missingkey=zero" (template/template.go `NewTemplateExpander`), so a label the
 * alert lacks reads as "", which Go's template takes as false. A read is printed when its value
 * (or a value made of it: `printf`, `toUpper`, a pipeline, a variable holding it) is the output of
 * an action; not when it is only tested (`if`, `with`, `eq`, `not`, `match`, `len`) or declared.
 * `or` prints its first non-empty argument (`{{ or $labels.x "n/a" }}` never renders empty, `{{ or
 * $labels.x $labels.y }}` only without both), `and` its first empty one. What runs only where a
 * label is there (`{{ with $labels.x }}…{{ . }}…{{ end }}`, `{{ if $labels.x }}`, `if and …`,
 * `if eq $labels.x "db"`, `if ne $labels.x ""`, the `else` of `if not $labels.x`, an `else if`
 * after them) runs never when it is missing: its reads print nothing. Which tests say a label is
 * there, where true or where false: its text (or one that is empty exactly where it is: `toUpper`,
 * `title`, `printf "%s"`, `html`, …); `match` with a regex the empty text does not match (true) or
 * does (false); `len` of it, and a length compared with a number (`gt (len $labels.x) 0`, `eq (len
 * $labels.x) 0` where false, either way round); `eq`/`ne`/`lt`/`le`/`gt`/`ge` of it and a text, with
 * the literal first or last; `not`, `and`, `or` of those; a variable holding one. A test of another
 * label says nothing of this one.
 *
 * Prometheus' external labels (`$externalLabels`, `.ExternalLabels`) are another map, read alike
 * (`externalLabelReferences`, `externalLabelsRenderedEmpty`).
 */
import { lexTemplate, unquote, type Token } from './lex.js';

/**
 * A string made of alert labels' values: each spot is a place in it that is empty when every label
 * of the spot is missing (one label, or the alternatives of an `or`); `whole` when the string is
 * that one spot itself (so that testing it tests whether one of the spot's labels is there).
 */
interface LabelText {
  spots: Reference[][];
  whole: boolean;
}

/** A number that is 0 where every label of the clause is missing and 1 or more where one is there: `len $labels.x`. */
interface Count {
  count: string[];
}

/** A truth value (of `match`, `eq`, `not`, …) and what it says of the labels. */
interface Truth {
  truth: Condition;
}

/**
 * What a value is, as far as label references go: the template's data, its labels map, a text of
 * label values, a length of one, a truth value, or something else.
 */
type Held = 'data' | LabelMap | 'other' | LabelText | Count | Truth;

/** The maps of labels an alert template reads: the alert's (`$labels`, `.Labels`), Prometheus' external labels (`$externalLabels`, `.ExternalLabels`). */
type LabelMap = 'labels' | 'external';
const MAP_PREFIX: Record<LabelMap, string> = { labels: 'l:', external: 'e:' };
const isMap = (held: Held | undefined): held is LabelMap => held === 'labels' || held === 'external';

/** How a reference was written, which orders the result: a variable's field, the dot's field, `index`. */
type Form = 0 | 1 | 2;

interface Reference {
  label: string;
  /** The map and the name, as one key (`l:job`, `e:cluster`): clauses and spots hold keys. */
  key: string;
  form: Form;
  /** Its place among the template's reads. */
  order: number;
}

/**
 * What a condition says of the labels: clauses, each a list of labels one of which is there,
 * that hold where it is true (`t`) and where it is false (`f`).
 */
interface Condition {
  t: string[][];
  f: string[][];
}
const NO_CONDITION: Condition = { t: [], f: [] };

interface Frame {
  dot: Held;
  vars: Map<string, Held>;
  /** The variables the block declares. */
  declared: Set<string>;
  /** The clauses that hold where the branch being read runs. */
  guards: string[][];
  /** The clauses that hold in an `else` after the branches read so far (each of their conditions false). */
  otherwise: string[][];
}

interface Value {
  end: number;
  held: Held;
  /** A string literal's value (for `index`'s key). */
  text?: string;
  /** A function's name, when the operand is one. */
  fn?: string;
  /** A literal (string, number, bool, nil) or data that is not the labels'. */
  literal?: boolean;
  /** A decimal integer literal's value (for comparisons with a length). */
  num?: number;
  cond?: Condition;
}

/**
 * A read whose value is printed: empty when every label of `labels` is missing, unless a clause of
 * `guards` (one of its labels is there) fails first. Labels as keys of their map (`l:job`, `e:cluster`).
 */
export interface PrintedLabels {
  labels: readonly string[];
  guards: readonly (readonly string[])[];
  /** The first read's order (form, then place). */
  order: readonly [number, number];
}

const isText = (held: Held | undefined): held is LabelText => typeof held === 'object' && 'spots' in held;
const isCount = (held: Held | undefined): held is Count => typeof held === 'object' && 'count' in held;
const isTruth = (held: Held | undefined): held is Truth => typeof held === 'object' && 'truth' in held;

/** The clause of a value that is empty exactly where every label of it is missing (a whole text of one spot). */
function clauseOf(held: Held | undefined): string[] | undefined {
  return isText(held) && held.whole && held.spots.length === 1 ? held.spots[0]!.map((r) => r.key) : undefined;
}

/** The clauses a value's truth says: a whole text of labels, or its length, is true where one of them is there. */
function conditionOf(value: Value): Condition {
  if (value.cond) return value.cond;
  if (isTruth(value.held)) return value.held.truth;
  if (isCount(value.held)) return { t: [value.held.count], f: [] };
  const clause = clauseOf(value.held);
  return clause ? { t: [clause], f: [] } : NO_CONDITION;
}

/**
 * Whether a regex (Go's RE2 syntax, as `match` reads it: regexp.MatchString, unanchored) matches the
 * empty text; undefined when JavaScript cannot read it alike. A leading `(?flags)` becomes JavaScript's
 * flags; JavaScript's `u` mode refuses what it would read otherwise than Go (`\pL`, `[[:alpha:]]`,
 * `\z`, `\C`, inline flags further on), so that those tell nothing.
 */
function matchesEmpty(pattern: string): boolean | undefined {
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  const flags = [...new Set((lead?.[1] ?? '').replace(/U/g, ''))].join('');
  try {
    return new RegExp(pattern.slice(lead?.[0].length ?? 0), `${flags}u`).test('');
  } catch {
    return undefined;
  }
}

/**
 * Go's and Prometheus' (and Alertmanager's) functions whose text is empty exactly where their one
 * argument is: a case change (`toUpper`, `toLower`, `title`), an escape (`html`, `js`, `urlquery`,
 * `safeHtml`), `print` of one value. Testing them tests the argument. (`trimSpace` may empty a text of
 * spaces; `printf` is one only with the format "%s" or "%v", below.)
 */
const SAME_EMPTINESS = new Set(['toUpper', 'toLower', 'title', 'html', 'js', 'urlquery', 'safeHtml', 'print']);

/**
 * What `lt`/`le`/`gt`/`ge` of a length (or a label's text) and a literal say of the labels, the
 * length first (`lt 0 (len $labels.x)` is read as `gt (len $labels.x) 0`): a length above a number
 * 0 or more, or at least a number 1 or more, is 1 or more; a text above any text, or at least a text
 * that is not empty, is not empty. Where the test is false, the opposite comparison holds.
 */
function ordered(fn: string, args: Value[]): Condition | undefined {
  if (args.length !== 2) return undefined;
  const swap: Record<string, string> = { lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };
  let [subject, bound] = args as [Value, Value];
  let op = fn;
  if (subject.literal) {
    [subject, bound] = [bound, subject];
    op = swap[fn]!;
  }
  let clause: string[] | undefined;
  // `above`: subject > bound says the subject is not empty; `atLeast`: subject >= bound says so.
  let above: boolean;
  let atLeast: boolean;
  if (isCount(subject.held) && bound.num !== undefined) {
    clause = subject.held.count;
    above = bound.num >= 0;
    atLeast = bound.num >= 1;
  } else if (bound.literal && bound.text !== undefined && clauseOf(subject.held)) {
    clause = clauseOf(subject.held)!;
    above = true;
    atLeast = bound.text !== '';
  } else return undefined;
  const holds = op === 'gt' ? above : op === 'ge' ? atLeast : false;
  const fails = op === 'le' ? above : op === 'lt' ? atLeast : false;
  return { t: holds ? [clause] : [], f: fails ? [clause] : [] };
}

/**
 * What `eq`/`ne` say of the labels. Go's `eq a b c` is `a == b || a == c`; `ne` takes two. A text of
 * labels compared with texts: equal to texts that are not empty, it is there; unequal to "" (or equal
 * to "" where false), too. A literal first and texts of labels after (`eq "db" $labels.a $labels.b`):
 * equal, one of them is there (the literal not empty); unequal to "", each is. A length compared with
 * numbers: equal only to numbers 1 or more, it is 1 or more; unequal to 0 (or equal to 0 where false), too.
 */
function equality(fn: 'eq' | 'ne', args: Value[]): Condition | undefined {
  const [first, ...others] = args;
  if (!first || others.length === 0 || (fn === 'ne' && others.length !== 1)) return undefined;
  const from = (clauses: string[][], whereTrue: boolean, whereFalse: boolean): Condition => {
    const [t, f] = fn === 'eq' ? [whereTrue, whereFalse] : [whereFalse, whereTrue];
    return { t: t ? clauses : [], f: f ? clauses : [] };
  };
  // Where `eq` is true, where it is false (`ne` the other way round).
  const subject = clauseOf(first.held);
  if (subject && others.every((o) => o.literal && o.text !== undefined)) {
    return from([subject], others.every((o) => o.text !== ''), others.some((o) => o.text === ''));
  }
  if (isCount(first.held) && others.every((o) => o.num !== undefined)) {
    return from([first.held.count], others.every((o) => o.num! >= 1), others.some((o) => o.num === 0));
  }
  if (first.literal && (first.text !== undefined || first.num !== undefined)) {
    if (first.text !== undefined) {
      const clauses = others.map((o) => clauseOf(o.held));
      if (clauses.some((c) => c === undefined)) return undefined;
      const all = clauses as string[][];
      // Equal to a text that is not empty: one of them is there; unequal to "" (each of them): all are.
      if (first.text !== '') return fn === 'eq' ? { t: either(all.map((c) => [c])), f: [] } : { t: [], f: all.length === 1 ? all : [] };
      return fn === 'eq' ? { t: [], f: all } : { t: all, f: [] };
    }
    if (others.length === 1 && isCount(others[0]!.held)) return from([others[0]!.held.count], first.num! >= 1, first.num === 0);
  }
  return undefined;
}

/** Clauses of which one set holds: one clause (the union) where each set is one clause; otherwise nothing known. */
function either(sets: string[][][]): string[][] {
  if (sets.length === 0 || sets.some((c) => c.length !== 1)) return [];
  return [[...new Set(sets.flatMap((c) => c[0]!))]];
}

/** Functions whose value is no text of their arguments: tests, counts, queries, times. */
const NOT_TEXT = new Set([
  'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'len', 'match', 'query', 'first', 'label', 'value', 'strvalue',
  'args', 'sortByLabel', 'parseDuration', 'toTime', 'toDuration', 'now', 'pathPrefix', 'externalURL',
]);

/**
 * The variables after a block: those it declared (`:=`, shadowing any outer one) go, the outer ones
 * are back; an outer one it assigned (`=`) may hold either value.
 */
function afterBlock(frame: Frame, inside: Map<string, Held>): Map<string, Held> {
  const out = new Map(frame.vars);
  for (const [name, held] of frame.vars) if (!frame.declared.has(name) && inside.get(name) !== held) out.set(name, 'other');
  return out;
}

class Flow {
  dot: Held = 'data';
  vars = new Map<string, Held>([['$', 'data'], ['$labels', 'labels'], ['$externalLabels', 'external']]);
  readonly references: Reference[] = [];

  /** A field of a value: the data's `.Labels` is the labels map; a field of the labels map reads that label. */
  private field(base: Held, token: Token, form: Form): Held {
    const name = token.text.slice(1);
    if (base === 'data') return name === 'Labels' ? 'labels' : name === 'ExternalLabels' ? 'external' : 'other';
    if (isMap(base)) return this.read(base, name, form);
    return 'other';
  }

  /** A read of a label: its value, a text of one spot. */
  private read(map: LabelMap, label: string, form: Form): LabelText {
    const reference = { label, key: MAP_PREFIX[map] + label, form, order: this.references.length };
    this.references.push(reference);
    return { spots: [[reference]], whole: true };
  }

  /** One operand (a term and its field chain) from `tokens[i]`. */
  private operand(tokens: Token[], i: number): Value {
    const t = tokens[i]!;
    let held: Held = 'other';
    let form: Form = 1;
    let end = i + 1;
    let value: Value | undefined;
    let cond: Condition | undefined;
    switch (t.kind) {
      case 'variable':
        held = this.vars.get(t.text) ?? 'other';
        form = t.text === '$' ? 1 : 0;
        break;
      case 'dot':
        held = this.dot;
        break;
      case 'field':
        held = this.field(this.dot, t, 1);
        break;
      case 'leftParen': {
        const inner = this.pipeline(tokens, i + 1, true);
        held = inner.held;
        cond = inner.cond;
        end = tokens[inner.end]?.kind === 'rightParen' ? inner.end + 1 : inner.end;
        break;
      }
      case 'string':
      case 'rawString':
        value = { end, held: 'other', text: unquote(t), literal: true };
        break;
      case 'number':
        value = { end, held: 'other', literal: true, ...(/^[+-]?\d+$/.test(t.text) ? { num: Number(t.text) } : {}) };
        break;
      case 'bool':
      case 'nil':
      case 'char':
        value = { end, held: 'other', literal: true };
        break;
      case 'identifier':
        value = { end, held: 'other', fn: t.text };
        break;
      default:
        break;
    }
    if (value) return value;
    let chained = false;
    while (tokens[end]?.kind === 'field' && tokens[end]!.from === tokens[end - 1]!.to) {
      held = this.field(held, tokens[end]!, form);
      chained = true;
      end++;
    }
    return { end, held, ...(cond && !chained ? { cond } : {}) };
  }

  /**
   * A command (a function and its arguments, or one value) up to `|`, a closing `)` or the end;
   * `piped`, the value of the stage before, is its last argument.
   */
  private command(tokens: Token[], i: number, inParens: boolean, piped?: Value): Value {
    const operands: Value[] = [];
    let end = i;
    while (end < tokens.length) {
      const t = tokens[end]!;
      if (t.kind === 'pipe' || (t.kind === 'rightParen' && inParens)) break;
      if (t.kind === 'rightParen' || t.kind === 'comma' || t.kind === 'declare' || t.kind === 'assign' || t.kind === 'keyword') {
        end++;
        continue;
      }
      const value = this.operand(tokens, end);
      operands.push(value);
      end = Math.max(value.end, end + 1);
    }
    if (piped) operands.push(piped);
    const [first] = operands;
    if (!first) return { end, held: 'other' };
    if (first.fn === undefined) return operands.length === 1 ? { ...first, end } : { end, held: 'other' };
    return { ...this.call(first.fn, operands.slice(1)), end };
  }

  /** A function's value, as a text of labels, and what it says as a condition. */
  private call(fn: string, args: Value[]): { held: Held; cond?: Condition } {
    const texts = (values: Value[]) => values.flatMap((v) => (isText(v.held) ? v.held.spots : []));
    switch (fn) {
      case 'index': {
        // `index $labels "job"`: the first key of the labels map (more keys would index into its string value).
        const [map, key] = args;
        if (!isMap(map?.held) || key?.text === undefined) return { held: 'other' };
        const value = this.read(map.held, key.text, 2);
        return { held: args.length === 2 ? value : 'other' };
      }
      case 'or': {
        // The first argument that is not empty, else the last: an argument other than a label's value (a
        // text, a number, $value) ends it there; an empty string is none.
        const kept = args.filter((a) => !(a.literal && a.text === ''));
        const stop = kept.findIndex((a) => !isText(a.held));
        const before = stop < 0 ? kept : kept.slice(0, stop);
        const labels = before.flatMap((a) => (isText(a.held) ? a.held.spots.flat() : []));
        const whole = stop < 0 && before.length > 0 && before.every((a) => isText(a.held) && a.held.whole && a.held.spots.length === 1);
        const held: Held = stop >= 0 || labels.length === 0 ? 'other' : whole ? { spots: [labels], whole: true } : { spots: [labels], whole: false };
        return { held, cond: { t: either(args.map((a) => conditionOf(a).t)), f: args.flatMap((a) => conditionOf(a).f) } };
      }
      case 'and': {
        // The first empty argument, else the last: each label's value may be the one printed.
        const spots = texts(args);
        return { held: spots.length > 0 ? { spots, whole: false } : 'other', cond: { t: args.flatMap((a) => conditionOf(a).t), f: either(args.map((a) => conditionOf(a).f)) } };
      }
      case 'not': {
        const c = args[0] ? conditionOf(args[0]) : NO_CONDITION;
        return { held: { truth: { t: c.f, f: c.t } } };
      }
      case 'eq':
      case 'ne': {
        const cond = equality(fn, args);
        return { held: cond ? { truth: cond } : 'other' };
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        const cond = ordered(fn, args);
        return { held: cond ? { truth: cond } : 'other' };
      }
      case 'match': {
        // `match "re" text`: true where the text matches; a regex the empty text does not match says the label is there.
        const [re, subject] = args;
        const clause = clauseOf(subject?.held);
        const empty = args.length === 2 && re?.literal && re.text !== undefined ? matchesEmpty(re.text) : undefined;
        if (!clause || empty === undefined) return { held: 'other' };
        return { held: { truth: empty ? { t: [], f: [clause] } : { t: [clause], f: [] } } };
      }
      case 'len': {
        const clause = args.length === 1 ? clauseOf(args[0]!.held) : undefined;
        return { held: clause ? { count: clause } : 'other' };
      }
      case 'printf':
        // `printf "%s" $labels.x` is the label's text itself.
        if (args.length === 2 && args[0]!.literal && (args[0]!.text === '%s' || args[0]!.text === '%v') && isText(args[1]!.held)) return { held: args[1]!.held };
        return { held: texts(args.slice(1)).length > 0 ? { spots: texts(args), whole: false } : 'other' };
      default: {
        if (NOT_TEXT.has(fn)) return { held: 'other' };
        if (SAME_EMPTINESS.has(fn) && args.length === 1 && isText(args[0]!.held)) return { held: args[0]!.held };
        // printf, toUpper, reReplaceAll, humanize…: their text holds their arguments' values.
        const spots = texts(args);
        return { held: spots.length > 0 ? { spots, whole: false } : 'other' };
      }
    }
  }

  /** A pipeline from `tokens[i]` (with its declarations, `$x :=`, `$i, $e :=`); its value is its last command's. */
  pipeline(tokens: Token[], i: number, inParens: boolean): { end: number; held: Held; cond: Condition; declared: string[]; assigned: boolean } {
    const declared: string[] = [];
    let assigned = false;
    const t0 = tokens[i];
    if (t0?.kind === 'variable' && (tokens[i + 1]?.kind === 'declare' || tokens[i + 1]?.kind === 'assign')) {
      declared.push(t0.text);
      assigned = tokens[i + 1]!.kind === 'assign';
      i += 2;
    } else if (t0?.kind === 'variable' && tokens[i + 1]?.kind === 'comma' && tokens[i + 2]?.kind === 'variable' && ['declare', 'assign'].includes(tokens[i + 3]?.kind ?? '')) {
      declared.push(t0.text, tokens[i + 2]!.text);
      i += 4;
    }
    let value: Value | undefined;
    for (;;) {
      value = this.command(tokens, i, inParens, value);
      i = value.end;
      if (tokens[i]?.kind !== 'pipe') break;
      i++;
    }
    return { end: i, held: value.held, cond: conditionOf(value), declared, assigned };
  }
}

/**
 * The labels a template reads from the alert's labels, each once: first those read as a variable's
 * field (`$labels.x`, `$l.x`), then as the dot's (`.Labels.x`, `.x` in `with $labels`), then with
 * `index`, each group in the order written. Tested or printed alike.
 */
export function alertLabelReferences(template: string): readonly string[] {
  return readOnce(template).references;
}

/**
 * The labels a template prints empty where every label not in `kept` is missing: a read whose
 * value is output (not only tested or declared), where none of its alternatives is kept
 * (`or $labels.x $labels.y`), in a branch that runs all the same (each clause that holds there has
 * a kept label: `{{ with $labels.x }}…{{ end }}` never runs without x). In the order of
 * alertLabelReferences.
 */
export function labelsRenderedEmpty(template: string, kept: { has(label: string): boolean }): string[] {
  return renderedEmpty(template, 'labels', kept);
}

/**
 * The external labels (`{{ $externalLabels.x }}`, `.ExternalLabels.x`, `index $externalLabels "x"`)
 * a template prints empty where every name not in `known` is missing; as labelsRenderedEmpty.
 */
export function externalLabelsRenderedEmpty(template: string, known: { has(label: string): boolean }): string[] {
  return renderedEmpty(template, 'external', known);
}

/** The external labels a template reads, tested or printed; in the order of alertLabelReferences. */
export function externalLabelReferences(template: string): readonly string[] {
  return readOnce(template).externalReferences;
}

/** The names of one map printed empty; the other map's labels are taken as there (its own check judges them). */
function renderedEmpty(template: string, map: LabelMap, kept: { has(label: string): boolean }): string[] {
  const prefix = MAP_PREFIX[map];
  const there = (key: string) => !key.startsWith(prefix) || kept.has(key.slice(prefix.length));
  const out = new Map<string, readonly [number, number]>();
  for (const p of readOnce(template).printed) {
    if (p.labels.some(there) || p.guards.some((clause) => !clause.some(there))) continue;
    for (const key of p.labels) {
      const label = key.slice(prefix.length);
      const before = out.get(label);
      if (!before || p.order[0] < before[0] || (p.order[0] === before[0] && p.order[1] < before[1])) out.set(label, p.order);
    }
  }
  return [...out].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]).map(([label]) => label);
}

interface Read {
  references: readonly string[];
  externalReferences: readonly string[];
  printed: readonly PrintedLabels[];
}

function readOnce(template: string): Read {
  // Every way to the labels map starts at `$labels` or `.Labels`: most values (severities, summaries, URLs) have neither.
  if (!template.includes('abels') || !template.includes('{{')) return NONE;
  // Rule sets repeat their texts ('{{ $labels.instance }} is down' in alert after alert): each is read once.
  let read = MEMO.get(template);
  if (read === undefined) {
    if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
    read = readLabelReferences(template);
    MEMO.set(template, read);
  }
  return read;
}

const NONE: Read = Object.freeze({ references: Object.freeze([]), externalReferences: Object.freeze([]), printed: Object.freeze([]) });
/** Templates read, by text; cleared when full, so that a long-lived process (synth(), lint()) keeps a bounded set. */
const MEMO = new Map<string, Read>();
const MEMO_LIMIT = 4096;

/** Actions a template's followed calls may walk in all (a text calling templates that call others, many times each). */
const CALL_BUDGET = 20_000;

function readLabelReferences(template: string): Read {
  const flow = new Flow();
  const printed: PrintedLabels[] = [];
  const stack: Array<Frame & { kind: string }> = [];
  const actions = lexTemplate(template).actions;
  // The `{{ end }}` of each block, by the index of the action opening it; the body of each `define`/`block` by name.
  const endOf = new Map<number, number>();
  const bodies = new Map<string, { from: number; to: number }>();
  {
    const open: number[] = [];
    actions.forEach((action, k) => {
      const head = action.tokens[0];
      if (head?.kind !== 'keyword') return;
      if (['if', 'with', 'range', 'define', 'block'].includes(head.text)) open.push(k);
      else if (head.text === 'end' && open.length > 0) endOf.set(open.pop()!, k);
    });
    for (const k of open) endOf.set(k, actions.length);
    actions.forEach((action, k) => {
      const [head, name] = action.tokens;
      if (head?.kind !== 'keyword' || (head.text !== 'define' && head.text !== 'block')) return;
      if (name?.kind !== 'string' && name?.kind !== 'rawString') return;
      // Go refuses two non-empty definitions of one name in a text; the first is kept here.
      if (!bodies.has(unquote(name))) bodies.set(unquote(name), { from: k + 1, to: endOf.get(k)! });
    });
  }
  const open = (kind: string, cond: Condition = NO_CONDITION) =>
    stack.push({ kind, dot: flow.dot, vars: new Map(flow.vars), declared: new Set(), guards: cond.t, otherwise: cond.f });
  /** Binds what a pipeline declares or assigns; a declaration belongs to the innermost open block. */
  const bind = (p: { declared: string[]; assigned: boolean }, held: Held) => {
    for (const name of p.declared) {
      flow.vars.set(name, held);
      if (!p.assigned) stack.at(-1)?.declared.add(name);
    }
  };
  /** The clauses that hold where the action being read runs: those of every open branch, and of the call that runs the body being read. */
  const holding = (): string[][] => {
    const guards: string[][] = [];
    for (let k = stack.length - 1; k >= 0; k--) {
      guards.push(...stack[k]!.guards);
      if (stack[k]!.kind === 'call') break;
    }
    return guards;
  };
  /** An output of label values, under the clauses that hold there. */
  const print = (held: Held) => {
    if (!isText(held)) return;
    const guards = holding();
    for (const spot of held.spots) {
      const first = spot.reduce((a, b) => (b.form < a.form || (b.form === a.form && b.order < a.order) ? b : a));
      printed.push({ labels: [...new Set(spot.map((r) => r.key))], guards, order: [first.form, first.order] });
    }
  };
  const calling: string[] = [];
  let budget = CALL_BUDGET;
  /**
   * `{{ template "x" data }}` (and `{{ block "x" data }}`): the body of x runs there, with the data as
   * its dot and `$` and no other variable, under the clauses that hold at the call. A template the
   * text does not define is not followed: Prometheus has no other templates for an alert's text, so
   * its expansion fails ("no such template") and prints no label. A call of a template already being
   * followed (recursion), or past the budget, is taken as printing its data.
   */
  const call = (name: string, data: Held) => {
    const body = bodies.get(name);
    if (!body) return;
    if (calling.includes(name) || budget < body.to - body.from) {
      print(data);
      return;
    }
    budget -= body.to - body.from;
    const guards = holding();
    const depth = stack.length;
    stack.push({ kind: 'call', dot: flow.dot, vars: flow.vars, declared: new Set(), guards, otherwise: [] });
    flow.dot = data;
    flow.vars = new Map([['$', data]]);
    calling.push(name);
    walk(body.from, body.to);
    calling.pop();
    const frame = stack[depth]!;
    stack.length = depth;
    flow.dot = frame.dot;
    flow.vars = frame.vars;
  };
  const walk = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const tokens = actions[k]!.tokens;
      const head = tokens[0];
      if (!head) continue;
      if (head.kind !== 'keyword') {
        const p = flow.pipeline(tokens, 0, false);
        bind(p, p.held);
        // `{{ $x := … }}` prints nothing.
        if (p.declared.length === 0) print(p.held);
        continue;
      }
      const top = stack.at(-1);
      const inBlock = top !== undefined && top.kind !== 'call';
      switch (head.text) {
        case 'if':
        case 'with':
        case 'range': {
          const p = flow.pipeline(tokens, 1, false);
          open(head.text, head.text === 'range' ? NO_CONDITION : p.cond);
          if (head.text === 'range') {
            // The dot, and each declared variable, is an element (or a key) of what is ranged over.
            bind(p, 'other');
            flow.dot = 'other';
          } else {
            bind(p, p.held);
            if (head.text === 'with') flow.dot = p.held;
          }
          break;
        }
        case 'else': {
          if (!inBlock) break;
          flow.vars = afterBlock(top, flow.vars);
          flow.dot = top.dot;
          top.declared.clear();
          top.guards = top.otherwise;
          const next = tokens[1];
          if (next?.kind === 'keyword' && (next.text === 'if' || next.text === 'with')) {
            const p = flow.pipeline(tokens, 2, false);
            bind(p, p.held);
            if (next.text === 'with') flow.dot = p.held;
            top.guards = [...top.otherwise, ...p.cond.t];
            top.otherwise = [...top.otherwise, ...p.cond.f];
          }
          break;
        }
        case 'end': {
          if (!inBlock) break;
          stack.pop();
          flow.vars = afterBlock(top, flow.vars);
          flow.dot = top.dot;
          break;
        }
        case 'define':
        case 'block': {
          // A define's body runs where a template calls it; a block's also here, with its pipeline as the data.
          if (head.text === 'block') {
            const data = tokens.length > 2 ? flow.pipeline(tokens, 2, false).held : 'other';
            const name = tokens[1];
            if (name?.kind === 'string' || name?.kind === 'rawString') call(unquote(name), data);
          }
          k = endOf.get(k) ?? actions.length;
          break;
        }
        case 'template': {
          const name = tokens[1];
          const data = tokens.length > 2 ? flow.pipeline(tokens, 2, false).held : 'other';
          if (name?.kind === 'string' || name?.kind === 'rawString') call(unquote(name), data);
          break;
        }
        default:
          break;
      }
    }
  };
  walk(0, actions.length);
  const ordered = [...flow.references].sort((a, b) => a.form - b.form || a.order - b.order);
  const names = (prefix: string) => Object.freeze([...new Set(ordered.filter((r) => r.key.startsWith(prefix)).map((r) => r.label))]);
  return Object.freeze({ references: names(MAP_PREFIX.labels), externalReferences: names(MAP_PREFIX.external), printed: Object.freeze(printed) });
}
