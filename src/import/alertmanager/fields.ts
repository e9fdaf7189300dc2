/**
 * One Alertmanager config object (a notifier, the global section) → the API's object, field by
 * field from a table: names to camelCase, values checked for their type, secrets never copied.
 *
 * A secret field (`auth_password`, `api_url`, `routing_key`, …) with a literal value becomes
 * `secretFile('<path to fill>')` and a `secret` note naming the path; its `*_file` form becomes
 * `secretFile(<the same path>)`. Any other value that looks like a secret (src/secrets/detect.ts:
 * a token in a URL, a Slack hook) is left out with a note: the API has no file for it.
 * Fields the table does not know are left out with a note.
 */
import { findSecrets } from '../../secrets/detect.js';
import { call, type TsValue } from '../ts-source.js';
import { isMap } from './matchers.js';
import type { ImportNote } from '../note.js';
import { DEFAULT_VERSIONS, FACTS, type VersionGate } from '../../model/version-facts.js';
import { atLeast } from '../../model/version-order.js';
import { rangeOf } from '../../model/version-range.js';

export type FieldType = 'string' | 'boolean' | 'number' | 'stringMap' | 'secret' | 'stringList';

export interface FieldSpec {
  /** The config's name, e.g. `auth_password` (a secret's file form is `<yaml>_file`). */
  yaml: string;
  /** The API's name, e.g. `authPassword`. */
  api: string;
  type: FieldType;
}

/** Where the import writes notes and how it names the files secrets go to. */
export interface ImportContext {
  notes: ImportNote[];
  /** The folder the placeholder secret files are named in. */
  secretsDir: string;
  /** Placeholder paths given so far (kept unique). */
  secretPaths: Set<string>;
  /** What the converted configuration needs of the Alertmanager release (UTF-8 label names, newer notifiers, an empty group_by that overrides), and where. */
  needs: Array<{ fact: NeededFact; path: string; what: string } | { gate: VersionGate; feature: string; path: string; what: string }>;
  /**
   * The Alertmanager release the project will be judged for (totem-mon.config.ts's
   * `versions.alertmanager`, else the default): what the input's `group_by: []` means is what it
   * means there (src/import/alertmanager/routes.ts).
   */
  target: string;
  /** Whether a config set the target (else it is the default, and what the input needs may pick it). */
  targetSet: boolean;
}

/** The first release each need (so far) came in: a fact's, or a gate's. */
export function neededSince(need: ImportContext['needs'][number]): string {
  return 'fact' in need ? FACTS[need.fact].since : need.gate.since;
}

/**
 * The target the definitions get, as far as the input was read: the config's; else the release what
 * was read so far needs (`>=0.28`: the definitions will target it, src/import/alertmanager.ts
 * neededVersion); else the default.
 */
export function effectiveTarget(ctx: Pick<ImportContext, 'target' | 'targetSet' | 'needs'>): string {
  if (ctx.targetSet || ctx.needs.length === 0) return ctx.target;
  return `>=${ctx.needs.map(neededSince).reduce((a, b) => (atLeast(a, b) ? a : b))}`;
}

/** How a message names the target (effectiveTarget): the config's, the one the input needs, or the default one no config set. */
export function targetShown(ctx: Pick<ImportContext, 'target' | 'targetSet' | 'needs'>): string {
  if (ctx.targetSet) return `Alertmanager ${ctx.target} (the target)`;
  const target = effectiveTarget(ctx);
  return target === ctx.target
    ? `Alertmanager ${target} (the default target: no totem-mon.config.ts sets versions.alertmanager)`
    : `Alertmanager ${target} (the target what the configuration uses needs: no totem-mon.config.ts sets versions.alertmanager)`;
}

/** The facts (src/model/version-facts.ts) an imported configuration can need a newer release for. */
export type NeededFact = 'utf8Matchers' | 'utf8Equal' | 'telegramBotTokenFile' | 'discordWebhookUrlFile' | 'msteams' | 'emptyGroupBy';

export function newContext(secretsDir = '/etc/alertmanager/secrets', target?: string): ImportContext {
  // A target that is none (the config's schema check reports it when generate runs it) is the default.
  const set = target !== undefined && isTarget(target);
  return { notes: [], secretsDir, secretPaths: new Set(), needs: [], target: set ? target : DEFAULT_VERSIONS.alertmanager, targetSet: set };
}

function isTarget(target: unknown): target is string {
  try {
    return typeof target === 'string' && rangeOf(target) !== undefined;
  } catch {
    return false;
  }
}

/** `/etc/alertmanager/secrets/<name>`, from the input path: readable, one per secret. */
function placeholderPath(ctx: ImportContext, path: string): string {
  const base = path
    .replace(/\[(\d+)\]/g, '_$1')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  let name = base;
  for (let i = 2; ctx.secretPaths.has(name); i++) name = `${base}_${i}`;
  ctx.secretPaths.add(name);
  return `${ctx.secretsDir}/${name}`;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/** A literal secret: the file to fill in its place, and the note that says so. */
export function secretPlaceholder(ctx: ImportContext, path: string): TsValue {
  const file = placeholderPath(ctx, path);
  ctx.notes.push({ status: 'secret', path, message: `a literal secret, not copied: write it to ${file} on the Alertmanager host` });
  return call('secretFile', file);
}

/** A plain string, unless it looks like a secret (then undefined, and a note). */
export function plainString(ctx: ImportContext, path: string, field: string, value: unknown): string | undefined {
  const text = String(value);
  const found = findSecrets(text, field);
  if (found.length === 0) return text;
  ctx.notes.push({
    status: 'not-converted',
    path,
    message: `holds what looks like a secret (${found[0]!.what}), not copied; the API has no file form for this field`,
  });
  return undefined;
}

function typed(ctx: ImportContext, path: string, spec: FieldSpec, value: unknown): TsValue | undefined {
  const wrong = (what: string) => {
    ctx.notes.push({ status: 'not-converted', path, message: `expected ${what}, found ${JSON.stringify(value)}` });
    return undefined;
  };
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : wrong('true or false');
    case 'number':
      return typeof value === 'number' ? value : wrong('a number');
    case 'string':
      return typeof value === 'object' ? wrong('a string') : plainString(ctx, path, spec.yaml, value);
    case 'stringList':
      return Array.isArray(value) ? value.map((v) => String(v)) : wrong('a list');
    case 'stringMap': {
      if (!isMap(value)) return wrong('a map');
      const out: Record<string, TsValue> = {};
      for (const [k, v] of Object.entries(value)) {
        const s = plainString(ctx, `${path}.${k}`, k, v);
        if (s !== undefined) out[k] = s;
      }
      return out;
    }
    case 'secret':
      return secretPlaceholder(ctx, path);
  }
}

/**
 * The object's fields the table knows, converted (in the table's order); every other field of the
 * input gets a `not-converted` note (`unsupported` says why).
 */
export function convertFields(
  ctx: ImportContext,
  path: string,
  input: Record<string, unknown>,
  specs: readonly FieldSpec[],
  unsupported: string,
  handled: readonly string[] = [],
): Record<string, TsValue> {
  const out: Record<string, TsValue> = {};
  const known = new Set(handled);
  for (const spec of specs) {
    known.add(spec.yaml);
    if (spec.type === 'secret') {
      known.add(`${spec.yaml}_file`);
      const file = input[`${spec.yaml}_file`];
      const literal = input[spec.yaml];
      if (!isEmpty(file)) out[spec.api] = call('secretFile', String(file));
      else if (!isEmpty(literal)) out[spec.api] = secretPlaceholder(ctx, `${path}.${spec.yaml}`);
      continue;
    }
    const value = input[spec.yaml];
    if (value === undefined || value === null) continue;
    const converted = typed(ctx, `${path}.${spec.yaml}`, spec, value);
    if (converted !== undefined) out[spec.api] = converted;
  }
  for (const key of Object.keys(input)) {
    if (known.has(key) || isEmpty(input[key])) continue;
    const secret = findSecrets(typeof input[key] === 'string' ? (input[key] as string) : '', key).length > 0;
    ctx.notes.push({
      status: 'not-converted',
      path: `${path}.${key}`,
      message: `${unsupported}${secret ? ' (it holds a secret: not copied anywhere)' : ''}`,
    });
  }
  return out;
}
