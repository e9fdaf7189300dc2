import type { Diagnostic } from '../diagnostic.js';
import type { z } from 'zod';
import { projectSchema, projectSchemaUnderConfigFolder, type ProjectInput } from './schema/project.js';
import { configSchema, type ConfigInput } from './schema/config.js';
import { splitHint } from './schema/hint.js';
import { resolvePath } from './definition-path.js';
import { structureProblems } from './structure.js';

export type ParseResult = { ok: true; project: ProjectInput } | { ok: false; diagnostics: Diagnostic[] };
/**
 * `problems`: the findings about settings left out so that the rest could be read (parseConfig);
 * they are reported with the definitions' findings, and fail the run as those do.
 */
export type ConfigParseResult = { ok: true; config: ConfigInput; problems?: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The sections of totem-mon.config.ts that only set how the stages check and compile the
 * definitions. The others decide what is loaded and where it is written (`definitions`, `out`), or
 * what the file is (`kind`, `source`, a field of no known name, which may be one of those misspelt):
 * an error there stops the run before the definitions load (exit 2).
 */
export const CONFIG_SETTINGS: readonly string[] = ['grafana', 'lint', 'versions'];

/** Where a schema issue is, as zod gives it, and the unknown keys it names. */
interface IssueAt {
  path: readonly PropertyKey[];
  keys?: readonly string[];
}

const FIELD_HINTS: Record<string, string> = {
  invalid_type: 'check the type of this field against the definitions API (see README)',
  unrecognized_keys: 'remove the field or check its spelling against the definitions API',
};

const TOO_DEEP: Diagnostic = {
  id: 'schema',
  severity: 'error',
  message: 'the definitions are nested too deeply to check',
  hint: 'definitions are trees of modest depth: look for an object built inside a loop that nests it into itself',
};

/**
 * Schema check of the loaded project: every problem at once, each with its definition path.
 * `configFolder`: totem-mon.config.ts sets `grafana.folder`, which wins over the project's folder
 * and name (the config's is checked in its place: src/model/config-rules.ts).
 */
export function parseProject(raw: unknown, options: { configFolder?: boolean } = {}): ParseResult {
  const parsed = parseWith(options.configFolder ? projectSchemaUnderConfigFolder : projectSchema, raw);
  return parsed.ok ? { ok: true, project: parsed.data } : { ok: false, diagnostics: parsed.diagnostics };
}

/**
 * Schema check of the loaded totem-mon.config.ts, like the project's. When every problem is in a
 * setting (CONFIG_SETTINGS), the config is read without the values at fault (else without their
 * sections) and the problems come back beside it, to be reported with the definitions' findings.
 */
export function parseConfig(raw: unknown): ConfigParseResult {
  const parsed = parseWith(configSchema, raw);
  if (parsed.ok) return { ok: true, config: parsed.data };
  const inSettings = parsed.issues.length > 0 && parsed.issues.every((i) => CONFIG_SETTINGS.includes(String(i.path[0])) && i.path.length > 0);
  if (!inSettings || typeof raw !== 'object' || raw === null) return { ok: false, diagnostics: parsed.diagnostics };
  const places = parsed.issues.flatMap((i) => (i.keys && i.keys.length > 0 ? i.keys.map((k) => [...i.path, k]) : [i.path]));
  const sections = [...new Set(parsed.issues.map((i) => [i.path[0]!]))];
  for (const left of [places, sections]) {
    const again = parseWith(configSchema, without(raw, left));
    if (again.ok) return { ok: true, config: again.data, problems: parsed.diagnostics };
  }
  return { ok: false, diagnostics: parsed.diagnostics };
}

/** A copy of `raw` without the values at `places` (each path copied on the way; the rest shared). */
function without(raw: object, places: ReadonlyArray<readonly PropertyKey[]>): object {
  const copy = (value: unknown): Record<PropertyKey, unknown> => (Array.isArray(value) ? ([...value] as unknown as Record<PropertyKey, unknown>) : { ...(value as object) });
  const root = copy(raw);
  for (const place of places) {
    let at: Record<PropertyKey, unknown> | undefined = root;
    for (let i = 0; i < place.length - 1 && at !== undefined; i++) {
      const next: unknown = at[place[i]!];
      at = typeof next === 'object' && next !== null ? (at[place[i]!] = copy(next)) : undefined;
    }
    if (at !== undefined) delete at[place[place.length - 1]!];
  }
  return root;
}

function parseWith<T extends z.ZodType>(schema: T, raw: unknown): { ok: true; data: z.output<T> } | { ok: false; diagnostics: Diagnostic[]; issues: IssueAt[] } {
  let result: z.ZodSafeParseResult<z.output<T>>;
  try {
    // Without zod's JIT: it writes and compiles a parser (`new Function`) for each object schema
    // the first time it meets one, which cost a small project's run more than its parse (Totem:
    // ~30 -> ~8 ms of CPU); the large set parses no slower. The same output and issues, in the
    // same order (test/model/jitless-parse.test.ts). A fresh context: zod writes into it.
    result = schema.safeParse(raw, { jitless: true });
  } catch (error) {
    // The schema recurses: an object that contains itself, or absurd depth, overflows the stack.
    // Only then is the (iterative) structure walk paid for, to say where.
    if (!(error instanceof RangeError)) throw error;
    const structure = structureProblems(raw);
    return { ok: false, diagnostics: structure.length > 0 ? structure : [TOO_DEEP], issues: [] };
  }
  if (result.success) return { ok: true, data: result.data };
  // A schema that passes holds no cycle (its output is built fresh); one that fails may have met
  // one where it stopped descending: then the cycle is the finding that explains the rest.
  const structure = structureProblems(raw);
  if (structure.length > 0) return { ok: false, diagnostics: structure, issues: [] };
  const diagnostics = result.error.issues.map((issue): Diagnostic => {
    const { message, hint } = splitHint(issue.message);
    const resolved = resolvePath(raw, issue.path);
    const fieldHint = hint ?? FIELD_HINTS[issue.code];
    return {
      id: 'schema',
      severity: 'error',
      message,
      ...resolved,
      ...(fieldHint ? { hint: fieldHint } : {}),
    };
  });
  const issues = result.error.issues.map((issue): IssueAt => ({ path: issue.path, ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}) }));
  return { ok: false, diagnostics, issues };
}
