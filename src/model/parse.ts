import type { Diagnostic } from '../diagnostic.js';
import { projectSchema, type ProjectInput } from './schema/project.js';
import { splitHint } from './schema/hint.js';
import { resolvePath } from './definition-path.js';
import { structureProblems } from './structure.js';

export type ParseResult = { ok: true; project: ProjectInput } | { ok: false; diagnostics: Diagnostic[] };

const FIELD_HINTS: Record<string, string> = {
  invalid_type: 'check the type of this field against the definitions API (see README)',
  unrecognized_keys: 'remove the field or check its spelling against the definitions API',
};

/** Schema check of the loaded project: every problem at once, each with its definition path. */
export function parseProject(raw: unknown): ParseResult {
  // Cycles and absurd depth first: the schema (and everything after it) recurses.
  const structure = structureProblems(raw);
  if (structure.length > 0) return { ok: false, diagnostics: structure };
  const result = projectSchema.safeParse(raw);
  if (result.success) return { ok: true, project: result.data };
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
