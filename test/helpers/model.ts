/**
 * The one in-memory harness of the tests: a project value through the stages with `lint()` and
 * `synth()` (src/app/synth.ts, what users call), never a parse → build → check chain of its own.
 */
import path from 'node:path';
import { lint, synth, type SynthOptions } from '../../src/app/synth.js';
import type { Check } from '../../src/lint/check.js';
import type { Model } from '../../src/model/types.js';
import type { TemplateFileModel } from '../../src/model/alertmanager.js';
import type { Diagnostic, SourceRef } from '../../src/diagnostic.js';
import type { Project } from '../../src/index.js';

function schemaProblems(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.path?.join('.')}: ${d.message}`).join('; ');
}

/** The findings of the given checks (by check or id) on a project, as `validate --offline` reports them. */
export function runOn(project: Project, checks: ReadonlyArray<Check | string>, options: SynthOptions = {}): Diagnostic[] {
  const ids = new Set(checks.map((c) => (typeof c === 'string' ? c : c.id)));
  const result = lint(project, options);
  if (!result.model) throw new Error(`fixture does not pass the schema: ${schemaProblems(result.diagnostics)}`);
  return result.diagnostics.filter((d) => ids.has(d.id));
}

/** The normalised model of a project that passes the schema check (else the fixture is wrong: throws). */
export function modelOf(project: Project, options: SynthOptions = {}): Model {
  const result = lint(project, options);
  if (!result.model) throw new Error(`fixture does not pass the schema: ${schemaProblems(result.diagnostics)}`);
  return result.model;
}

/** What `generate` writes for a project (files by path) and its model; a finding that is an error fails the fixture. */
export function generated(project: Project, options: SynthOptions = {}): { files: Record<string, string>; model: Model } {
  const result = synth(project, options);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.model) throw new Error(`fixture has errors: ${schemaProblems(errors)}`);
  return { files: result.files, model: result.model };
}

/** The file a finding names for a definition built in a test: its builder call's file, relative to the current folder as synth() makes it. */
export function fileOf(definition: { source?: SourceRef | undefined }): string {
  const file = definition.source?.file;
  if (file === undefined) throw new Error('the definition has no source');
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}

/** Template files (each at `templates/<name>`, as generate reads them) as synth's `templates` option. */
export function templatesOption(templates: readonly TemplateFileModel[]): SynthOptions {
  for (const t of templates) if (t.source !== `templates/${t.name}`) throw new Error(`template ${t.name} must be at templates/${t.name}, as generate reads it`);
  return { templates: Object.fromEntries(templates.map((t) => [t.name, t.content])) };
}

/** A definition's source as findings name it: fileOf's file, the builder call's line and column. */
export function sourceOf(definition: { source?: SourceRef | undefined }): SourceRef {
  return { ...definition.source!, file: fileOf(definition) };
}
