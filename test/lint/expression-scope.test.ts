/**
 * Issue 16: checks of expression scope (`scope: 'expression'`, src/lint/check.ts) run on two shards
 * of the expressions, one in the compile worker (src/app/check-shards.ts), and their findings are
 * joined shard after shard. That is only right when what such a check finds about an expression
 * depends on that expression, the catalogue and the model alone, in expression order. Here every
 * check marked so runs on the whole context and on shards cut at many places, over every fixture,
 * Totem's definitions and synthesized sets: the findings must be the same, in the same order. A
 * check marked wrongly fails this (the last test shows the comparison catching one).
 */
import { readdirSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromDefinitions } from '../../src/app/stages.js';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../../src/lint/index.js';
import { buildCheckContext, buildShardContext } from '../../src/lint/context.js';
import { runGuarded } from '../../src/lint/guard.js';
import { shardStart } from '../../src/app/check-shards.js';
import type { Check, CheckContext, Finding } from '../../src/lint/check.js';
import type { Model } from '../../src/model/types.js';
import { FIXTURES, REPO, tempDir } from '../helpers/cli.js';
// @ts-expect-error: the benchmark's definitions generator is plain JavaScript, without types
import { synthesize } from '../../bench/synth.mjs';
import { brokenDefinitions } from './expression-scope-set.js';

const MARKED = [...CHECKS, ...COVERAGE_CHECKS, ...OFFLINE_TEST_CHECKS].filter((c) => c.scope === 'expression');

/** Every definitions folder of the fixtures (an index.ts), but the loader's (hangs, exits: not projects). */
function fixtureFolders(dir = FIXTURES): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || path.join(dir, entry.name) === path.join(FIXTURES, 'loader')) continue;
    const folder = path.join(dir, entry.name);
    if (existsSync(path.join(folder, 'index.ts'))) out.push(folder);
    else out.push(...fixtureFolders(folder));
  }
  return out;
}

function findings(check: Check, context: CheckContext): Finding[] {
  const out: Finding[] = [];
  runGuarded(check, context, (f) => out.push(f));
  return out;
}

/** Cuts where no path lies on both sides (two same-name alerts share one), as the worker's shard starts. */
function cleanCuts(context: CheckContext): number[] {
  const paths = context.expressions.map((e) => e.path.join('\u0000'));
  const last = new Map(paths.map((p, i) => [p, i]));
  const cuts: number[] = [];
  let reach = 0;
  paths.forEach((p, i) => {
    if (i > 0 && reach < i) cuts.push(i);
    reach = Math.max(reach, last.get(p)!);
  });
  return cuts;
}

/** At most `n` cuts spread over the list, the production cut (the first panel query) among them. */
function someCuts(model: Model, context: CheckContext, n = 12): number[] {
  const cuts = cleanCuts(context);
  const step = Math.max(1, Math.floor(cuts.length / n));
  const chosen = new Set(cuts.filter((_, i) => i % step === 0));
  const production = shardStart(model);
  if (production !== undefined && production > 0 && production < context.expressions.length) chosen.add(production);
  return [...chosen].sort((a, b) => a - b);
}

/** The two shards of a cut as the stages make them: here the head (the rest analysed lazily), the tail as the worker builds it. */
function shardsAt(model: Model, cut: number): [CheckContext, CheckContext] {
  const here = buildCheckContext(model, cut);
  return [{ ...here, expressions: here.expressions.slice(0, cut), offset: 0 }, buildShardContext(model, cut)];
}

function onShards(check: Check, [head, tail]: [CheckContext, CheckContext]): Finding[] {
  return [...findings(check, head), ...findings(check, tail)];
}

interface Case {
  name: string;
  context: CheckContext;
  /** The shards of each cut (contexts are shared by checks, as in a run). */
  cuts: Array<{ cut: number; shards: [CheckContext, CheckContext] }>;
}

const cases: Case[] = [];

async function load(definitions: string, name: string): Promise<void> {
  const result = await fromDefinitions({ definitions, checks: [] });
  const { model, context } = result;
  if (model && context) cases.push({ name, context, cuts: someCuts(model, context).map((cut) => ({ cut, shards: shardsAt(model, cut) })) });
}

describe('checks of expression scope on shards of the expressions', () => {
  beforeAll(async () => {
    const folders = [
      ...fixtureFolders().map((f) => [f, path.relative(FIXTURES, f)] as const),
      [path.join(REPO, 'definitions'), 'Totem'] as const,
      [synthesize(path.join(tempDir(), 'bench'), { alerts: 120, groups: 3, dashboards: 3, panels: 12, metrics: 20, receivers: 3 }) as string, 'bench synth'] as const,
      [brokenDefinitions(tempDir()), 'synthesized findings'] as const,
    ];
    // Two loader processes at a time.
    const queue = [...folders];
    await Promise.all([0, 1].map(async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await load(next[0], next[1]);
    }));
    cases.sort((a, b) => a.name.localeCompare(b.name));
  }, 240_000);

  it('holds contexts of the fixtures, Totem and the synthesized sets, with expressions on both sides of a cut', () => {
    expect(cases.length).toBeGreaterThan(60);
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(['Totem', 'bench synth', 'synthesized findings']));
    expect(MARKED.length).toBeGreaterThan(15);
  });

  it.each(MARKED.map((c) => [c.id, c] as const))('%s finds the same on shards as on the whole, in the same order', (_id, check) => {
    let compared = 0;
    for (const { name, context, cuts } of cases) {
      const whole = findings(check, context);
      for (const { cut, shards } of cuts) {
        expect(onShards(check, shards), `${name}, cut at ${cut} of ${context.expressions.length}`).toEqual(whole);
        compared += whole.length;
      }
    }
    // The comparison means something only where the check finds something.
    expect(compared).toBeGreaterThan(0);
  });

  it('would catch a check marked wrongly: one whose finding about an expression depends on the others', () => {
    // Reports each metric name where it is first selected: the first in the whole list, not in each shard.
    const firstUse: Check = {
      id: 'test/first-use',
      severity: 'info',
      description: 'not a check',
      scope: 'expression',
      run({ expressions }, report) {
        const seen = new Set<string>();
        for (const e of expressions) for (const s of e.analysis.selectors) if (s.name && !seen.has(s.name)) seen.add(s.name) && report({ message: s.name });
      },
    };
    const differ = cases.some(({ context, cuts }) => cuts.some(({ shards }) => JSON.stringify(onShards(firstUse, shards)) !== JSON.stringify(findings(firstUse, context))));
    expect(differ).toBe(true);
  });
});
