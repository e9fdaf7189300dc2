/**
 * PromQL that Prometheus accepts but lezer-promql cannot take in one piece. Lezer deliberately cuts
 * trees that grow too deep (a parse stack over 8,400 entries, ~300 left-associative reductions
 * over 2,000 characters) and reports the cut as a syntax error: a 5,000-term `or` chain, or a
 * thousand nested `sum by (job) (…)`, which Prometheus parses fine, would be "syntax errors".
 *
 * When a large expression fails, it is parsed again in parts, each small enough for lezer, with
 * its positions in the whole text (lezer reads the text with everything outside the part seen as
 * spaces): a wrapping `( … )` is stripped, a long chain is cut into runs of operands at its
 * top-level binary operators, and deep nesting is cut at depth 64 into the inner expression (parsed
 * on its own) and the shell around it (the inner expression seen as `0` and spaces, so that every
 * position stays where it was). Only a part that still fails is a syntax error, at its place.
 * Iterative: no input can make this recurse.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { Input, Tree } from '@lezer/common';
import type { SyntaxProblem } from './parse.js';

type Span = { from: number; to: number };
/** A masked span and what lezer sees at its start: `0`, or `0[1m:]` where a range vector was. */
type Mask = Span & { fill: string };

/** One part: a range of the expression (inner spans seen as `0`), parsed alone; positions are the whole text's. */
export interface ParsedPart {
  tree: Tree;
  from: number;
  to: number;
  masks: Mask[];
}

const SPACES = ' '.repeat(4096);

/** The expression as lezer sees a part: spaces outside [from, to), `0` and spaces over each mask. */
class PartInput implements Input {
  readonly lineChunks = false;
  readonly length: number;
  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly to: number,
    private readonly masks: readonly Mask[],
  ) {
    this.length = text.length;
  }

  chunk(pos: number): string {
    if (pos < this.from) return SPACES.slice(0, Math.min(SPACES.length, this.from - pos));
    if (pos >= this.to) return SPACES.slice(0, Math.max(1, Math.min(SPACES.length, this.length - pos)));
    const mask = this.masks.find((m) => pos >= m.from && pos < m.to);
    if (mask) {
      const offset = pos - mask.from;
      if (offset < mask.fill.length) return mask.fill.slice(offset);
      return SPACES.slice(0, Math.min(SPACES.length, mask.to - pos));
    }
    const next = Math.min(this.to, ...this.masks.filter((m) => m.from > pos).map((m) => m.from));
    return this.text.slice(pos, Math.min(next, pos + 8192));
  }

  read(from: number, to: number): string {
    let out = '';
    for (let pos = from; pos < to; ) {
      const piece = this.chunk(pos).slice(0, to - pos);
      out += piece;
      pos += piece.length;
    }
    return out;
  }
}

/** The part's text with masks applied, for tokenizing (positions from `from`). */
function view(text: string, from: number, to: number, masks: readonly Mask[]): string {
  return new PartInput(text, from, to, masks).read(from, to);
}

/** Below both: lezer never cuts (see the header). */
const LARGE_TEXT = 2_000;
const DEEP_NESTING = 200;
/** Safety bound on the work (each step strips, splits or masks something, so it ends anyway). */
const MAX_STEPS = 200_000;

const BINARY_WORDS = new Set(['and', 'or', 'unless', 'atan2']);
/** Words after which `( … )` is a list of labels, not an expression. */
const LABEL_LIST_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
/** Words after which a `+`/`-` is unary. */
const NOT_OPERAND_END = new Set([...BINARY_WORDS, ...LABEL_LIST_WORDS, 'bool', 'offset']);
const SYMBOLS = ['==', '!=', '<=', '>=', '=~', '!~', '<', '>', '+', '-', '*', '/', '%', '^', '@', ':', ','];

type Token =
  | { kind: 'open' | 'close'; char: string; from: number; to: number }
  | { kind: 'word' | 'number' | 'string' | 'symbol'; text: string; from: number; to: number };

/** Tokens of a part's view (positions from `base`): strings and comments whole, brackets as open/close. */
function tokenize(view: string, base: number): Token[] {
  const tokens = tokenizeText(view, 0, view.length);
  return base === 0 ? tokens : tokens.map((t) => ({ ...t, from: t.from + base, to: t.to + base }));
}

function tokenizeText(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < to && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'" || c === '`') {
      const start = i++;
      while (i < to && text[i] !== c) i += c !== '`' && text[i] === '\\' ? 2 : 1;
      i++;
      tokens.push({ kind: 'string', text: text.slice(start, Math.min(i, to)), from: start, to: Math.min(i, to) });
    } else if ('([{'.includes(c)) {
      tokens.push({ kind: 'open', char: c, from: i, to: ++i });
    } else if (')]}'.includes(c)) {
      tokens.push({ kind: 'close', char: c, from: i, to: ++i });
    } else if (/[0-9.]/.test(c)) {
      const m = /^(?:0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?(?:[a-zA-Z][a-zA-Z0-9]*)*)/.exec(text.slice(i, Math.min(to, i + 64)));
      const end = i + Math.max(1, m?.[0].length ?? 1);
      tokens.push({ kind: 'number', text: text.slice(i, end), from: i, to: end });
      i = end;
    } else if (/[A-Za-z_:]/.test(c)) {
      const start = i;
      while (i < to && /[A-Za-z0-9_:.]/.test(text[i]!)) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), from: start, to: i });
    } else {
      const symbol = SYMBOLS.find((s) => text.startsWith(s, i)) ?? c;
      tokens.push({ kind: 'symbol', text: symbol, from: i, to: i + symbol.length });
      i += symbol.length;
    }
  }
  return tokens;
}

/** The deepest bracket nesting of the text (strings and comments aside). */
export function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (const t of tokenizeText(text, 0, text.length)) {
    if (t.kind === 'open') max = Math.max(max, ++depth);
    else if (t.kind === 'close') depth--;
  }
  return max;
}

/**
 * Below both limits for certain, without tokenizing: short enough, and fewer opening brackets in
 * all than the nesting limit (the deepest nesting never exceeds their count).
 */
export function surelyWithinLezer(text: string): boolean {
  if (text.length >= LARGE_TEXT) return false;
  let opens = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 40 || c === 91 || c === 123) && ++opens >= DEEP_NESTING) return false; // ( [ {
  }
  return true;
}

/** Whether lezer's failure may be its own depth limit rather than the expression's mistake. */
export function mayBeTooDeepForLezer(text: string): boolean {
  return text.length >= LARGE_TEXT || maxNesting(text) >= DEEP_NESTING;
}

function parseRange(text: string, from: number, to: number, masks: readonly Mask[]): { tree: Tree; errors: SyntaxProblem[] } {
  const tree = parser.parse(new PartInput(text, from, to, masks));
  const errors: SyntaxProblem[] = [];
  let lastErrorEnd = -1;
  tree.iterate({
    enter(node) {
      if (!node.type.isError) return;
      if (node.from > lastErrorEnd) errors.push({ from: node.from, to: node.to, message: '' });
      lastErrorEnd = Math.max(lastErrorEnd, node.to);
    },
  });
  if (view(text, from, to, masks).trim() === '') errors.push({ from, to, message: 'missing expression' });
  return { tree, errors };
}

/** How many `( … )` wrap the whole token list (matching pairs at both ends), found in one pass. */
function wrappingParens(tokens: Token[]): number {
  const match = new Array<number>(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'open') open.push(i);
    else if (t.kind === 'close' && open.length > 0) match[open.pop()!] = i;
  });
  let n = 0;
  while (n < tokens.length / 2) {
    const t = tokens[n]!;
    if (t.kind !== 'open' || t.char !== '(' || match[n] !== tokens.length - 1 - n) break;
    n++;
  }
  return n;
}

/** Top-level binary operators (with their `bool`, `on (…)`, `group_left (…)` modifiers) as [from, to) spans. */
function topLevelOperators(tokens: Token[]): Array<{ from: number; to: number }> {
  const ops: Array<{ from: number; to: number }> = [];
  let depth = 0;
  let operandEnded = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'open') {
      depth++;
      continue;
    }
    if (t.kind === 'close') {
      depth--;
      if (depth === 0) operandEnded = true;
      continue;
    }
    if (depth > 0) continue;
    const word = t.kind === 'word' ? t.text.toLowerCase() : undefined;
    const isBinary =
      (word !== undefined && BINARY_WORDS.has(word)) ||
      (t.kind === 'symbol' && ['==', '!=', '<=', '>=', '<', '>', '*', '/', '%', '^'].includes(t.text)) ||
      (t.kind === 'symbol' && (t.text === '+' || t.text === '-') && operandEnded);
    if (!isBinary || !operandEnded) {
      operandEnded = t.kind === 'word' ? !NOT_OPERAND_END.has(word!) : t.kind === 'number' || t.kind === 'string';
      continue;
    }
    // The operator, then its modifiers: bool, on/ignoring (…), group_left/group_right [(…)].
    let end = t.to;
    let j = i + 1;
    for (;;) {
      const next = tokens[j];
      const w = next?.kind === 'word' ? next.text.toLowerCase() : undefined;
      if (w === 'bool') {
        end = next!.to;
        j++;
      } else if (w !== undefined && LABEL_LIST_WORDS.has(w) && w !== 'by' && w !== 'without') {
        end = next!.to;
        j++;
        if (tokens[j]?.kind === 'open') {
          let d = 0;
          for (; j < tokens.length; j++) {
            const u = tokens[j]!;
            if (u.kind === 'open') d++;
            else if (u.kind === 'close' && --d === 0) break;
          }
          end = tokens[j]?.to ?? end;
          j++;
        }
      } else {
        break;
      }
    }
    ops.push({ from: t.from, to: end });
    i = j - 1;
    operandEnded = false;
  }
  return ops;
}

/**
 * The first `( … )` at nesting `depth` (or the deepest level above it that has one) that holds an
 * expression (not `by (…)`, `on (…)`, …), as its content span.
 */
function groupAtDepth(tokens: Token[], depth: number): Span | undefined {
  const found = new Map<number, { from: number; to: number }>();
  const stack: Array<{ token: Token; level: number; expression: boolean }> = [];
  let previous: Token | undefined;
  for (const t of tokens) {
    if (t.kind === 'open') {
      const afterWord = previous?.kind === 'word' && LABEL_LIST_WORDS.has(previous.text.toLowerCase());
      stack.push({ token: t, level: stack.length + 1, expression: t.char === '(' && !afterWord });
    } else if (t.kind === 'close') {
      const open = stack.pop();
      if (open?.expression && open.level <= depth && !found.has(open.level)) {
        const content = { from: open.token.to, to: t.from };
        if (content.to > content.from) found.set(open.level, content);
      }
    }
    previous = t;
  }
  for (let level = depth; level >= 1; level--) if (found.has(level)) return found.get(level);
  return undefined;
}

export interface PartsResult {
  parts: ParsedPart[];
  /** Parts that still fail: genuine syntax errors, at their place in the whole text (messages empty). */
  errors: SyntaxProblem[];
}

/** A part lezer parses in one go: few operators in a row, shallow, short. */
const CHUNK_OPERATORS = 48;
const CHUNK_CHARS = 1_500;
const CHUNK_DEPTH = 64;

function nesting(tokens: Token[]): number {
  let depth = 0;
  let max = 0;
  for (const t of tokens) {
    if (t.kind === 'open') max = Math.max(max, ++depth);
    else if (t.kind === 'close') depth--;
  }
  return max;
}

/** Lezer on a part; its own stack overflow (it builds trees recursively) counts as a failure. */
function tryParse(text: string, from: number, to: number, masks: readonly Mask[]): { tree?: Tree; errors: SyntaxProblem[] } {
  try {
    return parseRange(text, from, to, masks);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { errors: [{ from, to, message: '' }] };
  }
}

/** The expression in parts lezer can parse (see the header). */
export function parseInParts(text: string): PartsResult {
  const parts: ParsedPart[] = [];
  const errors: SyntaxProblem[] = [];
  type Item = Span & { masks: Mask[]; single?: boolean };
  const work: Item[] = [{ from: 0, to: text.length, masks: [] }];
  const within = (masks: Mask[], span: Span) => masks.filter((m) => m.from >= span.from && m.to <= span.to);
  for (let steps = 0; work.length > 0; steps++) {
    const item = work.pop()!;
    const tokens = tokenize(view(text, item.from, item.to, item.masks), item.from);
    const wrapped = wrappingParens(tokens);
    if (wrapped > 0) {
      const inner = { from: tokens[wrapped - 1]!.to, to: tokens[tokens.length - wrapped]!.from };
      work.push({ ...inner, masks: within(item.masks, inner) });
      continue;
    }
    const ops = steps < MAX_STEPS && !item.single ? topLevelOperators(tokens) : [];
    const depth = nesting(tokens);
    const small = ops.length <= CHUNK_OPERATORS && item.to - item.from <= CHUNK_CHARS && depth <= CHUNK_DEPTH;
    const operands = (): Span[] => {
      const out: Span[] = [];
      let start = item.from;
      for (const op of [...ops, { from: item.to, to: item.to }]) {
        out.push({ from: start, to: op.from });
        start = op.to;
      }
      return out;
    };
    if (ops.length > 0 && !small) {
      // A long chain: runs of operands short enough for lezer, each a valid expression on its own.
      const all = operands();
      let run = all[0]!;
      let count = 1;
      const flush = () => work.push({ ...run, masks: within(item.masks, run), single: count === 1 });
      for (const operand of all.slice(1)) {
        if (count < CHUNK_OPERATORS && operand.to - run.from <= CHUNK_CHARS) {
          run = { from: run.from, to: operand.to };
          count++;
        } else {
          flush();
          run = operand;
          count = 1;
        }
      }
      flush();
      continue;
    }
    if (ops.length === 0 && depth > CHUNK_DEPTH && steps < MAX_STEPS) {
      // Deep nesting: the expression at depth CHUNK_DEPTH on its own, the shell around it with it masked.
      const group = groupAtDepth(tokens, CHUNK_DEPTH);
      if (group) {
        // A range vector (`x[5m]`, a subquery) stays one for the shell: `rate(…)` still gets a range.
        const range = tokens.some((t) => t.kind === 'close' && t.char === ']' && t.to === group.to) || /\]\s*$/.test(view(text, group.from, group.to, item.masks));
        const fill = range && group.to - group.from >= 6 ? '0[1m:]' : '0';
        work.push({ from: item.from, to: item.to, masks: [...item.masks, { ...group, fill }] });
        work.push({ ...group, masks: within(item.masks, group) });
        continue;
      }
    }
    const parsed = tryParse(text, item.from, item.to, item.masks);
    if (parsed.errors.length === 0 && parsed.tree) {
      parts.push({ tree: parsed.tree, from: item.from, to: item.to, masks: item.masks });
    } else if (ops.length > 0 && steps < MAX_STEPS) {
      // A short chain that fails: its operands one by one, to place the mistake.
      for (const operand of operands()) work.push({ ...operand, masks: within(item.masks, operand), single: true });
    } else {
      // In a large part, what follows the first error is mostly lezer losing its way: one is enough.
      errors.push(...(item.to - item.from > CHUNK_CHARS ? parsed.errors.slice(0, 1) : parsed.errors));
    }
  }
  parts.sort((a, b) => a.from - b.from);
  return { parts, errors: errors.sort((a, b) => a.from - b.from) };
}
