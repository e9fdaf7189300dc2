/**
 * What an Alertmanager notification template reads from its data, following the dot and variables
 * through the template as Go's text/template does: `{{ with .CommonLabels }}` makes the dot the map,
 * `{{ range .Alerts }}` an alert, `{{ range $i, $a := .Alerts }}` `$a` one, `{{ $a := index .Alerts 0 }}`
 * too, `(index .Alerts 0).Labels` and `.CommonLabels.Remove (…)` a map again; `else` and `end` give the
 * dot back. It returns the keys read from the label and annotation maps (KV: a field that is no method
 * of KV reads a key, as does `index map "key"`) and the fields the data does not have (Go fails the
 * execution: "can't evaluate field X in type …").
 *
 * The data's types, by release (github.com/prometheus/alertmanager template/template.go at the tags
 * v0.25.0 … v0.34.0): Data {Receiver, Status, Alerts, GroupLabels, CommonLabels, CommonAnnotations,
 * ExternalURL; NotificationReason from v0.32.0 (a0b08ccdc, #4971); RouteLabels from v0.34.0
 * (4224f1042)}; Alert {Status, Labels, Annotations, StartsAt, EndsAt, GeneratorURL, Fingerprint};
 * Alerts (a list of Alert) with the methods Firing and Resolved; KV (a map of strings) with
 * SortedPairs, Remove, Names, Values, and String from v0.26.0 (11d0b57c9, #3256); Pairs with Names,
 * Values and String (v0.26.0); Pair {Name, Value}.
 *
 * A `{{ define }}` body runs with what its callers pass: with `defineDots` (what every caller passes,
 * by template name: `templateDots`) its dot is that; else it is read loosely (a field named as one of
 * the data's maps is that map, `.Alerts` the alerts), and no field of it is judged.
 */
import { lexTemplate, unquote, type Token } from './lex.js';
import { availability, type VersionGate } from '../model/version-facts.js';

export type DataType = 'data' | 'alert' | 'alerts' | 'pairs' | 'pair' | 'loose' | 'other' | KVType;

/** A map of labels or annotations, and the field that gave it (`.CommonLabels`). */
export interface KVType {
  kv: 'label' | 'annotation';
  map: string;
}

export interface KeyRead {
  kind: 'label' | 'annotation';
  /** The map's field: `.CommonLabels`, `.Labels`, … */
  map: string;
  name: string;
  /** The offsets of what names the key: the field (`.x`) or the string of `index`. */
  from: number;
  to: number;
}

export interface UnknownField {
  field: string;
  /** The type's words and Go name: "the notification data (template.Data)". */
  type: string;
  /** The fields and methods the type has in the target (for did-you-mean). */
  known: string[];
  /** The release that adds it, when a later one has it. */
  gate?: VersionGate;
  from: number;
  to: number;
}

/** `{{ template "x" data }}` (or `{{ block }}`): what it passes, and the define it is in (top level: undefined). */
export interface TemplateCall {
  name: string;
  type: DataType;
  inDefine?: string;
}

export interface DataReads {
  keys: KeyRead[];
  unknown: UnknownField[];
  calls: TemplateCall[];
}

const V0_25: VersionGate = { since: '0.25', source: 'template/template.go at v0.25.0' };
const V0_26: VersionGate = { since: '0.26', source: 'template/template.go at v0.26.0: KV.String and Pairs.String (11d0b57c9, #3256)' };
const V0_32: VersionGate = { since: '0.32', source: 'template/template.go at v0.32.0: Data.NotificationReason (a0b08ccdc, #4971)' };
const V0_34: VersionGate = { since: '0.34', source: 'template/template.go at v0.34.0: Data.RouteLabels (4224f1042)' };

type Field = { type: DataType; gate: VersionGate };
const f = (type: DataType, gate: VersionGate = V0_25): Field => ({ type, gate });

const DATA: Record<string, Field> = {
  Receiver: f('other'),
  Status: f('other'),
  Alerts: f('alerts'),
  GroupLabels: f({ kv: 'label', map: '.GroupLabels' }),
  CommonLabels: f({ kv: 'label', map: '.CommonLabels' }),
  CommonAnnotations: f({ kv: 'annotation', map: '.CommonAnnotations' }),
  ExternalURL: f('other'),
  NotificationReason: f('other', V0_32),
  // Route labels are the route's, not the alerts': their keys are not judged.
  RouteLabels: f('other', V0_34),
};
const ALERT: Record<string, Field> = {
  Status: f('other'),
  Labels: f({ kv: 'label', map: '.Labels' }),
  Annotations: f({ kv: 'annotation', map: '.Annotations' }),
  StartsAt: f('other'),
  EndsAt: f('other'),
  GeneratorURL: f('other'),
  Fingerprint: f('other'),
};
const ALERTS: Record<string, Field> = { Firing: f('alerts'), Resolved: f('alerts') };
const PAIRS: Record<string, Field> = { Names: f('other'), Values: f('other'), String: f('other', V0_26) };
const PAIR: Record<string, Field> = { Name: f('other'), Value: f('other') };
/** KV's methods; any other field of a KV reads a key. `Remove` gives a KV (called with its keys). */
const KV_METHODS: Record<string, (self: KVType) => Field> = {
  SortedPairs: () => f('pairs'),
  Remove: (self) => f(self),
  Names: () => f('other'),
  Values: () => f('other'),
  String: () => f('other', V0_26),
};
const TYPES: Record<'data' | 'alert' | 'alerts' | 'pairs' | 'pair', { fields: Record<string, Field>; words: string }> = {
  data: { fields: DATA, words: 'the notification data (template.Data)' },
  alert: { fields: ALERT, words: 'an alert (template.Alert)' },
  alerts: { fields: ALERTS, words: 'a list of alerts (template.Alerts)' },
  pairs: { fields: PAIRS, words: 'a list of label pairs (template.Pairs)' },
  pair: { fields: PAIR, words: 'a label pair (template.Pair)' },
};
/** Where the dot is not known (a define's body): fields named as the data's maps and lists. */
const LOOSE: Record<string, DataType> = {
  Alerts: 'alerts',
  GroupLabels: DATA.GroupLabels!.type,
  CommonLabels: DATA.CommonLabels!.type,
  CommonAnnotations: DATA.CommonAnnotations!.type,
  Labels: ALERT.Labels!.type,
  Annotations: ALERT.Annotations!.type,
};

const isKV = (t: DataType): t is KVType => typeof t === 'object';

interface Value {
  end: number;
  type: DataType;
  fn?: string;
  text?: string;
  textToken?: Token;
  num?: number;
}

export function readAlertmanagerData(text: string, target: string, defineDots?: ReadonlyMap<string, DataType>): DataReads {
  const keys: KeyRead[] = [];
  const calls: TemplateCall[] = [];
  let inDefine: string | undefined;
  const callOf = (name: Token | undefined, type: DataType) => {
    if (name?.kind === 'string' || name?.kind === 'rawString') calls.push({ name: unquote(name), type, ...(inDefine !== undefined ? { inDefine } : {}) });
  };
  const unknown: UnknownField[] = [];
  const has = (gate: VersionGate) => availability(gate, target) === true;

  const field = (base: DataType, token: Token): DataType => {
    const name = token.text.slice(1);
    if (base === 'other') return 'other';
    if (base === 'loose') return LOOSE[name] ?? 'other';
    if (isKV(base)) {
      const method = KV_METHODS[name]?.(base);
      if (method && has(method.gate)) return method.type;
      keys.push({ kind: base.kv, map: base.map, name, from: token.from, to: token.to });
      return 'other';
    }
    const type = TYPES[base];
    const known = type.fields[name];
    if (known && has(known.gate)) return known.type;
    unknown.push({
      field: name,
      type: type.words,
      known: Object.entries(type.fields).filter(([, g]) => has(g.gate)).map(([n]) => n),
      ...(known ? { gate: known.gate } : {}),
      from: token.from,
      to: token.to,
    });
    return 'other';
  };

  let dot: DataType = 'data';
  let vars = new Map<string, DataType>([['$', 'data']]);

  const operand = (tokens: Token[], i: number): Value => {
    const t = tokens[i]!;
    let type: DataType = 'other';
    let end = i + 1;
    switch (t.kind) {
      case 'variable':
        type = vars.get(t.text) ?? 'other';
        break;
      case 'dot':
        type = dot;
        break;
      case 'field':
        type = field(dot, t);
        break;
      case 'leftParen': {
        const inner = pipeline(tokens, i + 1, true);
        type = inner.type;
        end = tokens[inner.end]?.kind === 'rightParen' ? inner.end + 1 : inner.end;
        break;
      }
      case 'string':
      case 'rawString':
        return { end, type: 'other', text: unquote(t), textToken: t };
      case 'number':
        return { end, type: 'other', ...(/^\d+$/.test(t.text) ? { num: Number(t.text) } : {}) };
      case 'identifier':
        return { end, type: 'other', fn: t.text };
      default:
        return { end, type: 'other' };
    }
    while (tokens[end]?.kind === 'field' && tokens[end]!.from === tokens[end - 1]!.to) type = field(type, tokens[end++]!);
    return { end, type };
  };

  const command = (tokens: Token[], i: number, inParens: boolean, piped?: Value): Value => {
    const operands: Value[] = [];
    let end = i;
    while (end < tokens.length) {
      const t = tokens[end]!;
      if (t.kind === 'pipe' || (t.kind === 'rightParen' && inParens)) break;
      if (t.kind === 'rightParen' || t.kind === 'comma' || t.kind === 'declare' || t.kind === 'assign' || t.kind === 'keyword') {
        end++;
        continue;
      }
      const value = operand(tokens, end);
      operands.push(value);
      end = Math.max(value.end, end + 1);
    }
    if (piped) operands.push(piped);
    const [first, ...args] = operands;
    if (!first) return { end, type: 'other' };
    // A method called with arguments (`.CommonLabels.Remove (…)`): its value's type is the chain's.
    if (first.fn === undefined) return { end, type: first.type };
    return { end, type: call(first.fn, args) };
  };

  const call = (fn: string, args: Value[]): DataType => {
    switch (fn) {
      case 'index': {
        const [of, key] = args;
        if (!of || args.length !== 2) return 'other';
        if (of.type === 'alerts' && key?.num !== undefined) return 'alert';
        if (isKV(of.type) && key?.text !== undefined && key.textToken) {
          keys.push({ kind: of.type.kv, map: of.type.map, name: key.text, from: key.textToken.from, to: key.textToken.to });
        }
        return 'other';
      }
      case 'slice':
        return args[0]?.type === 'alerts' ? 'alerts' : 'other';
      case 'and':
      case 'or': {
        const types = new Set(args.map((a) => JSON.stringify(a.type)));
        return types.size === 1 && args[0] ? args[0].type : 'other';
      }
      default:
        return 'other';
    }
  };

  const pipeline = (tokens: Token[], i: number, inParens: boolean): { end: number; type: DataType; declared: string[] } => {
    const declared: string[] = [];
    const t0 = tokens[i];
    if (t0?.kind === 'variable' && (tokens[i + 1]?.kind === 'declare' || tokens[i + 1]?.kind === 'assign')) {
      declared.push(t0.text);
      i += 2;
    } else if (t0?.kind === 'variable' && tokens[i + 1]?.kind === 'comma' && tokens[i + 2]?.kind === 'variable' && ['declare', 'assign'].includes(tokens[i + 3]?.kind ?? '')) {
      declared.push(t0.text, tokens[i + 2]!.text);
      i += 4;
    }
    let value: Value | undefined;
    for (;;) {
      value = command(tokens, i, inParens, value);
      i = value.end;
      if (tokens[i]?.kind !== 'pipe') break;
      i++;
    }
    return { end: i, type: value.type, declared };
  };

  /** What ranging over a value gives: its element (and, with two variables, its index or key first). */
  const element = (t: DataType): DataType => (t === 'alerts' ? 'alert' : t === 'pairs' ? 'pair' : t === 'loose' ? 'loose' : 'other');

  const stack: Array<{ dot: DataType; vars: Map<string, DataType>; define?: string | undefined }> = [];
  for (const action of lexTemplate(text).actions) {
    const tokens = action.tokens;
    const head = tokens[0];
    if (!head) continue;
    if (head.kind !== 'keyword') {
      const p = pipeline(tokens, 0, false);
      for (const name of p.declared) vars.set(name, p.type);
      continue;
    }
    switch (head.text) {
      case 'if':
      case 'with':
      case 'range': {
        stack.push({ dot, vars: new Map(vars) });
        const p = pipeline(tokens, 1, false);
        if (head.text === 'range') {
          const el = element(p.type);
          if (p.declared.length === 2) {
            vars.set(p.declared[0]!, 'other');
            vars.set(p.declared[1]!, el);
          } else if (p.declared.length === 1) vars.set(p.declared[0]!, el);
          dot = el;
        } else {
          for (const name of p.declared) vars.set(name, p.type);
          if (head.text === 'with') dot = p.type;
        }
        break;
      }
      case 'else': {
        const top = stack.at(-1);
        if (!top || top.define !== undefined) break;
        dot = top.dot;
        vars = new Map(top.vars);
        const next = tokens[1];
        if (next?.kind === 'keyword' && (next.text === 'if' || next.text === 'with')) {
          const p = pipeline(tokens, 2, false);
          for (const name of p.declared) vars.set(name, p.type);
          if (next.text === 'with') dot = p.type;
        }
        break;
      }
      case 'end': {
        const top = stack.pop();
        if (!top) break;
        if (top.define !== undefined) inDefine = undefined;
        dot = top.dot;
        vars = top.vars;
        break;
      }
      case 'define':
      case 'block': {
        // A block's body runs here with its pipeline (a call); both run where templates call them, with what is passed.
        if (head.text === 'block') callOf(tokens[1], tokens.length > 2 ? pipeline(tokens, 2, false).type : 'other');
        const name = tokens[1]?.kind === 'string' || tokens[1]?.kind === 'rawString' ? unquote(tokens[1]) : '';
        stack.push({ dot, vars, define: name });
        inDefine = name;
        dot = defineDots?.get(name) ?? 'loose';
        vars = new Map([['$', dot]]);
        break;
      }
      case 'template':
        callOf(tokens[1], tokens.length > 2 ? pipeline(tokens, 2, false).type : 'other');
        break;
      default:
        break;
    }
  }
  return { keys, unknown, calls };
}

const same = (a: DataType, b: DataType) => (isKV(a) && isKV(b) ? a.kv === b.kv && a.map === b.map : a === b);

/**
 * The dot of each template the files define, from what its calls pass: the receivers' fields (their
 * data is the notification's) and the other templates' bodies. A template every call passes one type
 * of data (`{{ template "x" . }}` from every field) has that dot; one called with different data, or
 * called by no field or template (Alertmanager's own fields call its built-in names), is loose.
 */
export function templateDots(fieldTexts: readonly string[], files: readonly string[], target: string): Map<string, DataType> {
  const fieldCalls = fieldTexts.flatMap((text) => readAlertmanagerData(text, target).calls.filter((c) => c.inDefine === undefined));
  let dots = new Map<string, DataType>();
  // Each round reads the bodies with the dots of the round before: chains of calls settle in as many rounds as they are long.
  for (let round = 0; round < 4; round++) {
    const passed = new Map<string, DataType>();
    const add = (c: TemplateCall) => {
      const before = passed.get(c.name);
      passed.set(c.name, before === undefined || same(before, c.type) ? c.type : 'loose');
    };
    fieldCalls.forEach(add);
    for (const text of files) readAlertmanagerData(text, target, dots).calls.filter((c) => c.inDefine !== undefined).forEach(add);
    const settled = passed.size === dots.size && [...passed].every(([name, type]) => dots.has(name) && same(dots.get(name)!, type));
    dots = passed;
    if (settled) break;
  }
  return dots;
}
