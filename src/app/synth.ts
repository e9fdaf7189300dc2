/**
 * The programmatic API: `synth()` and `lint()` run the stages on a project value in memory — no
 * loader process, no files read or written — for a unit test of a user's monitoring (what cdk8s's
 * `Testing.synth` gives its users) or a CI integration that holds the project already.
 */
import path from 'node:path';
import type { Diagnostic, SourceRef } from '../diagnostic.js';
import type { LintOptions } from '../api/lint.js';
import { callSiteOf, rememberCallSite } from '../source-sites.js';
import { reviveTransferred, toTransferable } from '../io/loader/transfer.js';
import type { TemplateFileModel } from '../model/alertmanager.js';
import type { Model } from '../model/types.js';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../lint/index.js';
import type { Silenced } from '../lint/run.js';
import { fromProject, type StagesResult } from './stages.js';

export interface SynthOptions {
  /**
   * The definitions folder the project comes from (default `definitions`, as for the CLI). File
   * names in generated headers and findings are relative to the folder that holds it, as
   * `generate` writes them; nothing is read from it.
   */
  definitions?: string;
  /**
   * Alertmanager notification templates by file name (`{ 'team.tmpl': '{{ define "…" }}…' }`):
   * what `generate` reads from `<definitions>/../templates/*.tmpl`. Default: none.
   */
  templates?: Readonly<Record<string, string>>;
  /** Check settings over the project's own `lint.checks`: `{ 'alert/naming': 'off', 'tests/alert-coverage': 'error' }`. */
  checks?: LintOptions['checks'];
}

export interface SynthResult {
  /** The generated files by path (`prometheus/rules/api.rules.yml`), byte for byte what `generate` writes; empty when a finding is an error. */
  files: Record<string, string>;
  /** Everything `generate` reports: schema problems, check findings, secrets. Never thrown. */
  diagnostics: Diagnostic[];
  /** Findings a definition's `ignore` silenced, with its reason. */
  silenced: Silenced[];
  /** The normalised model the checks and compilers read; absent when the project did not pass the schema check. */
  model?: Model;
}

export interface LintResult {
  /** What `validate --offline` reports: `generate`'s findings, test coverage and the routing tests judged by totem-mon's simulation. */
  diagnostics: Diagnostic[];
  silenced: Silenced[];
  /** As synth's: absent when the project did not pass the schema check. */
  model?: Model;
}

const TEMPLATE_NAME = /^[^/\\]+\.tmpl$/;

/** The templates option as the model holds them, sorted by name like the templates folder is read. */
function templateFiles(templates: Readonly<Record<string, string>>): TemplateFileModel[] {
  return Object.keys(templates)
    .sort()
    .map((name) => {
      if (!TEMPLATE_NAME.test(name)) throw new TypeError(`synth: template name ${JSON.stringify(name)} is not a file name ending in .tmpl`);
      return { name, source: `templates/${name}`, content: templates[name]! };
    });
}

/**
 * A copy of the project as the loader process hands it over (src/io/loader/transfer.ts): functions
 * inert, getters run once, every builder's file made relative to the folder that holds the
 * definitions. The caller's objects are never changed.
 */
function handedOver(project: unknown, base: string): unknown {
  const relative = (source: SourceRef): SourceRef => {
    const copy = { ...source, file: path.isAbsolute(source.file) ? path.relative(base, source.file).split(path.sep).join('/') : source.file };
    const site = callSiteOf(source);
    if (site) rememberCallSite(copy, site);
    return copy;
  };
  return reviveTransferred(toTransferable(project, relative));
}

function notAProject(entry: string): Diagnostic {
  return {
    id: 'load',
    severity: 'error',
    message: `synth was given something that is not a project`,
    hint: "pass what `defineProject({ name, metrics, prometheus, … })` returned (import { defineProject } from 'totem-mon')",
    source: { file: entry, line: 1, column: 1 },
  };
}

function run(project: unknown, options: SynthOptions, validateChecks: boolean): StagesResult {
  const definitions = path.resolve(options.definitions ?? 'definitions');
  const base = path.dirname(definitions);
  const entry = path.relative(base, path.join(definitions, 'index.ts')).split(path.sep).join('/');
  if (typeof project !== 'object' || project === null || (project as { kind?: unknown }).kind !== 'project') {
    return { diagnostics: [notAProject(entry)], silenced: [] };
  }
  const copy = handedOver(project, base) as { lint?: { checks?: object } };
  if (options.checks) copy.lint = { ...copy.lint, checks: { ...copy.lint?.checks, ...options.checks } };
  const templates = templateFiles(options.templates ?? {});
  return fromProject(copy, {
    entry,
    templates: () => ({ templates, diagnostics: [] }),
    // lint(): the checks `validate --offline` adds, and output compiled whatever the findings (its secrets scanned).
    ...(validateChecks ? { checks: [...CHECKS, ...COVERAGE_CHECKS, ...OFFLINE_TEST_CHECKS], compileWithFindings: true } : {}),
  });
}

/** `generate` in memory: the files it would write, its findings and the model. */
export function synth(project: unknown, options: SynthOptions = {}): SynthResult {
  const result = run(project, options, false);
  const files = Object.fromEntries((result.files ?? []).map((f) => [f.path, f.content]));
  return { files, diagnostics: result.diagnostics, silenced: result.silenced, ...(result.model ? { model: result.model } : {}) };
}

/** `validate --offline` in memory: every finding of totem-mon's own checks, no files. */
export function lint(project: unknown, options: SynthOptions = {}): LintResult {
  const result = run(project, options, true);
  return { diagnostics: result.diagnostics, silenced: result.silenced, ...(result.model ? { model: result.model } : {}) };
}
