/**
 * Address lists as Alertmanager 0.25 reads an email `to` and `from`: Go's net/mail
 * `ParseAddressList` (RFC 5322 mailboxes, comma separated: `a@x, Ops <ops@y>`). Only the syntax
 * that decides whether Go accepts the text; the first problem, with its offset.
 */

export interface AddressProblem {
  at: number;
  message: string;
}

export type AddressList = { ok: true; addresses: string[] } | { ok: false; problem: AddressProblem };

const ATEXT = /[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]/;

class Failure extends Error {
  constructor(
    readonly at: number,
    message: string,
    /** The address got as far as its domain: this is the problem to report. */
    readonly inDomain = false,
  ) {
    super(message);
  }
}

export function parseAddressList(text: string): AddressList {
  let pos = 0;
  const peek = () => text[pos];
  const skipSpace = () => {
    while (pos < text.length && /[ \t\r\n]/.test(text[pos]!)) pos++;
  };
  const skipComments = () => {
    skipSpace();
    while (peek() === '(') {
      const start = pos;
      let depth = 0;
      do {
        if (text[pos] === '(') depth++;
        else if (text[pos] === ')') depth--;
        pos++;
      } while (depth > 0 && pos < text.length);
      if (depth > 0) throw new Failure(start, 'unclosed parenthetical comment');
      skipSpace();
    }
  };
  /** dot-atom (or, in a display name, words with dots); '' when none. */
  const atom = (dots: boolean): string => {
    const start = pos;
    while (pos < text.length && (ATEXT.test(text[pos]!) || (dots && text[pos] === '.'))) pos++;
    return text.slice(start, pos);
  };
  const quoted = (): string => {
    const start = pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) throw new Failure(start, 'unclosed quoted string');
    pos++;
    return text.slice(start, pos);
  };
  const addrSpec = (): string => {
    const start = pos;
    skipSpace();
    let local: string;
    if (peek() === '"') local = quoted();
    else {
      const at = pos;
      local = atom(true);
      if (local === '') throw new Failure(at, `expected an address, found ${describe(text, at)}`);
      if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) throw new Failure(at, `misplaced dot in ${JSON.stringify(local)}`);
    }
    if (peek() !== '@') throw new Failure(pos, `missing @ in ${JSON.stringify(text.slice(start, pos).trim())}`);
    pos++;
    skipSpace();
    const at = pos;
    let domain: string;
    if (peek() === '[') {
      const close = text.indexOf(']', pos);
      if (close < 0) throw new Failure(pos, 'unclosed domain literal [', true);
      domain = text.slice(pos, close + 1);
      pos = close + 1;
    } else {
      domain = atom(true);
      if (domain === '') throw new Failure(at, `no domain after @, found ${describe(text, at)}`, true);
      if (domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) throw new Failure(at, `misplaced dot in domain ${JSON.stringify(domain)}`, true);
    }
    return `${local}@${domain}`;
  };
  const address = (): string => {
    const start = pos;
    try {
      const spec = addrSpec();
      skipComments();
      return spec;
    } catch (error) {
      if (!(error instanceof Failure) || error.inDomain) throw error;
      pos = start;
    }
    skipSpace();
    let name = '';
    if (peek() !== '<') {
      const words: string[] = [];
      for (;;) {
        skipSpace();
        if (peek() === '"') words.push(quoted());
        else {
          const word = atom(true);
          if (word === '') break;
          words.push(word);
        }
      }
      name = words.join(' ');
      if (name === '') throw new Failure(pos, `expected an address, found ${describe(text, pos)}`);
    }
    skipSpace();
    if (peek() !== '<') {
      if (/^[^ "]*$/.test(name)) throw new Failure(start + (text.slice(start).length - text.slice(start).trimStart().length), `missing @ or <…> in ${JSON.stringify(name)}`);
      throw new Failure(pos, `the name ${JSON.stringify(name)} needs an address in angle brackets: ${name} <…@…>`);
    }
    const open = pos++;
    const spec = addrSpec();
    skipSpace();
    if (peek() !== '>') throw new Failure(open, 'unclosed angle bracket <');
    pos++;
    skipComments();
    return spec;
  };
  try {
    const addresses: string[] = [];
    for (;;) {
      skipSpace();
      if (peek() === ',') {
        pos++;
        continue;
      }
      if (pos >= text.length) break;
      addresses.push(address());
      if (pos >= text.length) break;
      if (peek() !== ',') throw new Failure(pos, `expected a comma after ${JSON.stringify(addresses.at(-1))}, found ${describe(text, pos)}`);
    }
    if (addresses.length === 0) throw new Failure(0, 'no address');
    return { ok: true, addresses };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, problem: { at: error.at, message: error.message } };
    throw error;
  }
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'the end' : JSON.stringify(text[at]);
}
