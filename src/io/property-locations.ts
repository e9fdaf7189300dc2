/**
 * The line of the property a finding is about. Builders record only where they were called
 * (src/api/source.ts); a finding about `for` or `annotations.summary` should point at that line of
 * the object literal, not at `alert({`. This reads the definition file (once), parses it with
 * oxc-parser (a real TypeScript parser: comments, template literals, `as const`, spreads), finds
 * the builder call on the recorded line and walks the property path through object and array
 * literals. What cannot be found statically (a property from a spread or a variable) keeps the
 * deepest line that was found, at worst the call's own line.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Diagnostic, SourceRef } from '../diagnostic.js';
import { callSiteOf, propertyOf } from '../source-sites.js';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface ParsedFile {
  stamp: string;
  text: string;
  lineStarts: number[];
  /** Call expressions by the line of their callee's start (1-based); parsed on first need (see callsOf). */
  callsByLine?: Map<number, Node[]> | null;
}

const files = new Map<string, ParsedFile | null>();

// Loaded on the first finding only: a run without findings (the usual one) does not pay for the
// parser's native module (~40–100 ms).
type Oxc = typeof import('oxc-parser');
let oxc: Oxc | undefined;
function parser(): Oxc {
  return (oxc ??= createRequire(import.meta.url)('oxc-parser') as Oxc);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The offset of each line's first character; indexOf jumps from newline to newline (not a test per character). */
export function lineStartsOf(text: string): number[] {
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  return lineStarts;
}

/** The stamp of a text given rather than read (GivenTexts): never a disk file's `mtime:size`. */
const GIVEN = 'given';

/** Files whose cached parse was found current during one batch of findings: not looked at again in it. */
type Batch = Set<string>;

/**
 * Texts of definition files not on disk (yet) by absolute path: what `import` is about to write
 * (src/app/import.ts), whose findings point into the files as they will be.
 */
export type GivenTexts = ReadonlyMap<string, string>;

/** A definition file's text and line starts, read once per batch of findings (and again only when it changed). */
function read(file: string, batch: Batch, given?: GivenTexts): ParsedFile | null {
  const cached = files.get(file);
  const text = given?.get(file);
  if (text !== undefined) {
    if (cached?.stamp === GIVEN && cached.text === text) return cached;
    const parsed: ParsedFile = { stamp: GIVEN, text, lineStarts: lineStartsOf(text) };
    files.set(file, parsed);
    return parsed;
  }
  if (cached?.stamp === GIVEN) batch.delete(file); // a given text is no file on disk: read it there
  if (cached !== undefined && batch.has(file)) return cached;
  batch.add(file);
  let stamp: string;
  try {
    const stat = statSync(file);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    files.set(file, null);
    return null;
  }
  if (cached !== undefined && (cached === null || cached.stamp === stamp)) return cached;
  let read: ParsedFile | null = null;
  try {
    const text = readFileSync(file, 'utf8');
    read = { stamp, text, lineStarts: lineStartsOf(text) };
  } catch {
    read = null;
  }
  files.set(file, read);
  return read;
}

/** The file's call expressions by line, from oxc's AST (parsed once per version of the file); null if it does not parse. */
function callsOf(file: string, parsed: ParsedFile): Map<number, Node[]> | null {
  if (parsed.callsByLine !== undefined) return parsed.callsByLine;
  const { text, lineStarts } = parsed;
  try {
    const lang = /\.[cm]?tsx?$/.test(file) ? (file.endsWith('x') ? 'tsx' : 'ts') : 'js';
    const { parseSync, visitorKeys } = parser();
    const { program } = parseSync(path.basename(file), text, { lang, sourceType: 'module' });
    const callsByLine = new Map<number, Node[]>();
    // Only the keys that hold child nodes (oxc's visitor keys), not every field of every node.
    const stack: unknown[] = [program];
    while (stack.length > 0) {
      const node = stack.pop();
      if (!isNode(node)) continue;
      if (node.type === 'CallExpression') {
        const callee = node['callee'] as Node;
        const line = lineOf(lineStarts, callee.start);
        const end = lineOf(lineStarts, callee.end);
        // A callee spread over lines (`totem\n  .alert(`) is found on any of them.
        for (let l = line; l <= end; l++) callsByLine.set(l, [...(callsByLine.get(l) ?? []), node]);
      }
      for (const key of visitorKeys[node.type] ?? []) {
        const value = node[key];
        if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
        else if (value) stack.push(value);
      }
    }
    parsed.callsByLine = callsByLine;
  } catch {
    parsed.callsByLine = null;
  }
  return parsed.callsByLine;
}

const IDENTIFIER_CHAR = /[\p{ID_Continue}$\u200c\u200d]/u;

/**
 * Whether the recorded position is the start of a plain call of the builder (`alert(`, not
 * `x.alert(`, where the callee starts at `x`, nor an alias): there the parse would find that very
 * call and give that very position, so a finding about the call itself needs no parse. A finding
 * about every untested alert of a large project reads its files without parsing them.
 */
function isPlainCallAt(file: ParsedFile, ref: SourceRef, builder: string): boolean {
  const lineStart = file.lineStarts[ref.line - 1];
  if (lineStart === undefined || ref.column < 1) return false;
  const { text } = file;
  const offset = lineStart + ref.column - 1;
  if (!text.startsWith(builder, offset)) return false;
  if (offset > 0 && IDENTIFIER_CHAR.test(text[offset - 1]!)) return false;
  let after = offset + builder.length;
  while (after < text.length && /\s/.test(text[after]!)) after++;
  if (text[after] !== '(') return false;
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  // A member call (`x.alert(`, `x?.alert(`) starts at its object; a comment before the name is not worth reading.
  return before < 0 || !['.', '/', '*'].includes(text[before]!);
}

/** `as const`, `satisfies T`, `(…)` and `!` around a value do not change what is written. */
function unwrap(node: Node | undefined): Node | undefined {
  let n = node;
  while (n && ['TSAsExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression', 'TSNonNullExpression'].includes(n.type)) {
    n = n['expression'] as Node;
  }
  return n;
}

function calleeName(call: Node): string | undefined {
  const callee = unwrap(call['callee'] as Node);
  if (callee?.type === 'Identifier') return callee['name'] as string;
  if (callee?.type === 'MemberExpression') return ((callee['property'] as Node)['name'] as string | undefined) ?? undefined;
  return undefined;
}

/** The options object of a builder call: its first object-literal argument (`ratePanel(metric, { … })`). */
function optionsOf(call: Node): Node | undefined {
  for (const arg of call['arguments'] as Node[]) {
    const value = unwrap(arg);
    if (value?.type === 'ObjectExpression') return value;
  }
  return undefined;
}

function keyName(property: Node): string | undefined {
  const key = property['key'] as Node;
  if (property['computed']) return key.type === 'Literal' ? String(key['value']) : undefined;
  if (key.type === 'Identifier') return key['name'] as string;
  if (key.type === 'Literal') return String(key['value']);
  return undefined;
}

const NAME_FIELDS = ['name', 'title'];

/** An element of a named collection: an object literal (or a builder call on one) whose name field is `name`. */
function named(element: Node, name: string): Node | undefined {
  const value = unwrap(element);
  const object = value?.type === 'ObjectExpression' ? value : value?.type === 'CallExpression' ? optionsOf(value) : undefined;
  if (!object) return undefined;
  const found = (object['properties'] as Node[]).some((p) => {
    if (p.type !== 'Property') return false;
    const v = unwrap(p['value'] as Node);
    return NAME_FIELDS.includes(keyName(p) ?? '') && v?.type === 'Literal' && v['value'] === name;
  });
  return found ? object : undefined;
}

type Step = { key: string } | { index: number } | { name: string };

/** Definition-path steps (`targets[0]`, `annotations`, `3`, `HighErrorRate`) as walking steps. */
function steps(fields: readonly string[]): Step[] {
  return fields.flatMap((field): Step[] => {
    const indexed = /^(.*?)((?:\[\d+\])+)$/.exec(field);
    if (indexed) {
      const indexes = [...indexed[2]!.matchAll(/\[(\d+)\]/g)].map((m) => ({ index: Number(m[1]) }));
      return indexed[1] ? [{ key: indexed[1] }, ...indexes] : indexes;
    }
    return /^\d+$/.test(field) ? [{ index: Number(field) }] : [{ key: field }];
  });
}

/** Walks the steps from an object literal; the offset of the deepest property or element reached. */
function walk(object: Node, fields: readonly string[]): number | undefined {
  let node: Node | undefined = object;
  let offset: number | undefined;
  for (const step of steps(fields)) {
    node = unwrap(node);
    // A builder call inside the literal (`receivers: [receiver({ … })]`): its fields are its options'.
    if (node?.type === 'CallExpression') node = optionsOf(node);
    if (!node) break;
    let next: Node | undefined;
    let at: number | undefined;
    if (node.type === 'ObjectExpression' && 'key' in step) {
      // The last property of a name wins, as in JavaScript.
      const property = (node['properties'] as Node[]).filter((p) => p.type === 'Property' && keyName(p) === step.key).at(-1);
      if (property) [next, at] = [property['value'] as Node, property.start];
    } else if (node.type === 'ArrayExpression') {
      const elements = (node['elements'] as Array<Node | null>).filter((e): e is Node => e !== null);
      if ('index' in step) {
        // A spread before the element makes positions unknowable: stop there.
        const before = (node['elements'] as Array<Node | null>).slice(0, step.index + 1);
        const element = (node['elements'] as Array<Node | null>)[step.index];
        if (element && !before.some((e) => e?.type === 'SpreadElement')) [next, at] = [element, element.start];
      } else {
        const name = 'key' in step ? step.key : step.name;
        for (const element of elements) {
          const object = named(element, name);
          if (object) [next, at] = [object, element.start];
        }
      }
    }
    if (next === undefined || at === undefined) break;
    offset = at;
    node = next;
  }
  return offset;
}

function position(file: ParsedFile, offset: number, ref: SourceRef): SourceRef {
  const line = lineOf(file.lineStarts, offset);
  return { file: ref.file, line, column: offset - file.lineStarts[line - 1]! + 1 };
}

/**
 * The source a finding should show: for a property below a builder call, the property's line and
 * column; for a builder call itself, the call's own column (the recorded one comes from the
 * transpiled code). Anything else is returned as it is.
 */
export function propertyLocation(source: SourceRef, batch: Batch = new Set(), given?: GivenTexts): SourceRef {
  const property = propertyOf(source);
  const siteRef = property?.site ?? source;
  const site = callSiteOf(siteRef);
  if (!site) return source;
  const file = read(site.absolute, batch, given);
  if (!file) return source;
  if (!property && site.builder !== undefined && isPlainCallAt(file, siteRef, site.builder)) {
    return { file: siteRef.file, line: siteRef.line, column: siteRef.column };
  }
  const candidates = callsOf(site.absolute, file)?.get(siteRef.line);
  if (!candidates || candidates.length === 0) return source;
  const byName = site.builder ? candidates.filter((c) => calleeName(c) === site.builder) : [];
  const plausible = byName.length > 0 ? byName : candidates.filter((c) => optionsOf(c) !== undefined);
  // Two calls of one builder on one line: the recorded column (exact, src/io/loader/) tells them apart.
  const call = plausible.find((c) => position(file, unwrap(c['callee'] as Node)!.start, siteRef).column === siteRef.column) ?? plausible[0];
  if (!call) return source;
  const callAt = position(file, unwrap(call['callee'] as Node)!.start, siteRef);
  const options = optionsOf(call);
  if (!property || !options) return callAt;
  const offset = walk(options, property.fields);
  return offset === undefined ? callAt : position(file, offset, siteRef);
}

/** Every finding at its property's line (see propertyLocation). */
export function atPropertyLines(diagnostics: readonly Diagnostic[], given?: GivenTexts): Diagnostic[] {
  const batch: Batch = new Set();
  return diagnostics.map((d) => (d.source ? { ...d, source: propertyLocation(d.source, batch, given) } : d));
}
