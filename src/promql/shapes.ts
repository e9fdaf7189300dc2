/**
 * Expressions of one shape: texts that differ only in their string and plain number literals
 * (`rate(x{job="api"}[5m]) > 0.5` and `rate(x{job="web"}[5m]) > 2`) have the same tokens, so lezer
 * builds them the same tree, node for node, with positions moved by the literals' lengths. A project
 * written as code makes its rules in loops: the same shape for each service, each threshold (the
 * large benchmark's 15,600 distinct texts are 470 shapes; public rule files share less, 1,182 texts
 * in 1,054 shapes). parse.ts parses each shape once and gives each text a copy of the shape's tree
 * with its own positions (stored-tree.ts `moved`): the very tree a parse of the text gives
 * (test/promql/shapes.test.ts compares them).
 *
 * A text's shape is its text with every string literal written `""` and every plain decimal number
 * `0`. Only what cannot change a token is replaced, or the text has no shape (it is parsed alone):
 * - a string is found as lezer-promql's tokenizer finds one (`"…"`, `'…'` with backslash escapes,
 *   `` `…` ``); an unterminated one, or a line break in a quoted one, leaves the text without shape;
 * - a number is digits, optionally `.digits`, with no identifier character nor `.` on either side:
 *   `1e3`, `0x1f`, `1_000`, `.5`, durations and digits inside names keep their text;
 * - a text with `#` has no shape: a comment runs to the line's end, and a quote inside it starts
 *   no string.
 * Longer texts have none either: lezer decides how it lays a tree out in memory by positions (nodes
 * spanning more than 1,024 characters are never packed in one buffer), and a shape is shorter than
 * its text.
 */

/** Longest text given a shape: lezer's buffer length, within which node positions decide nothing. */
export const MAX_SHAPED_LENGTH = 1024;

export interface Shape {
  /** The text with its literals replaced. */
  text: string;
  /** Each replaced literal as four numbers: its from and to in the shape, then in the text. */
  spans: number[];
}

const QUOTES = new Set(['"', "'", '`']);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** A character that may continue an identifier or a number (`[A-Za-z0-9_:.]`). */
const continuesToken = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c === 46;

/** Where the string literal starting at `from` ends (after its closing quote), or -1 when it is unterminated. */
function stringEnd(text: string, from: number): number {
  const quote = text[from]!;
  if (quote === '`') {
    const close = text.indexOf('`', from + 1);
    return close < 0 ? -1 : close + 1;
  }
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}

/** Where the plain number starting at `from` ends, or -1 when the token there is not one (a duration, `1e3`, `0x1f`…). */
function numberEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
    i++;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  }
  return i < text.length && continuesToken(text.charCodeAt(i)) ? -1 : i;
}

/** The text's shape, or undefined when it has none or is its own (no literal to replace). */
export function shapeOf(text: string): Shape | undefined {
  if (text.length > MAX_SHAPED_LENGTH || text.includes('#')) return undefined;
  const spans: number[] = [];
  let shape = '';
  let copied = 0;
  const replace = (from: number, to: number, by: string) => {
    if (text.slice(from, to) === by) return;
    shape += text.slice(copied, from);
    spans.push(shape.length, shape.length + by.length, from, to);
    shape += by;
    copied = to;
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (QUOTES.has(text[i]!)) {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      replace(i, end, '""');
      i = end;
    } else if (isDigit(c) && (i === 0 || !continuesToken(text.charCodeAt(i - 1)))) {
      const end = numberEnd(text, i);
      if (end >= 0) replace(i, end, '0');
      // Not a number: the rest of its token has no quote nor a digit that starts a token.
      i = end >= 0 ? end : i + 1;
    } else i++;
  }
  if (spans.length === 0) return undefined;
  return { text: shape + text.slice(copied), spans };
}

/**
 * A position in the shape as the same place in the text: the start or end of a replaced literal is
 * the literal's, any other position moves by the lengths replaced before it; -1 inside a literal
 * (no node of a tree starts or ends there).
 */
export function textPosition(shape: Shape, position: number): number {
  const { spans } = shape;
  // The last span starting at or before the position (spans lie in order, four numbers each).
  let lo = 0;
  let hi = spans.length / 4 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid * 4]! <= position) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return position;
  const at = found * 4;
  const [from, to, textFrom, textTo] = [spans[at]!, spans[at + 1]!, spans[at + 2]!, spans[at + 3]!];
  if (position === from) return textFrom;
  if (position < to) return -1;
  return position - to + textTo;
}
