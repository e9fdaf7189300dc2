/**
 * YAML text for the plain data the compilers make, written directly: the same characters as the
 * yaml library's `Document#toString` with yamlFile's options (src/compile/output.ts), without its
 * node tree. Building a node for every key and value and finding each one's tag was most of the
 * compilers' time (Totem's first run ~45 of ~70 ms; on the large set most of the compile worker).
 *
 * Only the layout is written here: block maps and sequences as the library lays them out (two
 * spaces, sequences indented under their key, `[]` and `{}` for empty ones), numbers, booleans
 * and null. Each string goes through the library's own `stringifyString` with the context it would
 * have had (a key or a value, its indent), unless it is a plain word the library writes as it is.
 * Anything else (a value met twice, which the library writes as an anchor and aliases; a class
 * instance, a Date, a Map; undefined in a list; a number that is not finite; a key over 1,024
 * characters) gives undefined, and the caller asks the library. `test/compile/yaml-text.test.ts`
 * compares both on every file the compilers write for Totem, the fixtures and a synthetic
 * project, and on keys and values of every kind at every depth.
 */
import { Document, type ScalarTag, type Tags } from 'yaml';
import { stringifyString, type StringifyContext } from 'yaml/util';

/** The options yamlFile writes with. */
export const YAML_OPTIONS = { lineWidth: 0, blockQuote: 'literal', indentSeq: true, directives: false } as const;

/** Thrown inside the writer when the value holds something only the library writes. */
const UNSUPPORTED = Symbol('unsupported');

/**
 * The library's writing context (its options with their defaults, the document's schema), taken
 * from the library itself: a custom tag sees it when a one-entry document is written.
 */
let base: StringifyContext | undefined;
function libraryContext(customTags: (tags: Tags) => Tags): StringifyContext {
  if (base) return base;
  let seen: StringifyContext | undefined;
  const spy = (tags: Tags): Tags =>
    customTags(tags).map((tag) => {
      const scalar = tag as ScalarTag;
      if (scalar.tag !== 'tag:yaml.org,2002:str' || !scalar.stringify) return tag;
      const stringify = scalar.stringify;
      return { ...scalar, stringify: (item, ctx, onComment, onChompKeep) => ((seen ??= ctx), stringify(item, ctx, onComment, onChompKeep)) } satisfies ScalarTag;
    });
  new Document({ k: 'v' }, { sortMapEntries: false, customTags: spy }).toString(YAML_OPTIONS);
  if (!seen) throw new Error('the yaml library wrote a string without its string tag');
  base = seen;
  return base;
}

/**
 * Words the library writes plain whatever their place: a letter or underscore, then letters,
 * digits, `_`, `.`, `/`, `-` (no indicator, no `: ` or ` #`, nothing a block or quotes need), and not
 * one the core schema reads as another type (only null, true and false start with a letter).
 */
const PLAIN_WORD = /^[A-Za-z_][\w./-]*$/;
const OTHER_TYPE = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/**
 * `value` (a plain object or array) as the body of yamlFile's document, or undefined when it holds
 * something only the library writes.
 */
export function yamlBody(value: unknown, customTags: (tags: Tags) => Tags): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const ctx = libraryContext(customTags);
  const seen = new Set<object>();
  const indentStep = ctx.indentStep;

  const scalarString = (text: string, implicitKey: boolean, indent: string): string => {
    if (PLAIN_WORD.test(text) && !OTHER_TYPE.has(text)) return text;
    const context: StringifyContext = { ...ctx, actualString: true, implicitKey, indent, inFlow: null };
    delete context.forceBlockIndent;
    delete context.indentAtStart;
    return stringifyString({ value: text } as Parameters<typeof stringifyString>[0], context);
  };

  /** A scalar value (not a key) as the library writes it at `indent`. */
  const scalar = (item: unknown, indent: string): string => {
    switch (typeof item) {
      case 'string':
        return scalarString(item, false, indent);
      case 'number':
        if (!Number.isFinite(item)) throw UNSUPPORTED;
        return Object.is(item, -0) ? '-0' : JSON.stringify(item);
      case 'boolean':
        return item ? 'true' : 'false';
      default:
        if (item === null) return 'null';
        throw UNSUPPORTED;
    }
  };

  const isCollection = (item: unknown): item is object => typeof item === 'object' && item !== null;

  /** Checks a collection may be written here, and marks it seen (the library aliases a second sight). */
  const enter = (item: object): void => {
    if (seen.has(item)) throw UNSUPPORTED;
    seen.add(item);
    if (Array.isArray(item)) return;
    const proto = Object.getPrototypeOf(item) as unknown;
    if (proto !== Object.prototype) throw UNSUPPORTED;
  };

  /** A map or sequence written at `indent` (the library's stringifyBlockCollection); `[]`/`{}` when empty. */
  const collection = (item: object, indent: string): string => {
    enter(item);
    if (Array.isArray(item)) {
      const itemIndent = indent + '  ';
      const lines: string[] = [];
      for (let i = 0; i < item.length; i++) {
        if (!(i in item)) throw UNSUPPORTED;
        const element: unknown = item[i];
        if (element === undefined) throw UNSUPPORTED;
        lines.push(`- ${isCollection(element) ? collection(element, itemIndent) : scalar(element, itemIndent)}`);
      }
      return join(lines, indent, '[]');
    }
    const lines: string[] = [];
    const valueIndent = indent + indentStep;
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const entry = record[key];
      if (entry === undefined) continue;
      const keyText = scalarString(key, true, valueIndent);
      if (keyText.length > 1024) throw UNSUPPORTED;
      if (isCollection(entry)) {
        const body = collection(entry, valueIndent);
        const empty = Array.isArray(entry) ? entry.length === 0 : body === '{}';
        lines.push(empty ? `${keyText}: ${body}` : `${keyText}:\n${valueIndent}${body}`);
      } else {
        const text = scalar(entry, valueIndent);
        lines.push(text === '' || text[0] === '\n' ? `${keyText}:${text}` : `${keyText}: ${text}`);
      }
    }
    return join(lines, indent, '{}');
  };

  try {
    return collection(value, '');
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

/** The library's join of a block collection's lines: each after a newline and the indent, an empty one alone. */
function join(lines: readonly string[], indent: string, empty: string): string {
  if (lines.length === 0) return empty;
  let text = lines[0]!;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    text += line ? `\n${indent}${line}` : '\n';
  }
  return text;
}

/** The document: the header comment (as the library writes a document's commentBefore), a blank line, the body. */
export function yamlDocument(commentBefore: string, body: string): string {
  const lines: string[] = [];
  if (commentBefore) {
    const comment = commentBefore.replace(/^(?!$)(?: $)?/gm, '#');
    lines.push(/^\n+$/.test(comment) ? comment.substring(1) : comment, '');
  }
  lines.push(body);
  return `${lines.join('\n')}\n`;
}
