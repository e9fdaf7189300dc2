/**
 * Lexer for Go's text/template, as far as the checks need it: it splits a template into text and
 * actions (`{{ … }}`, with `{{-`/`-}}` trim markers and `{{/* comments *\/}}`) and each action into
 * tokens, with offsets into the original text. Problems it finds carry the same offsets.
 */

export type TokenKind =
  | 'identifier' | 'keyword' | 'bool' | 'nil' | 'field' | 'variable' | 'dot'
  | 'string' | 'rawString' | 'char' | 'number'
  | 'pipe' | 'leftParen' | 'rightParen' | 'declare' | 'assign' | 'comma';

export interface Token {
  kind: TokenKind;
  text: string;
  from: number;
  to: number;
}

export interface Action {
  /** Offsets of the whole action, `{{` to `}}`. */
  from: number;
  to: number;
  tokens: Token[];
}

export interface LexProblem {
  from: number;
  to: number;
  message: string;
}

export interface Lexed {
  actions: Action[];
  problems: LexProblem[];
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

const SPACE = /[ \t\r\n]/;
const ALNUM = /[A-Za-z0-9_\u00c0-\uffff]/;
const NUMBER = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?|\d[\d_]*\.)i?$/;

/** The action's closing delimiter at `i`: `}}` or ` -}}` (the trim marker needs the space). Returns its length. */
function closeAt(text: string, i: number): number {
  if (text.startsWith('}}', i)) return 2;
  if (SPACE.test(text[i] ?? '') && text.startsWith('-}}', i + 1)) return 4;
  return 0;
}

export function lexTemplate(text: string): Lexed {
  const actions: Action[] = [];
  const problems: LexProblem[] = [];
  let pos = 0;
  for (;;) {
    const start = text.indexOf('{{', pos);
    if (start < 0) break;
    let i = start + 2;
    if (text[i] === '-' && SPACE.test(text[i + 1] ?? '')) i += 2;
    // Comment: `{{/* … */}}`, the delimiters (or trim markers) right next to it.
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        problems.push({ from: start, to: i + 2, message: 'unclosed comment: this {{/* has no */}}' });
        return { actions, problems };
      }
      const close = closeAt(text, end + 2);
      if (close === 0) {
        problems.push({ from: start, to: end + 2, message: 'comment ends before the closing }}: write {{/* … */}} with nothing between */ and }}' });
        pos = end + 2;
        continue;
      }
      pos = end + 2 + close;
      continue;
    }
    const tokens: Token[] = [];
    let closed = 0;
    let broken = false;
    while (i < text.length) {
      closed = closeAt(text, i);
      if (closed > 0) break;
      const c = text[i]!;
      if (SPACE.test(c)) {
        i++;
        continue;
      }
      const from = i;
      const push = (kind: TokenKind, to: number) => {
        tokens.push({ kind, text: text.slice(from, to), from, to });
        i = to;
      };
      if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
        if (text[j] !== c) {
          problems.push({ from, to: Math.min(j, text.length), message: c === '"' ? 'unterminated quoted string' : 'unterminated character constant' });
          broken = true;
          break;
        }
        push(c === '"' ? 'string' : 'char', j + 1);
      } else if (c === '`') {
        const j = text.indexOf('`', i + 1);
        if (j < 0) {
          problems.push({ from, to: text.length, message: 'unterminated raw quoted string' });
          broken = true;
          break;
        }
        push('rawString', j + 1);
      } else if (c === '$') {
        let j = i + 1;
        while (ALNUM.test(text[j] ?? '')) j++;
        push('variable', j);
      } else if (c === '.' && !/[0-9]/.test(text[i + 1] ?? '')) {
        let j = i + 1;
        while (ALNUM.test(text[j] ?? '')) j++;
        push(j === i + 1 ? 'dot' : 'field', j);
      } else if (/[0-9.+-]/.test(c)) {
        let j = i + 1;
        while (/[0-9A-Za-z_.]/.test(text[j] ?? '') || (/[eE]/.test(text[j - 1] ?? '') && /[+-]/.test(text[j] ?? ''))) j++;
        const word = text.slice(i, j);
        if (!NUMBER.test(word)) {
          problems.push({ from, to: j, message: `bad number syntax: ${JSON.stringify(word)}` });
          broken = true;
          break;
        }
        push('number', j);
      } else if (ALNUM.test(c)) {
        let j = i + 1;
        while (ALNUM.test(text[j] ?? '')) j++;
        const word = text.slice(i, j);
        push(KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier', j);
      } else if (c === '|') push('pipe', i + 1);
      else if (c === '(') push('leftParen', i + 1);
      else if (c === ')') push('rightParen', i + 1);
      else if (c === ',') push('comma', i + 1);
      else if (c === '=') push('assign', i + 1);
      else if (c === ':' && text[i + 1] === '=') push('declare', i + 2);
      else {
        problems.push({ from, to: i + 1, message: c === ':' ? 'expected :=' : `unrecognized character in action: ${JSON.stringify(c)}` });
        broken = true;
        break;
      }
    }
    if (closed === 0 && !broken) {
      problems.push({ from: start, to: start + 2, message: 'unclosed action: this {{ has no }}' });
      return { actions, problems };
    }
    if (broken) {
      // Skip to the end of this action (if any) and go on with the rest of the text.
      const end = text.indexOf('}}', i);
      if (end < 0) return { actions, problems };
      pos = end + 2;
      continue;
    }
    actions.push({ from: start, to: i + closed, tokens });
    pos = i + closed;
  }
  return { actions, problems };
}

/** The text a string token stands for: a raw string as written, an interpreted one with its escapes read. */
export function unquote(token: Token): string {
  if (token.kind === 'rawString') return token.text.slice(1, -1);
  try {
    return JSON.parse(token.text) as string;
  } catch {
    return token.text.slice(1, -1);
  }
}
