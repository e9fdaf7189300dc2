import { NOTIFIER_KINDS, type AlertmanagerModel, type NotifierKind, type ReceiverModel } from '../model/alertmanager.js';
import { availability, type VersionGate } from '../model/version-facts.js';
import { TEMPLATED } from '../model/templated-fields.js';
import { parseGoTemplate, type ParsedTemplate } from '../gotemplate/parse.js';
import { dialectFor, type TemplateDialect } from '../gotemplate/functions.js';
import type { TargetVersionsModel } from '../model/types.js';
import { lexTemplate } from '../gotemplate/lex.js';
import { locatedAt } from '../model/located.js';
import type { Located } from '../model/types.js';

/** A receiver field the target Alertmanager evaluates as a Go template, with its path, e.g. ['slack[0]', 'title']. */
export interface TemplatedField {
  field: string[];
  text: string;
}

/**
 * Fields Alertmanager's CHANGELOG calls templates that its source sends as written, with both
 * sides: the source is what runs, so the TEMPLATED table follows it, and a `{{` there is reported
 * with this said (a user who read the CHANGELOG expects it rendered).
 */
const NOT_TEMPLATED_THOUGH_SAID: { readonly [K in NotifierKind]?: Readonly<Record<string, string>> } = {
  discord: {
    // CHANGELOG.md 0.28.0 / 2025-01-15: "[ENHANCEMENT] Add support for `content`, `username` and `avatar_url` in the
    // Discord integration. `content` and `username` also support templating. #4007"; notify/discord/discord.go at every
    // tag v0.28.0 … v0.34.0 (github.com/prometheus/alertmanager at 68fb2d5759b3): `Username: n.conf.Username`.
    username:
      "Alertmanager's CHANGELOG (0.28.0, #4007) says `username` supports templating, but notify/discord/discord.go sends it as written (Username: n.conf.Username) in every release from 0.28.0 to 0.34.0",
  },
};

/** Map fields whose every value is a template: email headers, PagerDuty details. */
const TEMPLATED_MAPS: { readonly [K in NotifierKind]?: { field: string; gate: VersionGate } } = {
  email: { field: 'headers', gate: TEMPLATED.email.to! },
  pagerduty: { field: 'details', gate: TEMPLATED.pagerduty.client! },
};

/** A string field of a receiver, with whether the target renders it as a template. */
interface StringField extends TemplatedField {
  /** Whether every release the target admits renders it; otherwise the gate of the releases that do (undefined: none). */
  templated: true | VersionGate | undefined;
  /** What Alertmanager's CHANGELOG says of it against its source, where the two disagree (NOT_TEMPLATED_THOUGH_SAID). */
  said?: string;
}

/** Every string a receiver's notifiers hold (nested ones too: `basicAuth.username`), judged for the target. */
function stringFields(receiver: ReceiverModel, target: string): StringField[] {
  const out: StringField[] = [];
  const judge = (gate: VersionGate | undefined) => (gate && availability(gate, target) === true ? true : gate);
  for (const kind of NOTIFIER_KINDS) {
    (receiver[kind] as unknown as Record<string, unknown>[]).forEach((config, i) => {
      const at = `${kind}[${i}]`;
      const map = TEMPLATED_MAPS[kind];
      const walk = (value: unknown, path: string[], gate: VersionGate | undefined) => {
        const said = path.length === 1 ? NOT_TEMPLATED_THOUGH_SAID[kind]?.[path[0]!] : undefined;
        if (typeof value === 'string') out.push({ field: [at, ...path], text: value, templated: judge(gate), ...(said ? { said } : {}) });
        else if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key], undefined);
        }
      };
      for (const [key, value] of Object.entries(config)) {
        if (map?.field === key && value && typeof value === 'object') {
          for (const [name, text] of Object.entries(value)) walk(text, [key, name], map.gate);
        } else walk(value, [key], TEMPLATED[kind][key]);
      }
    });
  }
  return out;
}

/** The receiver's fields the target Alertmanager (every release it admits) renders as templates. */
export function templatedFields(receiver: ReceiverModel, target: string): TemplatedField[] {
  return stringFields(receiver, target)
    .filter((f) => f.templated === true)
    .map(({ field, text }) => ({ field, text }));
}

/** A field with `{{` that some release the target admits sends as written, with the gate of the releases that render it (if any). */
export interface LiteralTemplateField extends TemplatedField {
  renderedFrom?: VersionGate;
  /** What Alertmanager's CHANGELOG says of the field against its source, where the two disagree. */
  said?: string;
}

/**
 * The global fields that are an email config's own when it leaves them unset: Alertmanager copies
 * each `smtp_*` into every email config without it (config/config.go at v0.25.0 and every later tag:
 * `if ec.From == "" { ec.From = c.Global.SMTPFrom }`, later `cmp.Or(ec.From, c.Global.SMTPFrom)`),
 * and renders it as that config's field: the TEMPLATED table of `email` says which are templates.
 */
const GLOBAL_DEFAULTS: ReadonlyArray<{ section: 'smtp'; kind: NotifierKind }> = [{ section: 'smtp', kind: 'email' }];

/** A text the target may render as a template: a receiver's field, or a global field its email configs take. */
export interface TemplateSite extends TemplatedField {
  /** How messages name its owner: `receiver ops`, `global`. */
  owner: string;
  /** Where the owner is (the receiver, or the global section): `field` is below it. */
  at: Located;
  /** The receivers whose notifications render it. */
  receivers: string[];
}

interface StringSite extends StringField, Omit<TemplateSite, keyof TemplatedField> {}

/** Every string field of the receivers and every global field some notifier takes, judged for the target. */
function stringSites(am: AlertmanagerModel, target: string): StringSite[] {
  const out: StringSite[] = [];
  for (const receiver of am.receivers) {
    for (const f of stringFields(receiver, target)) out.push({ ...f, owner: `receiver ${receiver.name}`, at: receiver, receivers: [receiver.name] });
  }
  const global = locatedAt(am, 'global');
  for (const { section, kind } of GLOBAL_DEFAULTS) {
    const fields = am.global[section] as Record<string, unknown> | undefined;
    for (const [key, text] of Object.entries(fields ?? {})) {
      if (typeof text !== 'string') continue;
      // Rendered only where a config takes it: one that sets the field itself does not.
      const receivers = am.receivers.filter((r) => (r[kind] as unknown as Record<string, unknown>[]).some((c) => c[key] === undefined)).map((r) => r.name);
      if (receivers.length === 0) continue;
      const gate = TEMPLATED[kind][key];
      const templated = gate && availability(gate, target) === true ? true : gate;
      out.push({ field: [section, key], text, templated, owner: 'global', at: global, receivers });
    }
  }
  return out;
}

/** Every text the target Alertmanager (every release it admits) renders as a template: receivers' fields and the global ones they take. */
export function templatedSites(am: AlertmanagerModel, target: string): TemplateSite[] {
  return stringSites(am, target)
    .filter((f) => f.templated === true)
    .map(({ field, text, owner, at, receivers }) => ({ field, text, owner, at, receivers }));
}

/** The texts holding `{{` that some release the target admits sends as written (receivers' fields and global ones). */
export function literalTemplateSites(am: AlertmanagerModel, target: string): Array<TemplateSite & LiteralTemplateField> {
  const out: Array<TemplateSite & LiteralTemplateField> = [];
  for (const { field, text, templated, owner, at, receivers, said } of stringSites(am, target)) {
    if (templated === true || !text.includes('{{')) continue;
    out.push({ field, text, owner, at, receivers, ...(templated ? { renderedFrom: templated } : {}), ...(said ? { said } : {}) });
  }
  return out;
}

// Per configuration, per dialect (the target Alertmanager: a model may be judged again against
// another target, and one target's verdict must not leak into the other's), per text.
const parsedByModel = new WeakMap<AlertmanagerModel, Map<TemplateDialect, Map<string, ParsedTemplate>>>();

/** The dialect of notification templates on the run's target Alertmanager. */
export function alertmanagerDialect(versions: TargetVersionsModel): TemplateDialect {
  return dialectFor('alertmanager', versions.alertmanager);
}

/** Parses a text with the target Alertmanager's functions, once per configuration, target and text. */
export function parseAlertmanagerTemplate(am: AlertmanagerModel, text: string, dialect: TemplateDialect): ParsedTemplate {
  let byDialect = parsedByModel.get(am);
  if (!byDialect) parsedByModel.set(am, (byDialect = new Map()));
  let cache = byDialect.get(dialect);
  if (!cache) byDialect.set(dialect, (cache = new Map()));
  let parsed = cache.get(text);
  if (!parsed) cache.set(text, (parsed = parseGoTemplate(text, dialect)));
  return parsed;
}

/**
 * The values a template can produce when it is only literal text chosen by control actions
 * (`{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}` → danger, good); undefined when
 * an action prints a value (then the output is only known at send time).
 */
export function literalOutcomes(text: string): string[] | undefined {
  const { actions, problems } = lexTemplate(text);
  if (problems.length > 0) return undefined;
  const control = new Set(['if', 'else', 'end', 'with', 'range', 'break', 'continue']);
  const out: string[] = [];
  let pos = 0;
  for (const action of [...actions, { from: text.length, to: text.length, tokens: [] }]) {
    const literal = text.slice(pos, action.from).trim();
    if (literal !== '') out.push(literal);
    const head = action.tokens[0];
    if (action.from < text.length && (!head || head.kind !== 'keyword' || !control.has(head.text))) return undefined;
    pos = action.to;
  }
  return out;
}
