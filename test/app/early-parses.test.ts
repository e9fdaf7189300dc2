/**
 * Issue 16: the loader process tells the PromQL texts the builders see while the definitions run,
 * and totem-mon parses them meanwhile (src/io/early-expressions.ts, src/promql/early.ts). The
 * checks' context then takes those parses: the findings, the analyses and the files must be the
 * same as without them, whether every text was parsed early, some, or none.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDefinitions } from '../../src/app/stages.js';
import { loadDefinitions, type LoadedDefinitions } from '../../src/io/load.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { buildCheckContext } from '../../src/lint/context.js';
import { runLint } from '../../src/lint/run.js';
import { CHECKS } from '../../src/lint/index.js';
import type { CheckContext } from '../../src/lint/check.js';
import { EarlyParses } from '../../src/promql/early.js';
import { REPO, tempDir } from '../helpers/cli.js';
import { argumentSpans } from '../helpers/call-arguments.js';
// @ts-expect-error: the benchmark's definitions generator is plain JavaScript, without types
import { synthesize } from '../../bench/synth.mjs';

const TOTEM = path.join(REPO, 'definitions');
const synthetic = (): string =>
  synthesize(path.join(tempDir(), 'synth'), { alerts: 300, groups: 3, dashboards: 4, panels: 20, metrics: 30, receivers: 3 }) as string;

/** The analyses of a context, all that the checks read of them, as comparable data. */
function analyses(context: CheckContext): unknown[] {
  return context.expressions.map(({ analysis, ...ref }) => {
    const { parsed, calls, ...rest } = analysis;
    return {
      ref: { ...ref, toExpr: undefined },
      parsed: { text: parsed.text, tree: parsed.tree.toString(), root: parsed.root && [parsed.root.name, parsed.root.from, parsed.root.to], errors: parsed.errors, limits: parsed.limits },
      calls: calls.map((c) => ({ name: c.name, from: c.from, to: c.to, args: c.args, argNodes: argumentSpans(c) })),
      ...rest,
    };
  });
}

/** A load whose early table has parsed everything it was told (no slice left for later). */
async function loadedWithEverything(definitions: string): Promise<LoadedDefinitions & { early: EarlyParses }> {
  const loaded = await loadDefinitions(definitions);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(loaded.early).toBeInstanceOf(EarlyParses);
  loaded.early!.drain();
  return loaded as LoadedDefinitions & { early: EarlyParses };
}

describe('PromQL parsed while the definitions load', () => {
  it.each([
    ['Totem', () => TOTEM],
    ['a synthetic set', synthetic],
  ])("%s: the checks' context and findings are the same with the early parses as without", async (_name, definitions) => {
    const loaded = await loadedWithEverything(definitions());
    const parsed = parseProject(loaded.project);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const model = buildModel(parsed.project, loaded.entry);

    const early = loaded.early;
    const told = early.size;
    let taken = 0;
    const take = early.take.bind(early);
    early.take = (text) => {
      const parse = take(text);
      if (parse) taken++;
      return parse;
    };
    const withEarly = buildCheckContext(model, early);
    const without = buildCheckContext(model);
    // The table was used (every text it held is one the context analyses), and is gone after.
    expect(told).toBeGreaterThan(20);
    expect(taken).toBe(told);
    expect(early.size).toBe(0);

    expect(analyses(withEarly)).toEqual(analyses(without));
    const a = runLint(withEarly, CHECKS);
    const b = runLint(without, CHECKS);
    expect(a.diagnostics).toEqual(b.diagnostics);
    expect(a.silenced).toEqual(b.silenced);
  }, 120_000);

  it('every text of the synthetic set is told by its builders (rules, panel targets)', async () => {
    const loaded = await loadedWithEverything(synthetic());
    const parsed = parseProject(loaded.project);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const early = loaded.early;
    const context = buildCheckContext(buildModel(parsed.project, loaded.entry));
    const texts = new Set(context.expressions.map((e) => e.text));
    expect([...texts].filter((t) => early.take(t) === undefined)).toEqual([]);
  }, 120_000);

  it.each([
    ['Totem', () => TOTEM],
    ['a synthetic set', synthetic],
  ])('%s: every stage gives the same findings and files, byte for byte, with all, some or none of the parses made early', async (_name, definitions) => {
    const dir = definitions();
    const run = (loaded: Promise<LoadedDefinitions>) => fromDefinitions({ definitions: dir, loaded });
    const none = await run(loadDefinitions(dir).then(({ early, ...loaded }) => (early?.release(), loaded)));
    const all = await run(loadedWithEverything(dir));
    // Some: the table as the run left it (what was parsed before the project arrived).
    const some = await run(loadDefinitions(dir));
    const half = await run(
      loadDefinitions(dir).then((loaded) => {
        const early = new EarlyParses();
        const texts = [...(none.context?.expressions ?? [])].map((e) => e.text).filter((_, i) => i % 2 === 0);
        early.add(texts);
        early.drain();
        loaded.early?.release();
        return { ...loaded, early };
      }),
    );
    expect(none.files?.length).toBeGreaterThan(0);
    for (const other of [all, some, half]) {
      expect(other.diagnostics).toEqual(none.diagnostics);
      expect(other.silenced).toEqual(none.silenced);
      expect(other.files).toEqual(none.files);
    }
  }, 240_000);
});
