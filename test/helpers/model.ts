import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { buildCheckContext } from '../../src/lint/context.js';
import { runChecks } from '../../src/lint/index.js';
import type { Check } from '../../src/lint/check.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import type { Project } from '../../src/index.js';

/** Schema check + model + the given checks, in memory (no files): for unit tests of checks. */
export function runOn(project: Project, checks: readonly Check[]): Diagnostic[] {
  const parsed = parseProject(project);
  if (!parsed.ok) throw new Error(`fixture does not pass the schema: ${parsed.diagnostics.map((d) => `${d.path?.join('.')}: ${d.message}`).join('; ')}`);
  return runChecks(buildCheckContext(buildModel(parsed.project, 'test/index.ts')), checks);
}
