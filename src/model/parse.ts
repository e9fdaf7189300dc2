import type { Diagnostic } from '../diagnostic.js';
import type { z } from 'zod';
import { projectSchema, projectSchemaUnderConfigFolder, type ProjectInput } from './schema/project.js';
import { configSchema, type ConfigInput } from './schema/config.js';
import { splitHint } from './schema/hint.js';
import { resolvePath } from './definition-path.js';
import { structureProblems } from './structure.js';

export type ParseResult = { ok: true; project: ProjectInput } | { ok: false; diagnostics: Diagnostic[] };
export type ConfigParseResult = { ok: true; config: ConfigInput } | { ok: false; diagnostics: Diagnostic[] };

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
  return parsed.ok ? { ok: true, project: parsed.data } : parsed;
}

/** Schema check of the loaded totem-mon.config.ts, like the project's. */
export function parseConfig(raw: unknown): ConfigParseResult {
  const parsed = parseWith(configSchema, raw);
  return parsed.ok ? { ok: true, config: parsed.data } : parsed;
}

function parseWith<T extends z.ZodType>(schema: T, raw: unknown): { ok: true; data: z.output<T> } | { ok: false; diagnostics: Diagnostic[] } {
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
    return { ok: false, diagnostics: structure.length > 0 ? structure : [TOO_DEEP] };
  }
  if (result.success) return { ok: true, data: result.data };
  // A schema that passes holds no cycle (its output is built fresh); one that fails may have met
  // one where it stopped descending: then the cycle is the finding that explains the rest.
  const structure = structureProblems(raw);
  if (structure.length > 0) return { ok: false, diagnostics: structure };
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
  return { ok: false, diagnostics };
}
