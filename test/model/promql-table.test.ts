/**
 * Issue 16: each distinct PromQL text is parsed once per run (src/model/promql-table.ts), whoever
 * asks: the SLO rules, the catalogue, the checks' context and checks, the compilers in this thread (the docs'
 * metric uses, the rule tests' dependencies), in generate's order (checks, then compile) and in
 * validate's (compiled before the checks). Counted where every parse is asked for (parsePromql:
 * lezer itself parses each shape of text once, src/promql/shapes.ts), so no path around the table
 * goes unseen. And the table changes no result: the same findings and files as the model alone gives.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeParses } from '../../src/promql/parse.js';
import { fromDefinitions } from '../../src/app/stages.js';
import { loadDefinitions } from '../../src/io/load.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { buildCheckContext } from '../../src/lint/context.js';
import { runLint } from '../../src/lint/run.js';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../../src/lint/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { promqlTableFor, promqlTableOf } from '../../src/model/promql-table.js';
import { SAMPLE_PROJECTS } from '../helpers/sample-projects.js';
import type { Model } from '../../src/model/types.js';

const ALL_CHECKS = [...CHECKS, ...COVERAGE_CHECKS, ...OFFLINE_TEST_CHECKS];

/** Runs `run` counting the parses asked for by text (src/promql/parse.ts observeParses); the texts parsed more than once, with their counts. */
async function parsedTwice(run: () => Promise<unknown>): Promise<{ twice: Array<[string, number]>; distinct: number }> {
  const counts = new Map<string, number>();
  observeParses((text) => {
    if (text !== '') counts.set(text, (counts.get(text) ?? 0) + 1);
  });
  try {
    await run();
    // Parses made after the run (early parses still under way, src/promql/early.ts) count too.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    observeParses(undefined);
  }
  return { twice: [...counts].filter(([, n]) => n > 1), distinct: counts.size };
}

afterEach(() => vi.restoreAllMocks());

describe('the PromQL of a run', () => {
  for (const [name, dir] of SAMPLE_PROJECTS) {
    it(`parses each distinct text once: ${name}, generate's order and validate's`, async () => {
      const definitions = dir();
      const generate = await parsedTwice(() => fromDefinitions({ definitions }));
      expect(generate.twice).toEqual([]);
      expect(generate.distinct).toBeGreaterThan(0);
      let handed = 0;
      const validate = await parsedTwice(() =>
        fromDefinitions({ definitions, checks: ALL_CHECKS, compileWithFindings: true, onModel: () => {}, onFiles: () => void handed++ }),
      );
      expect(handed).toBe(1);
      expect(validate.twice).toEqual([]);
    }, 60_000);

    it(`gives the findings and files the model alone gives: ${name}`, async () => {
      const loaded = await loadDefinitions(dir());
      loaded.early?.release();
      const parsed = parseProject(loaded.project);
      if (!parsed.ok) throw new Error('the sample project does not pass the schema check');
      // Two models from one project: one with a run's table (checked, then compiled with it), one
      // without (compiled alone, as the compile worker does; checked with a model the table is not
      // found by, so the checks that read syntax only make their own, as before the table).
      const withTable: Model = buildModel(parsed.project, loaded.entry);
      const alone: Model = buildModel(parsed.project, loaded.entry);
      promqlTableFor(withTable);
      const tableFindings = runLint(buildCheckContext(withTable), ALL_CHECKS).diagnostics;
      const tableFiles = compileOutputs(withTable);
      const aloneFiles = compileOutputs(alone);
      expect(promqlTableOf(alone)).toBeUndefined();
      const context = buildCheckContext(alone);
      const aloneFindings = runLint({ ...context, model: { ...alone } }, ALL_CHECKS).diagnostics;
      expect(tableFiles.length).toBeGreaterThan(0);
      expect(tableFiles.map((f) => [f.path, f.content])).toEqual(aloneFiles.map((f) => [f.path, f.content]));
      expect(tableFindings).toEqual(aloneFindings);
    }, 60_000);
  }

});
