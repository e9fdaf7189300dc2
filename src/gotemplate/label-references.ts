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
 * (it may hold either value); the bodies of `{{ define }}` and the templates `{{ template }}` calls
 * are not followed. Offsets are not kept: callers want the names.
 */
import { lexTemplate, unquote, type Token } from './lex.js';

/** What a value is, as far as label references go: the template's data, its labels map, or something else. */
type Held = 'data' | 'labels' | 'other';

/** How a reference was written, which orders the result: a variable's field, the dot's field, `index`. */
type Form = 0 | 1 | 2;

interface Reference {
  label: string;
  form: Form;
}

interface Frame {
  dot: Held;
  vars: Map<string, Held>;
  /** The variables the block declares. */
  declared: Set<string>;
}

interface Value {
  end: number;
  held: Held;
  /** A string literal's value (for `index`'s key). */
  text?: string;
  /** A function's name, when the operand is one. */
  fn?: string;
}

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
  vars = new Map<string, Held>([['$', 'data'], ['$labels', 'labels']]);
  readonly references: Reference[] = [];

  /** A field of a value: the data's `.Labels` is the labels map; a field of the labels map reads that label. */
  private field(base: Held, token: Token, form: Form): Held {
    const name = token.text.slice(1);
    if (base === 'data') return name === 'Labels' ? 'labels' : 'other';
    if (base === 'labels') this.references.push({ label: name, form });
    return 'other';
  }

  /** One operand (a term and its field chain) from `tokens[i]`. */
  private operand(tokens: Token[], i: number): Value {
    const t = tokens[i]!;
    let held: Held = 'other';
    let form: Form = 1;
    let end = i + 1;
    let value: Value | undefined;
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
        end = tokens[inner.end]?.kind === 'rightParen' ? inner.end + 1 : inner.end;
        break;
      }
      case 'string':
      case 'rawString':
        value = { end, held: 'other', text: unquote(t) };
        break;
      case 'identifier':
        value = { end, held: 'other', fn: t.text };
        break;
      default:
        break;
    }
    if (value) return value;
    while (tokens[end]?.kind === 'field' && tokens[end]!.from === tokens[end - 1]!.to) {
      held = this.field(held, tokens[end]!, form);
      end++;
    }
    return { end, held };
  }

  /** A command (a function and its arguments, or one value) up to `|`, a closing `)` or the end. */
  private command(tokens: Token[], i: number, inParens: boolean): Value {
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
    // `index $labels "job"`: the first key of the labels map (more keys would index into its string value).
    const [first, map, key] = operands;
    if (first?.fn === 'index' && map?.held === 'labels' && key?.text !== undefined) this.references.push({ label: key.text, form: 2 });
    return { end, held: operands.length === 1 && first!.fn === undefined ? first!.held : 'other' };
  }

  /** A pipeline from `tokens[i]` (with its declarations, `$x :=`, `$i, $e :=`); its value is the first command's when it has one stage. */
  pipeline(tokens: Token[], i: number, inParens: boolean): { end: number; held: Held; declared: string[]; assigned: boolean } {
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
    let held: Held = 'other';
    let stages = 0;
    for (;;) {
      const command = this.command(tokens, i, inParens);
      stages++;
      held = stages === 1 ? command.held : 'other';
      i = command.end;
      if (tokens[i]?.kind !== 'pipe') break;
      i++;
    }
    return { end: i, held, declared, assigned };
  }
}

/**
 * The labels a template reads from the alert's labels, each once: first those read as a variable's
 * field (`$labels.x`, `$l.x`), then as the dot's (`.Labels.x`, `.x` in `with $labels`), then with
 * `index`, each group in the order written.
 */
export function alertLabelReferences(template: string): readonly string[] {
  // Every way to the labels map starts at `$labels` or `.Labels`: most values (severities, summaries, URLs) have neither.
  if (!template.includes('abels') || !template.includes('{{')) return NONE;
  // Rule sets repeat their texts ('{{ $labels.instance }} is down' in alert after alert): each is read once.
  let labels = MEMO.get(template);
  if (labels === undefined) {
    if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
    labels = Object.freeze(readLabelReferences(template));
    MEMO.set(template, labels);
  }
  return labels;
}

const NONE: readonly string[] = Object.freeze([]);
/** Templates read, by text; cleared when full, so that a long-lived process (synth(), lint()) keeps a bounded set. */
const MEMO = new Map<string, readonly string[]>();
const MEMO_LIMIT = 4096;

function readLabelReferences(template: string): string[] {
  const flow = new Flow();
  const stack: Array<Frame & { kind: string }> = [];
  const open = (kind: string) => stack.push({ kind, dot: flow.dot, vars: new Map(flow.vars), declared: new Set() });
  /** Binds what a pipeline declares or assigns; a declaration belongs to the innermost open block. */
  const bind = (p: { declared: string[]; assigned: boolean }, held: Held) => {
    for (const name of p.declared) {
      flow.vars.set(name, held);
      if (!p.assigned) stack.at(-1)?.declared.add(name);
    }
  };
  for (const action of lexTemplate(template).actions) {
    const tokens = action.tokens;
    const head = tokens[0];
    if (!head) continue;
    if (head.kind !== 'keyword') {
      const p = flow.pipeline(tokens, 0, false);
      bind(p, p.held);
      continue;
    }
    switch (head.text) {
      case 'if':
      case 'with':
      case 'range': {
        open(head.text);
        const p = flow.pipeline(tokens, 1, false);
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
        const top = stack.at(-1);
        if (!top) break;
        flow.vars = afterBlock(top, flow.vars);
        flow.dot = top.dot;
        top.declared.clear();
        const next = tokens[1];
        if (next?.kind === 'keyword' && (next.text === 'if' || next.text === 'with')) {
          const p = flow.pipeline(tokens, 2, false);
          bind(p, p.held);
          if (next.text === 'with') flow.dot = p.held;
        }
        break;
      }
      case 'end': {
        const top = stack.pop();
        if (!top) break;
        // A define's or block's body has variables of its own.
        flow.vars = top.kind === 'define' || top.kind === 'block' ? new Map(top.vars) : afterBlock(top, flow.vars);
        flow.dot = top.dot;
        break;
      }
      case 'define':
      case 'block': {
        // A block's body runs with its pipeline as the data; a define's, with whatever its caller passes.
        const p = head.text === 'block' && tokens.length > 2 ? flow.pipeline(tokens, 2, false) : undefined;
        open(head.text);
        flow.dot = p?.held ?? 'other';
        flow.vars = new Map([['$', flow.dot]]);
        break;
      }
      case 'template':
        if (tokens.length > 2) flow.pipeline(tokens, 2, false);
        break;
      default:
        break;
    }
  }
  const ordered = flow.references.map((r, i) => ({ ...r, i })).sort((a, b) => a.form - b.form || a.i - b.i);
  return [...new Set(ordered.map((r) => r.label))];
}
