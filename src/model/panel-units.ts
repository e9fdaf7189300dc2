import type { PanelModel, TargetModel } from './dashboard.js';
import type { FieldMatcher } from '../api/panel-options.js';

/**
 * A unit a panel shows some of its values in, wherever it is written: the panel's `unit` and its
 * overrides', or, in a panel from the Grafana SDK (`sdkPanel`, and every panel `import` could not
 * map to a helper), its plugin's `fieldConfig.defaults.unit` and the `unit` properties of its
 * `fieldConfig.overrides`. Checks that read units read them all here, so none is blind to a unit
 * written the SDK's way.
 */
export interface PanelUnit {
  unit: string;
  /** Where it is written, below the panel (for locatedAt). */
  field: string[];
  /** '' for the panel's own unit; else the override, in words (` override 2 (query B)`). */
  what: string;
  /** Which values it applies to (`unitTakes` tells whether a query's are among them). */
  appliesTo: FieldMatch;
}

/**
 * The fields a unit applies to, as Grafana matches them (packages/grafana-data/src/transformations/
 * matchers/ids.ts and nameMatcher.ts, grafana/grafana): `default`, every value not under an override;
 * `all` and `none`, every number field or none (byType, numeric, time); a query's (byFrameRefID);
 * fields by display name (byName, byNames, with `exclude` for its mode "exclude"); by a regex on
 * the display name (byRegexp); `any` of several (byRegexpOrNames); `unknown` for the matchers no
 * query tells (byValue, first, …).
 */
export type FieldMatch =
  | 'default'
  | 'all'
  | 'none'
  | 'unknown'
  | { readonly refId: string }
  | { readonly names: readonly string[]; readonly exclude: boolean }
  | { readonly regex: string }
  | { readonly any: readonly FieldMatch[] };

/** Every unit the panel sets, in the order Grafana applies them (defaults, then overrides: the last wins). */
export function panelUnits(panel: PanelModel): PanelUnit[] {
  const units: PanelUnit[] = [];
  if (panel.unit !== undefined) units.push({ unit: panel.unit, field: ['unit'], what: '', appliesTo: 'default' });
  panel.overrides?.forEach((o, i) => {
    if (o.unit === undefined) return;
    const appliesTo: FieldMatch = 'query' in o.match ? { refId: o.match.query } : 'name' in o.match ? { names: [o.match.name], exclude: false } : { regex: o.match.regex };
    units.push({ unit: o.unit, field: [`overrides[${i}]`, 'unit'], what: ` override ${i + 1} (${matcherWords(o.match)})`, appliesTo });
  });
  const fieldConfig = record(panel.plugin?.fieldConfig);
  const defaults = record(fieldConfig?.['defaults']);
  if (typeof defaults?.['unit'] === 'string') {
    units.push({ unit: defaults['unit'], field: ['plugin', 'fieldConfig', 'defaults', 'unit'], what: '', appliesTo: 'default' });
  }
  const overrides = fieldConfig?.['overrides'];
  if (Array.isArray(overrides)) {
    overrides.forEach((o: unknown, i) => {
      const matcher = record(record(o)?.['matcher']);
      const properties = record(o)?.['properties'];
      if (!Array.isArray(properties)) return;
      properties.forEach((p: unknown, j) => {
        const property = record(p);
        if (property?.['id'] !== 'unit' || typeof property['value'] !== 'string') return;
        const id = typeof matcher?.['id'] === 'string' ? matcher['id'] : 'unknown';
        const options = matcher?.['options'];
        units.push({
          unit: property['value'],
          field: ['plugin', 'fieldConfig', `overrides[${i}]`, `properties[${j}]`, 'value'],
          what: ` override ${i + 1} (${id}${typeof options === 'string' ? ` ${options}` : ''})`,
          appliesTo: sdkMatch(id, options),
        });
      });
    });
  }
  return units;
}

/** An SDK override's matcher (`{ id, options }`) as a FieldMatch; `unknown` where its options are not what Grafana reads. */
function sdkMatch(id: string, options: unknown): FieldMatch {
  const names = (value: unknown) => (Array.isArray(value) && value.every((n) => typeof n === 'string') ? (value as string[]) : undefined);
  switch (id) {
    case 'byFrameRefID': return typeof options === 'string' ? { refId: options } : 'unknown';
    case 'byName': return typeof options === 'string' ? { names: [options], exclude: false } : 'unknown';
    case 'byRegexp': return typeof options === 'string' ? { regex: options } : 'unknown';
    case 'byNames': {
      const o = record(options);
      const list = names(o?.['names'] ?? []);
      const mode = o?.['mode'] ?? 'include';
      return list && (mode === 'include' || mode === 'exclude') ? { names: list, exclude: mode === 'exclude' } : 'unknown';
    }
    case 'byRegexpOrNames': {
      const o = record(options);
      const list = names(o?.['names'] ?? []);
      const pattern = o?.['pattern'] ?? '';
      return list && typeof pattern === 'string' ? { any: [{ names: list, exclude: false }, { regex: pattern }] } : 'unknown';
    }
    // A query's values are number fields; the time field takes no unit that matters here.
    case 'byType': return options === 'number' ? 'all' : typeof options === 'string' ? 'none' : 'unknown';
    case 'numeric': return 'all';
    case 'time': case 'firstTimeField': return 'none';
    default: return 'unknown';
  }
}

/**
 * Whether a unit applies to the values of a query: true, false, or undefined when it cannot be
 * told (a matcher of values, a name a legend of labels may render, …).
 */
export function unitTakes(match: FieldMatch, target: TargetModel, panel: PanelModel): boolean | undefined {
  if (match === 'default' || match === 'all') return true;
  if (match === 'none') return false;
  if (match === 'unknown') return undefined;
  if ('refId' in match) return match.refId === target.refId;
  if ('any' in match) return anyOf(match.any.map((m) => unitTakes(m, target, panel)));
  const shown = displayNames(target, panel);
  if ('regex' in match) {
    const re = grafanaRegex(match.regex);
    // A pattern Grafana cannot compile matches no field.
    if (re === undefined) return false;
    if (shown === undefined) return undefined;
    return 'name' in shown ? re.test(shown.name) : regexOnLegend(re, shown.fixed);
  }
  const taken = anyOf(match.names.map((name) => {
    if (shown === undefined) return undefined;
    if ('name' in shown && shown.name === name) return true;
    if ('pattern' in shown && shown.pattern.test(name)) return undefined;
    // byName also matches the field's own name: "Value", or the series' metric name where the query keeps it.
    return fieldNameMay(name, target) ? undefined : false;
  }));
  return match.exclude && taken !== undefined ? !taken : taken;
}

function anyOf(values: ReadonlyArray<boolean | undefined>): boolean | undefined {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

/**
 * The display names of a query's series, as Grafana's Prometheus data source gives them: the
 * legend with each `{{label}}` filled in (pkg/promlib/querydata, legendFormatRegexp
 * `\{\{\s*(.+?)\s*\}\}`, set as the field's displayNameFromDS). `name` when the legend has no
 * label or variable in it, else `pattern`: every name its fixed text allows. Undefined when no
 * legend gives them: none, `__auto`, a table's columns, or a panel whose transformations or
 * displayName settings may rename them.
 */
function displayNames(target: TargetModel, panel: PanelModel): { name: string } | { pattern: RegExp; fixed: string[] } | undefined {
  const legend = target.legendFormat;
  if (legend === undefined || legend === '' || legend === '__auto' || target.format === 'table' || renames(panel)) return undefined;
  const fixed = legend.split(/\{\{\s*.+?\s*\}\}|\$\{[^}]*\}|\$\w+|\[\[[^\]]*\]\]/);
  if (fixed.length === 1) return { name: legend };
  return { pattern: new RegExp(`^${fixed.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`), fixed };
}

/**
 * Whether a regex (as Grafana compiled it: grafanaRegex) matches the names a legend with labels
 * renders: `fixed` is its text between the labels (and variables), which render as any text. True
 * when every name matches, false when none can, undefined when the labels decide. Decided, per
 * alternative of the regex (`a|b`), where its shape allows: an anchored literal start the first
 * fixed text contradicts, or an anchored literal end the last contradicts (no name can match);
 * a start the first fixed text begins with, an end the last ends with, both, or (unanchored) a
 * literal some fixed text holds, with only `.*` between or after (every name matches: label values
 * are taken to hold no line break, which `.` does not match). Other regexes (classes, groups,
 * quantifiers past the literal text, the `m` and `y` flags) are undecided unless an anchored literal part
 * already rules them out.
 */
function regexOnLegend(re: RegExp, fixed: readonly string[]): boolean | undefined {
  // `m` moves ^ and $ to line breaks, `y` anchors the match where test() starts: neither is read here.
  if (re.flags.includes('m') || re.flags.includes('y')) return undefined;
  const fold = re.flags.includes('i') ? (t: string) => t.toLowerCase() : (t: string) => t;
  const first = fold(fixed[0]!);
  const last = fold(fixed.at(-1)!);
  const results = topLevelAlternatives(re.source).map((alternative): boolean | undefined => {
    const startAnchored = alternative.startsWith('^');
    const endAnchored = /(^|[^\\])(\\\\)*\$$/.test(alternative);
    const body = alternative.replace(/^\^+/, '').slice(0, endAnchored ? -1 : undefined);
    const prefix = fold(literalPrefix(body));
    const suffix = fold(literalSuffix(body));
    const contradicts = (a: string, b: string, at: 'start' | 'end') => (at === 'start' ? !a.startsWith(b) && !b.startsWith(a) : !a.endsWith(b) && !b.endsWith(a));
    if ((startAnchored && contradicts(first, prefix, 'start')) || (endAnchored && contradicts(last, suffix, 'end'))) return false;
    const glob = globParts(body);
    if (glob === undefined) return undefined;
    const [head, tail, wild] = [fold(glob.head), fold(glob.tail), glob.wild];
    // No wildcard: the whole alternative is one literal text.
    if (!wild) {
      if (!startAnchored && !endAnchored) return fixed.some((text) => fold(text).includes(head)) ? true : undefined;
      if (startAnchored && !endAnchored) return first.startsWith(head) ? true : undefined;
      if (endAnchored && !startAnchored) return last.endsWith(head) ? true : undefined;
      return undefined;
    }
    const startHolds = !startAnchored || first.startsWith(head);
    const endHolds = !endAnchored || last.endsWith(tail);
    if (!startAnchored && !endAnchored && head !== '' && tail !== '') return undefined;
    // An unanchored part must lie in fixed text on its side of the anchored one: before the last
    // fixed text's anchored end, after the first's anchored start.
    const folded = fixed.map(fold);
    const before = [...folded.slice(0, -1), last.slice(0, last.length - tail.length)];
    const after = [first.slice(head.length), ...folded.slice(1)];
    if (!startAnchored && head !== '' && !(endAnchored ? before : folded).some((text) => text.includes(head))) return undefined;
    if (!endAnchored && tail !== '' && !(startAnchored ? after : folded).some((text) => text.includes(tail))) return undefined;
    return startHolds && endHolds ? true : undefined;
  });
  if (results.includes(true)) return true;
  return results.every((r) => r === false) ? false : undefined;
}

/** A regex source split at its top-level `|` (outside groups, classes and escapes). */
function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { parts.push(source.slice(start, i)); start = i + 1; }
  }
  parts.push(source.slice(start));
  return parts;
}

const SPECIAL = new Set([...'.[](){}*+?|^$\\']);
const QUANTIFIERS = new Set([...'*+?{']);

/** The literal text every match of a regex body starts with: its characters before the first special one (a quantified last one dropped). */
function literalPrefix(body: string): string {
  let text = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    let char: string;
    let next: number;
    if (c === '\\') {
      const e = body[i + 1];
      // An escaped punctuation character is itself; \d, \w, \s, … are classes.
      if (e === undefined || /[A-Za-z0-9]/.test(e)) break;
      [char, next] = [e, i + 2];
    } else if (SPECIAL.has(c)) {
      break;
    } else {
      [char, next] = [c, i + 1];
    }
    // `a?`, `a*`, `a{0,1}` may leave the character out; `a+` keeps one.
    const after = body[next];
    if (after !== undefined && QUANTIFIERS.has(after) && after !== '+') break;
    text += char;
    i = next;
  }
  return text;
}

/** The literal text every match of a regex body ends with: its trailing plain letters, digits, spaces and safe punctuation. */
function literalSuffix(body: string): string {
  const m = /[A-Za-z0-9 _\-:,;'"%/=@#&<>~`!\u00c0-\uffff]*$/.exec(body);
  let text = m ? m[0] : '';
  // Letters after a backslash belong to an escape (\w, \d, \u0041): not literal text, nor is the rest known.
  const before = body.length - text.length - 1;
  if (text !== '' && before >= 0 && body[before] === '\\') text = '';
  return text;
}

/**
 * A regex body made of literal text and at most one wildcard that takes any text (`.*`, `[\s\S]*`,
 * `(.*)`): its text before and after it; undefined for any other body.
 */
function globParts(body: string): { head: string; tail: string; wild: boolean } | undefined {
  const pieces = body.split(/\.\*|\[\\s\\S\]\*|\(\.\*\)/);
  if (pieces.length > 2) return undefined;
  const literal = (piece: string) => {
    const text = literalPrefix(piece);
    // The whole piece must be literal: the escapes of punctuation undone, nothing left over.
    return piece.replace(/\\([^A-Za-z0-9])/g, '$1') === text ? text : undefined;
  };
  const head = literal(pieces[0]!);
  const tail = pieces.length === 2 ? literal(pieces[1]!) : '';
  return head === undefined || tail === undefined ? undefined : { head, tail, wild: pieces.length === 2 };
}

/** Whether the panel may show its series under other names than their legends: a transformation, a displayName. */
function renames(panel: PanelModel): boolean {
  if ((panel.transformations?.length ?? 0) > 0) return true;
  if (panel.overrides?.some((o) => o.displayName !== undefined)) return true;
  const plugin = record(panel.plugin);
  if (Array.isArray(plugin?.['transformations']) && plugin['transformations'].length > 0) return true;
  const fieldConfig = record(plugin?.['fieldConfig']);
  if (record(fieldConfig?.['defaults'])?.['displayName'] !== undefined) return true;
  const overrides = fieldConfig?.['overrides'];
  return Array.isArray(overrides) && overrides.some((o: unknown) => {
    const properties = record(o)?.['properties'];
    return Array.isArray(properties) && properties.some((p: unknown) => String(record(p)?.['id']).startsWith('displayName'));
  });
}

/** Whether a name could be a field's own name (Grafana's byName matches it too): "Value", or a metric the query names. */
function fieldNameMay(name: string, target: TargetModel): boolean {
  if (name === 'Value') return true;
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) return false;
  return new RegExp(`(^|[^a-zA-Z0-9_:])${name}($|[^a-zA-Z0-9_:])`).test(target.expr);
}

/** A regex as Grafana's stringToJsRegex reads it: `/…/flags`, else anchored at both ends; undefined when it does not compile. */
function grafanaRegex(pattern: string): RegExp | undefined {
  if (pattern === '') return undefined;
  try {
    if (!pattern.startsWith('/')) return new RegExp(`^${pattern}$`);
    const m = /^\/(.*?)\/(g?i?m?y?s?)$/.exec(pattern);
    return m ? new RegExp(m[1]!, m[2]!.replace('g', '')) : undefined;
  } catch {
    return undefined;
  }
}

function matcherWords(match: FieldMatcher): string {
  return 'name' in match ? `name ${match.name}` : 'regex' in match ? `regex ${match.regex}` : `query ${match.query}`;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
