/**
 * The stages, in order. Read this file first.
 *
 *   definitions (user TS) → load → schema check (zod) → model → checks → compile (pure) → files in memory
 *
 * Writing (`generate`), comparing (`generate --check`) and running the real tools (`validate`)
 * happen after this, in the commands; every stage before them only returns values.
 */
import type { Diagnostic, Severity } from './diagnostic.js';
import { hasErrors } from './diagnostic.js';
import { loadDefinitions, type LoadedDefinitions } from './io/load.js';
import { parseProject } from './model/parse.js';
import { buildModel } from './model/build.js';
import { withTemplates } from './model/build-alertmanager.js';
import { readTemplates } from './io/templates.js';
import type { Model } from './model/types.js';
import { buildCheckContext } from './lint/context.js';
import { CHECKS } from './lint/index.js';
import { runLint, type Silenced } from './lint/run.js';
import { atPropertyLines, propertyLocation } from './io/property-locations.js';
import type { Check, CheckContext } from './lint/check.js';
import { compileAll } from './compile/index.js';
import type { OutputFile } from './compile/output.js';
import { scanSecrets } from './secrets/scan.js';

export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Findings that a definition's `ignore` silenced (counted in summaries, listed in JSON). */
  silenced: Silenced[];
  /** Present once the definitions passed the schema check. */
  model?: Model;
  context?: CheckContext;
  /** Present when no stage reported an error. */
  files?: OutputFile[];
}

export interface PipelineOptions {
  definitions: string;
  /** How long the definitions may take to load (ms); the default is in src/io/loader/timeout.ts. */
  loadTimeoutMs?: number;
  /** A load already under way (startLoading in src/io/load.ts); else the pipeline starts one. */
  loaded?: Promise<LoadedDefinitions>;
  checks?: readonly Check[];
  /** Severities that win over the project's check settings (validate --require-tests). */
  force?: Readonly<Record<string, Severity>>;
  /** Compile even when checks found errors (validate hands the output to promtool/amtool regardless). */
  compileWithFindings?: boolean;
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  // 1. load: run the user's TypeScript in a loader process of its own and take its default export
  //    (src/io/loader/: an exit, a hang or stray stdout there cannot pass for a result here).
  const loaded = await (options.loaded ?? loadDefinitions(options.definitions, options.loadTimeoutMs !== undefined ? { timeoutMs: options.loadTimeoutMs } : {}));
  if (loaded.project === undefined) return { diagnostics: loaded.diagnostics, silenced: [] };

  // 2. schema check: the shape of every definition, all problems at once.
  const parsed = parseProject(loaded.project);
  if (!parsed.ok) return { diagnostics: [...loaded.diagnostics, ...atPropertyLines(parsed.diagnostics)], silenced: [] };

  // 3. model: defaults filled in, names resolved.
  // 3b. Alertmanager notification templates (`<definitions>/../templates/*.tmpl`) are read here,
  //     in the io stage, and carried in the model, so that the compilers stay pure.
  const templates = readTemplates(loaded.dir);
  if (templates.diagnostics.length > 0) return { diagnostics: templates.diagnostics, silenced: [] };
  const model = withTemplates(buildModel(parsed.project, loaded.entry), templates.templates);

  // 4. checks: PromQL against the catalogue, names, duplicates, routing… (src/lint/), under the
  //    project's `lint.checks` settings and the definitions' `ignore`s; each finding at the line
  //    of the property it is about (src/io/property-locations.ts).
  const context = buildCheckContext(model);
  const lint = runLint(context, options.checks ?? CHECKS, options.force ? { force: options.force } : {});
  const silenced = lint.silenced.map((s) => (s.source ? { ...s, source: propertyLocation(s.source) } : s));
  const diagnostics = [...loaded.diagnostics, ...atPropertyLines(lint.diagnostics)];

  // 5. secrets by value, everywhere (src/secrets/): over the definitions and templates when they
  //    have errors (nothing is compiled), else over the generated files, located at the definitions.
  if (hasErrors(diagnostics) && !options.compileWithFindings) {
    return { diagnostics: [...diagnostics, ...atPropertyLines(scanSecrets(model))], silenced, model, context };
  }

  // 6. compile: pure functions, model → files in memory; nothing holding a secret goes further.
  const files = compileAll(model);
  diagnostics.push(...atPropertyLines(scanSecrets(model, files)));
  if (hasErrors(diagnostics) && !options.compileWithFindings) return { diagnostics, silenced, model, context };
  return { diagnostics, silenced, model, context, files };
}
