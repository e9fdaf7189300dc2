/**
 * The checks on two cores. Most PromQL checks are of expression scope (`scope: 'expression'` on the
 * check, src/lint/check.ts): what they find about an expression depends on that expression, the
 * catalogue and the model alone, in the order of the expressions. The compile worker
 * (src/app/compile-worker.ts), which holds a copy of the model anyway, analyses the panel queries
 * (the last shard of the expressions, src/model/expressions.ts) and runs those checks on them before
 * it compiles; the main thread analyses the rule expressions and runs every check, those of
 * expression scope on its own shard only. Per check, its findings then the worker's: the order of
 * one pass over all the expressions (test/app/check-shards.test.ts), before the settings and the
 * ignores apply once to all of them (src/lint/run.ts settle).
 */
import type { Model } from '../model/types.js';
import { dashboardExpressions } from '../model/dashboard.js';
import type { Check, CheckContext, Finding } from '../lint/check.js';
import { buildCheckContext, buildShardContext } from '../lint/context.js';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../lint/index.js';
import { checkSetting, findAll, settle, type LintOptions, type LintResult } from '../lint/run.js';
import { runGuarded } from '../lint/guard.js';
import type { SourceRef } from '../diagnostic.js';
import { propertyBelow, propertyOf, rememberCallSite } from '../source-sites.js';

/** What the worker is asked to check: the expressions from `from` on, with these checks (by id). */
export interface ShardRequest {
  from: number;
  checks: string[];
}

/**
 * A finding as it crosses between the threads: its source as the model's source object it lies at
 * or below (by its place in sourcesOf's order) and the property path below it. A SourceRef's call
 * site, which reports read to point at the property's line, is kept beside it, by identity
 * (src/source-sites.ts): a copy of the source alone would lose it.
 */
export type ShardFinding = Omit<Finding, 'source'> & { at?: { site: number; fields: string[] } };

/** What each check found on the worker's shard, by check id. */
export type ShardFindings = Record<string, ShardFinding[]>;

/** The model's source objects, in one order on both threads (a structured clone keeps the graph and the key order). */
function sourcesOf(model: Model): SourceRef[] {
  const out: SourceRef[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'source' && typeof value === 'object' && value !== null && typeof (value as SourceRef).file === 'string') {
        if (!seen.has(value)) seen.add(value) && out.push(value as SourceRef);
      } else visit(value);
    }
  };
  visit(model);
  return out;
}

/** The worker's side of a finding's source: every source of the model made a call site first, so that properties below one are known. */
function sendable(sources: ReadonlyMap<SourceRef, number>): (finding: Finding) => ShardFinding {
  return ({ source, ...rest }) => {
    if (!source) return rest;
    const property = propertyOf(source);
    const site = sources.get(property?.site ?? source);
    if (site === undefined) throw new Error(`a finding of the compile worker lies at ${source.file}:${source.line}, at no definition of the model`);
    return { ...rest, at: { site, fields: [...(property?.fields ?? [])] } };
  };
}

/** The main thread's side: each source made again from its model's own source objects. */
function received(model: Model, all: ShardFindings): Record<string, Finding[]> {
  let sources: SourceRef[] | undefined;
  const found = ({ at, ...rest }: ShardFinding): Finding => {
    if (!at) return rest;
    sources ??= sourcesOf(model);
    const site = sources[at.site];
    if (!site) throw new Error(`a finding of the compile worker lies at no definition of the model`);
    return { ...rest, source: propertyBelow(site, at.fields) };
  };
  return Object.fromEntries(Object.entries(all).map(([id, findings]) => [id, findings.map(found)]));
}

/** Every check the worker knows by its id. */
const KNOWN = new Map([...CHECKS, ...COVERAGE_CHECKS, ...OFFLINE_TEST_CHECKS].map((c) => [c.id, c]));

/**
 * Where the worker's shard starts: at the first panel query. The checks of the routing tree read
 * every alert's analysis (src/lint/alertmanager-select.ts), so the rule expressions are analysed
 * here; the panel queries, with compiling, balance them on the large benchmark (README Benchmarks).
 * Undefined when there is no panel query: nothing to share.
 */
export function shardStart(model: Model): number | undefined {
  if (dashboardExpressions(model.dashboards).length === 0) return undefined;
  return model.ruleGroups.reduce((n, g) => n + g.rules.length, 0);
}

/** The checks the worker can run on its shard: of expression scope, known to it by id, and not set to off. */
export function shardChecks(model: Model, checks: readonly Check[], options: LintOptions): Check[] {
  return checks.filter((c) => c.scope === 'expression' && KNOWN.get(c.id) === c && checkSetting(model, c.id, options) !== 'off');
}

/** What the worker is asked to check (undefined: nothing, the main thread checks everything). */
export function shardRequest(model: Model, checks: readonly Check[], options: LintOptions): ShardRequest | undefined {
  const from = shardStart(model);
  const sharded = from !== undefined ? shardChecks(model, checks, options) : [];
  return from !== undefined && sharded.length > 0 ? { from, checks: sharded.map((c) => c.id) } : undefined;
}

/**
 * The worker's side: the shard's expressions analysed, and each asked check run on them (guarded,
 * as here). Findings at a definition need the model's sources made call sites first (so that
 * properties below them are known, src/source-sites.ts): only when there are some, the checks run
 * again after that (a clean project's run never walks the model for its sources).
 */
export function checkShard(model: Model, request: ShardRequest): ShardFindings {
  const checks = request.checks.map((id) => {
    const check = KNOWN.get(id);
    if (!check) throw new Error(`the compile worker knows no check ${id}`);
    return check;
  });
  const run = () => {
    const context = buildShardContext(model, request.from);
    return checks.map((check) => {
      const findings: Finding[] = [];
      runGuarded(check, context, (f) => findings.push(f));
      return findings;
    });
  };
  let found = run();
  let send: (finding: Finding) => ShardFinding = (finding) => finding;
  if (found.some((findings) => findings.some((f) => f.source))) {
    const sources = sourcesOf(model);
    for (const source of sources) rememberCallSite(source, { absolute: source.file });
    send = sendable(new Map(sources.map((source, i) => [source, i])));
    found = run();
  }
  return Object.fromEntries(checks.map((check, i) => [check.id, found[i]!.map(send)]));
}

/**
 * The main thread's side: every check, those of `sharded` on the expressions before `from` only,
 * then the worker's findings after each one's (or, when the worker gave none, those checks run
 * here on the rest). The context's expressions from `from` on are analysed only if a check reads
 * them here.
 */
export async function checkSharded(
  model: Model,
  checks: readonly Check[],
  options: LintOptions,
  request: ShardRequest,
  theirs: Promise<ShardFindings | undefined>,
): Promise<LintResult & { context: CheckContext }> {
  const context = buildCheckContext(model, request.from);
  const sharded = new Set(request.checks);
  const own: CheckContext = { ...context, expressions: context.expressions.slice(0, request.from), offset: 0 };
  const found = findAll(context, checks, options, (check) => (sharded.has(check.id) ? own : context));
  let rest = fromWorker(model, request, await theirs);
  if (!rest) {
    // No answer from the worker: its shard is checked here.
    const shard: CheckContext = { ...context, expressions: context.expressions.slice(request.from), offset: request.from };
    rest = Object.fromEntries(findAll(shard, checks.filter((c) => sharded.has(c.id)), options).map((f) => [f.check.id, f.findings]));
  }
  for (const f of found) if (sharded.has(f.check.id)) f.findings.push(...rest[f.check.id]!);
  return { ...settle(context, found, options), context };
}

/** The worker's findings with their sources made here; undefined when it gave none for some check (then they run here). */
export function fromWorker(model: Model, request: ShardRequest, theirs: ShardFindings | undefined): Record<string, Finding[]> | undefined {
  if (!theirs || !request.checks.every((id) => Array.isArray(theirs[id]))) return undefined;
  try {
    return received(model, theirs);
  } catch {
    return undefined;
  }
}
