import type { Diagnostic, Severity, SourceRef } from '../diagnostic.js';
import type { Located, Model } from '../model/types.js';
import type { Check, CheckContext } from './check.js';
import { locatedAt } from '../model/located.js';
import { lintStaleIgnore } from './lint-stale-ignore.js';
import { runGuarded } from './guard.js';

/** A finding a definition's `ignore` silenced: not reported, but counted and listed (`--format json`). */
export interface Silenced {
  id: string;
  severity: Severity;
  message: string;
  path: string[];
  source?: SourceRef;
  /** The reason written in the `ignore`. */
  reason: string;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  silenced: Silenced[];
}

export interface LintOptions {
  /** Severities that win over the project's settings, `off` included (`validate --require-tests`). */
  force?: Readonly<Record<string, Severity>>;
  /** Report ignores that silenced nothing (default true; false for a partial run of a check). */
  stale?: boolean;
}

interface IgnoreEntry extends Located {
  id: string;
  reason: string;
  used: boolean;
}

/**
 * Every `ignore` in the definitions, with the definition it is on (any model element that carries
 * one, wherever it sits). A recursive walk that keys by `for…in` and marks only objects as seen: the
 * large benchmark's model is ~47,000 objects and ~47,000 arrays (paths, labels, targets), and the
 * explicit stack of every value with an `Object.keys` array per object took ~80 ms of its run. An
 * element shared by two places is still read once; arrays are only ever reached through objects.
 */
function ignoreEntries(model: Model): IgnoreEntry[] {
  const entries: IgnoreEntry[] = [];
  const seen = new Set<object>();
  const visit = (node: object): void => {
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) visit(item);
      return;
    }
    if (seen.has(node)) return;
    seen.add(node);
    const element = node as Partial<Located> & Record<string, unknown>;
    if (element.ignore && Array.isArray(element.path)) {
      for (const [id, reason] of Object.entries(element.ignore)) {
        entries.push({ path: element.path, ...(element.source ? { source: element.source } : {}), id, reason, used: false });
      }
    }
    for (const key in element) {
      if (key === 'ignore' || key === 'source' || !Object.hasOwn(element, key)) continue;
      const value = element[key];
      if (typeof value === 'object' && value !== null) visit(value);
    }
  };
  for (const root of [model.metrics, model.prometheus.scrapeJobs, model.ruleGroups, model.dashboards, model.alertmanager, model.slos] as unknown[]) {
    if (typeof root === 'object' && root !== null) visit(root);
  }
  return entries;
}

/** Whether `path` is the definition at `prefix` or inside it. */
function within(path: readonly string[] | undefined, prefix: readonly string[]): boolean {
  return path !== undefined && prefix.length <= path.length && prefix.every((step, i) => path[i] === step);
}

/**
 * Runs the checks under the project's settings: a check set to `off` does not run, a severity
 * replaces the check's own for all its findings; a finding inside a definition whose `ignore`
 * names its check is silenced; an ignore that silenced nothing (its check ran) is reported. A check
 * that overflows the stack on one expression reports that instead of crashing (src/lint/guard.ts).
 */
export function runLint(context: CheckContext, checks: readonly Check[], options: LintOptions = {}): LintResult {
  const steps = lintSteps(context, checks, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * runLint, giving the event loop a turn after each check (a macrotask): what arrives meanwhile is
 * handled while the checks go on, not after them (validate starts the tools on the compile worker's
 * files as soon as they come). The same checks, in the same order, with the same result.
 */
export async function runLintYielding(context: CheckContext, checks: readonly Check[], options: LintOptions = {}): Promise<LintResult> {
  const steps = lintSteps(context, checks, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** runLint's work, one check a step. */
function* lintSteps(context: CheckContext, checks: readonly Check[], options: LintOptions): Generator<void, LintResult> {
  const settings = context.model.lint?.checks ?? {};
  const setting = (id: string): Severity | 'off' | undefined => options.force?.[id] ?? settings[id];
  const entries = ignoreEntries(context.model);
  const ran = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const silenced: Silenced[] = [];
  for (const check of checks) {
    const configured = setting(check.id);
    if (configured === 'off') continue;
    ran.add(check.id);
    runGuarded(check, context, (finding) => {
      // Object.assign onto a fresh object, not `{ ...finding, id, severity }`: Node 20's V8 gives every
      // object spread and then extended a hidden class of its own, and every later reader of
      // 10,000 such diagnostics (locations, reports) a slow lookup (src/lint/context.ts).
      const diagnostic: Diagnostic = Object.assign({}, finding, { id: check.id, severity: configured ?? finding.severity ?? check.severity });
      const excuse = entries.filter((e) => e.id === check.id && within(diagnostic.path, e.path));
      if (excuse.length === 0) {
        diagnostics.push(diagnostic);
        return;
      }
      for (const e of excuse) e.used = true;
      silenced.push({
        id: diagnostic.id,
        severity: diagnostic.severity,
        message: diagnostic.message,
        path: diagnostic.path ?? [],
        ...(diagnostic.source ? { source: diagnostic.source } : {}),
        reason: excuse[0]!.reason,
      });
    });
    yield;
  }
  const stale = setting(lintStaleIgnore.id);
  if (stale !== 'off' && options.stale !== false) {
    for (const e of entries) {
      if (e.used || !ran.has(e.id)) continue;
      diagnostics.push(Object.assign({}, lintStaleIgnore.finding(e.id, e.path, locatedAt(e, 'ignore', e.id)), { id: lintStaleIgnore.id, severity: stale ?? lintStaleIgnore.severity }));
    }
  }
  return { diagnostics, silenced };
}
