/**
 * Issue 16: the builders tell the PromQL texts they are given (src/api/expressions-seen.ts); the
 * loader process sends them on in batches while the definitions run, before its reply, to the load
 * they belong to (src/io/loader/loader-process.ts, spawn.ts). Outside the loader the builders tell nobody,
 * and telling changes nothing in what they return nor runs any code of the definitions'.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alert, dashboard, record, ratePanel, counter, timeseriesPanel } from '../../src/index.js';
import { EXPRESSIONS_SEEN } from '../../src/api/expressions-seen.js';
import { runLoader } from '../../src/io/loader/spawn.js';
import { definitionsTarget, loaderRequest } from '../../src/io/load.js';
import { loadConfigAndDefinitions } from '../../src/io/config.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';
// Loaded here already, as the bundle's stages chunk is by the time the first texts arrive: the
// receiving side imports it on the first message (src/io/early-expressions.ts).
import { EarlyParses } from '../../src/promql/early.js';

const KEY = Symbol.for(EXPRESSIONS_SEEN);
const requests = counter({ name: 'web_requests_total', help: 'Requests.', labels: ['code'] });

function builtAll(): unknown[] {
  return [
    alert({ name: 'A', expr: 'up == 0', labels: { severity: 'warning' }, annotations: { summary: 'A', description: 'a' } }),
    record({ name: 'job:up:sum', expr: 'sum by (job) (up)' }),
    ratePanel(requests, { title: 'Requests', by: ['code'] }),
    timeseriesPanel({ title: 'T', targets: [{ expr: 'rate(x[$__rate_interval])' }, { expr: 'y' }] }),
    dashboard({ title: 'D', panels: [], annotations: [{ name: 'deploys', expr: 'changes(deploy_time[5m]) > 0' }] }),
  ].map((made) => JSON.parse(JSON.stringify({ ...(made as object), source: undefined })) as unknown);
}

describe('the builders tell the texts they are given', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[KEY];
  });

  it('to a listener, in order, returning what they return without one', () => {
    const without = builtAll();
    const told: string[] = [];
    (globalThis as Record<symbol, unknown>)[KEY] = (text: string) => told.push(text);
    expect(builtAll()).toEqual(without);
    expect(told).toEqual(['up == 0', 'sum by (job) (up)', 'sum by (code) (rate(web_requests_total[$__rate_interval]))', 'rate(x[$__rate_interval])', 'y', 'changes(deploy_time[5m]) > 0']);
  });

  it("without running a getter of the definitions'", () => {
    let runs = 0;
    const target = {
      get expr() {
        runs++;
        return 'up';
      },
    };
    (globalThis as Record<symbol, unknown>)[KEY] = () => {};
    timeseriesPanel({ title: 'T', targets: [target] });
    expect(runs).toBe(0);
  });
});

/** Definitions with `n` alerts, made in a loop. */
function manyAlerts(n: number): string {
  const dir = path.join(tempDir(), 'definitions');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'index.ts'),
    `import { alert, defineProject, ruleGroup } from 'totem-mon';
const rules = Array.from({ length: ${n} }, (_, i) => alert({ name: \`A\${i}\`, expr: \`sum by (job) (rate(requests_total{code="500", n="\${i}"}[5m])) / sum by (job) (rate(requests_total[5m])) > 0.05\` }));
export default defineProject({ name: 'many', ruleGroups: [ruleGroup({ name: 'g', rules })] });
`,
  );
  return dir;
}

describe('the loader process sends them on', () => {
  it('in batches of less than a pipe buffer each, all before the outcome, in order', async () => {
    const target = definitionsTarget(manyAlerts(1500));
    const batches: Array<readonly string[]> = [];
    let replied = false;
    const outcome = await runLoader(loaderRequest([{ entry: target.entryPath, dir: target.dir }]), 60_000, {
      expressions: (texts) => {
        expect(replied).toBe(false);
        batches.push(texts);
      },
    });
    replied = true;
    expect(outcome.reply?.type).toBe('loaded');
    expect(batches.length).toBeGreaterThan(3);
    for (const batch of batches) expect(batch.join('').length * 2).toBeLessThan(64 * 1024);
    const texts = batches.flat();
    expect(texts).toHaveLength(1500);
    expect(texts[1499]).toContain('n="1499"');
  }, 60_000);

  it('while the definitions still run, even after totem-mon stopped reading for a while', async () => {
    // 40 rounds of 20 ms, each telling ~24 KB of texts. The receiver blocks its own thread for 300 ms
    // at the first batch: ~350 KB are told meanwhile, more than the socket between the processes
    // holds. Sent on the IPC channel (asynchronous writes), the write that did not fit and every
    // later one waited for the loader's event loop, which turns once the definitions are done: the
    // rest came in one burst at the end. Written synchronously, the loader waits for the receiver
    // and the batches keep coming as they are made.
    const dir = path.join(tempDir(), 'definitions');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'index.ts'),
      `import { alert, defineProject, ruleGroup } from 'totem-mon';
const rules = [];
for (let round = 0; round < 40; round++) {
  const until = Date.now() + 20;
  while (Date.now() < until) {}
  for (let i = 0; i < 60; i++) rules.push(alert({ name: \`A\${round}_\${i}\`, expr: \`sum(rate(requests_total{round="\${round}", i="\${i}", pad="${'x'.repeat(300)}"}[5m])) > 1\` }));
}
export default defineProject({ name: 'slow', ruleGroups: [ruleGroup({ name: 'g', rules })] });
`,
    );
    const target = definitionsTarget(dir);
    const arrivals: number[] = [];
    let texts = 0;
    let paused = false;
    const outcome = await runLoader(loaderRequest([{ entry: target.entryPath, dir: target.dir }]), 60_000, {
      expressions: (batch) => {
        texts += batch.length;
        if (!paused) {
          paused = true;
          const until = performance.now() + 300;
          while (performance.now() < until) {
            // totem-mon busy elsewhere (a long slice, a collection, a worker starting)
          }
          return;
        }
        arrivals.push(performance.now());
      },
    });
    expect(outcome.reply?.type).toBe('loaded');
    expect(texts).toBe(2400);
    // After the pause, the batches keep coming as the rounds make them (a round takes 20 ms), not in
    // one burst once the definitions are done: many separate moments of arrival, not one or two.
    const moments = arrivals.filter((at, i) => i === 0 || at - arrivals[i - 1]! > 5).length;
    expect(moments).toBeGreaterThan(8);
  }, 60_000);

  it('whole, whatever the characters of a text', async () => {
    const dir = path.join(tempDir(), 'definitions');
    mkdirSync(dir, { recursive: true });
    const odd = ['up{a="line\\nbreak"} == 0', 'up{a="é ü 漢字 \u2028 \u{1F600}"} == 0', 'up{a="\ud800"} == 0', 'up\n  == 0', '4 up == 0', ''];
    writeFileSync(
      path.join(dir, 'index.ts'),
      `import { alert, defineProject, ruleGroup } from 'totem-mon';
const texts: string[] = ${JSON.stringify(odd)};
export default defineProject({ name: 'odd', ruleGroups: [ruleGroup({ name: 'g', rules: texts.map((expr, i) => alert({ name: \`A\${i}\`, expr })) })] });
`,
    );
    const target = definitionsTarget(dir);
    const told: string[] = [];
    const outcome = await runLoader(loaderRequest([{ entry: target.entryPath, dir: target.dir }]), 60_000, { expressions: (batch) => told.push(...batch) });
    expect(outcome.reply?.type).toBe('loaded');
    expect(told).toEqual(odd);
  }, 60_000);

  it("with a config file, to the definitions' load (the config's tells nothing)", async () => {
    const root = tempDir();
    cpSync(path.join(FIXTURES, 'config/web/definitions'), path.join(root, 'definitions'), { recursive: true });
    // The first batch goes while the definitions still run (more than a batch of texts told, then a
    // top-level await): the table of parses, imported on that batch, exists when the project arrives
    // however fast the loader is (a table that does not exist then is no table, by design).
    const index = path.join(root, 'definitions/index.ts');
    const padding = 'for (let i = 0; i < 300; i++) alert({ name: `Pad${i}`, expr: `sum(rate(web_requests_total{pad="${"x".repeat(80)}${i}"}[5m])) > 1` });';
    writeFileSync(index, `${readFileSync(index, 'utf8')}\n${padding}\nawait new Promise((resolve) => setTimeout(resolve, 300));\n`);
    const file = path.join(root, 'totem-mon.config.ts');
    writeFileSync(file, `import { defineConfig } from 'totem-mon';\nexport default defineConfig({ definitions: 'definitions' });\n`);
    const both = loadConfigAndDefinitions(file, path.join(root, 'definitions'), { cwd: root });
    expect((await both.config).diagnostics).toEqual([]);
    const loaded = await both.definitions;
    expect(loaded.early).toBeInstanceOf(EarlyParses);
    loaded.early!.drain();
    expect(loaded.early!.take('sum(rate(web_requests_total{code="500"}[5m])) > 1')).toBeDefined();
    expect(loaded.early!.take('sum by (code) (rate(web_requests_total[5m]))')).toBeDefined();
  }, 60_000);
});
