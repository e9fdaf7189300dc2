/**
 * Issue 16: on a large model the compile worker checks the panel queries with the checks of
 * expression scope while the main thread checks the rest (src/app/check-shards.ts). The findings,
 * what the ignores silenced and the stale ignores must be exactly those of the plain path (one
 * thread), in the same order; a worker that fails or answers no findings changes nothing; and the
 * worker's findings are the ones reported (not a second run here).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromDefinitions, type DefinitionsStageOptions } from '../../src/app/stages.js';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../../src/lint/index.js';
import { checkShard, fromWorker, shardChecks, shardStart } from '../../src/app/check-shards.js';
import { buildShardContext } from '../../src/lint/context.js';
import { findAll } from '../../src/lint/run.js';
import { atPropertyLines } from '../../src/io/property-locations.js';
import { FIXTURES, REPO, tempDir } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/built.js';
import { brokenDefinitions } from '../lint/expression-scope-set.js';

const BUILT_WORKER = pathToFileURL(path.join(REPO, 'dist/totem-mon-compile-worker.js'));

/** What a run reports, in order. */
async function reported(options: DefinitionsStageOptions) {
  const result = await fromDefinitions(options);
  return { diagnostics: result.diagnostics, silenced: result.silenced, files: result.files };
}

const VALIDATE = {
  checks: [...CHECKS, ...COVERAGE_CHECKS, ...OFFLINE_TEST_CHECKS],
  compileWithFindings: true,
  force: Object.fromEntries(COVERAGE_CHECKS.map((c) => [c.id, 'error' as const])),
};

describe('the checks of expression scope on two threads', () => {
  let synthesized = '';
  beforeAll(async () => {
    await ensureBuilt();
    synthesized = brokenDefinitions(tempDir());
  }, 180_000);

  const folders = (): Array<[string, string]> => [
    ['synthesized findings', synthesized],
    ...['lint/ignored-everywhere', 'lint/ignored', 'lint/stale-ignore', 'lint/configured', 'grafana/undeclared-metric', 'grafana/red', 'e2e', 'promql-deep', 'k8s/shop'].map(
      (f) => [f, path.join(FIXTURES, f)] as [string, string],
    ),
  ];

  it('reports what one thread reports, in the same order, for generate and for validate --offline', async () => {
    for (const [name, definitions] of folders()) {
      for (const options of [{}, VALIDATE]) {
        const plain = await reported({ definitions, ...options });
        const sharded = await reported({ definitions, ...options, compileWorker: { module: BUILT_WORKER, fromSize: 0 } });
        expect(sharded, name).toEqual(plain);
      }
    }
    const plain = await reported({ definitions: synthesized, ...VALIDATE });
    // The synthesized set has findings and silenced ones in the worker's shard (panel queries).
    expect(plain.diagnostics.filter((d) => d.path?.[0] === 'dashboards' && d.excerpt).length).toBeGreaterThan(20);
    expect(plain.silenced.filter((s) => s.path[0] === 'dashboards').length).toBeGreaterThan(0);
    expect(plain.diagnostics.some((d) => d.id === 'lint/stale-ignore' && d.path?.[0] === 'dashboards')).toBe(true);
  }, 240_000);

  it("uses the worker's findings, and checks its shard here when the worker fails or answers none", async () => {
    const definitions = synthesized;
    const plain = await reported({ definitions });
    // A worker that answers a finding of its own per check: it shows, after the main thread's.
    const marker = path.join(tempDir(), 'marker-worker.mjs');
    writeFileSync(
      marker,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.once('message', ({ shard }) => {\n" +
        "  parentPort.postMessage({ findings: Object.fromEntries(shard.checks.map((id) => [id, [{ message: 'from the worker' }]])) });\n" +
        "  parentPort.postMessage({ error: 'no files here' });\n" +
        '});\n',
    );
    const marked = await reported({ definitions, compileWorker: { module: pathToFileURL(marker), fromSize: 0 } });
    expect(marked.diagnostics.filter((d) => d.message === 'from the worker').map((d) => d.id)).toContain('promql/unknown-metric');
    expect(marked.files).toEqual(plain.files);
    // A worker that throws, and one that answers files but no findings: the plain path's findings.
    const broken = path.join(tempDir(), 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no worker today');\n");
    const silent = path.join(tempDir(), 'silent-worker.mjs');
    writeFileSync(silent, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => parentPort.postMessage({ error: 'no files' }));\n");
    for (const worker of [broken, silent]) {
      expect(await reported({ definitions, compileWorker: { module: pathToFileURL(worker), fromSize: 0 } })).toEqual(plain);
    }
  }, 240_000);

  it("takes the worker's findings with their sources at the same property lines as its own (a copy of the model loses the call sites)", async () => {
    const { model } = await fromDefinitions({ definitions: synthesized, checks: [] });
    const from = shardStart(model!)!;
    const checks = shardChecks(model!, CHECKS, {});
    const request = { from, checks: checks.map((c) => c.id) };
    // As the worker does, on a copy of the model (structured clone, as postMessage makes it).
    const theirs = fromWorker(model!, request, checkShard(structuredClone(model!), request));
    expect(theirs).toBeDefined();
    const here = findAll(buildShardContext(model!, from), checks);
    const located = (id: string, findings: Parameters<typeof atPropertyLines>[0]) => atPropertyLines(findings.map((f) => ({ ...f, id })));
    let sourced = 0;
    for (const { check, findings } of here) {
      expect(located(check.id, theirs![check.id] as never), check.id).toEqual(located(check.id, findings as never));
      sourced += findings.filter((f) => f.source).length;
    }
    expect(sourced).toBeGreaterThan(20);
  }, 120_000);
});
