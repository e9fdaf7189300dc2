/**
 * Issue 13, crash injection: the real CLI, in its own process, is killed with SIGKILL at random
 * moments of a large generate (most while it writes out/, some anywhere in the run), 20 times.
 * After each kill, one plain `generate` (no flag, no person) brings out/ to exactly the output of
 * the definitions, and `generate --check` passes. Also: two generates at once on one out/.
 *
 * Each run switches between two definition sets whose outputs differ in every file and in which
 * files exist, so a kill lands among writes, removals and the manifest update.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { BIN, isBuilt } from '../helpers/built.js';

const TRIALS = 20;
const LOCK = '.totem-mon.lock';
const MANIFEST = '.totem-mon-manifest.json';

/** Many output files from a small definitions file: `groups` rule files of one alert each. */
function definitions(root: string, name: string, groups: number, threshold: number): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'index.ts'),
    `import { alert, counter, defineProject, rate, ruleGroup, scrapeJob } from 'totem-mon';
const requests = counter({ name: 'crash_requests_total', help: 'Requests.', labels: ['route'] });
const note = '${'x'.repeat(400)}';
export default defineProject({
  name: 'crash',
  metrics: [requests],
  prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
  ruleGroups: Array.from({ length: ${groups} }, (_, i) => ruleGroup({
    name: \`group_\${i}\`,
    rules: [alert({
      name: \`TooMany\${i}\`,
      expr: \`sum by (route) (\${rate(requests, '5m')}) > \${i + ${threshold}}\`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: { summary: 'Too many', description: \`Route {{ $labels.route }} \${note}\`, runbook_url: 'https://runbooks.example.com/x' },
    })],
  })),
});
`,
  );
  return dir;
}

/**
 * The CLI as installed (bin over dist/, as CI builds it in `npm ci`) when dist/ is current, else
 * from source (scripts/dev.mjs, slower to start): a process of its own either way. Chosen once.
 */
function chooseCli(): string[] {
  return isBuilt() ? [BIN] : [path.join(REPO, 'scripts/dev.mjs')];
}
let cli: string[] = [];
const cliCommand = () => cli;

interface Killed {
  exitedByItself: boolean;
  /** ms from spawn to the lock appearing (the writing phase begins), and from then to the exit. */
  toLock: number;
  writing: number;
}

/**
 * Spawns `generate` and SIGKILLs it `delay` ms after the lock file appears (the writing phase), or
 * after spawn when `fromStart`.
 */
function generateAndKill(defs: string, out: string, delay: number, fromStart: boolean): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cliCommand(), 'generate', '--definitions', defs, '--out', out], { stdio: 'ignore' });
    const spawned = Date.now();
    let locked = 0;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    const poll = setInterval(() => {
      if (!existsSync(path.join(out, LOCK))) return;
      clearInterval(poll);
      locked = Date.now();
      if (!fromStart) timer = setTimeout(kill, delay);
    }, 1);
    if (fromStart) timer = setTimeout(kill, delay);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      if (code !== null && code !== 0) reject(new Error(`generate exited ${code} before it was killed`));
      const end = Date.now();
      resolve({ exitedByItself: signal === null, toLock: (locked || end) - spawned, writing: locked ? end - locked : 0 });
    });
  });
}

/** Same seed, same trials: a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('crash injection', () => {
  let root = '';
  const sets: Array<{ defs: string; expected: Record<string, string> }> = [];
  let timing = { run: 0, writing: 0 };

  beforeAll(async () => {
    root = tempDir();
    cli = chooseCli();
    for (const [name, groups, threshold] of [['a', 200, 10], ['b', 160, 1000]] as const) {
      const defs = definitions(root, name, groups, threshold);
      const reference = path.join(root, `reference-${name}`);
      const made = await runCli(['generate', '--definitions', defs, '--out', reference]);
      expect(made.code, made.stderr).toBe(0);
      sets.push({ defs, expected: snapshotTree(reference) });
    }
    // How long a run takes on this machine, and how long it writes: kills are spread over these.
    const calibrate = path.join(root, 'calibrate');
    expect((await runCli(['generate', '--definitions', sets[0]!.defs, '--out', calibrate])).code).toBe(0);
    const run = await generateAndKill(sets[1]!.defs, calibrate, 600_000 /* never: it finishes first */, false);
    timing = { run: run.toLock + run.writing, writing: Math.max(run.writing, 20) };
  }, 120_000);

  it(`SIGKILL at ${TRIALS} random moments; one plain generate repairs out/ each time`, async () => {
    const out = path.join(root, 'out');
    expect((await runCli(['generate', '--definitions', sets[0]!.defs, '--out', out])).code).toBe(0);
    const next = random(13);
    const outcomes = { midWrite: 0, untouched: 0, finished: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const from = sets[trial % 2]!;
      const to = sets[(trial + 1) % 2]!;
      const fromStart = trial % 5 === 4; // one trial in five anywhere in the run, the others while writing
      const delay = Math.floor(next() * (fromStart ? timing.run : timing.writing));
      const killed = await generateAndKill(to.defs, out, delay, fromStart);

      // A kill before the intent record, or after the manifest, may leave the lock or the staging
      // folder: the next run clears them; the files themselves are compared here.
      const state = Object.fromEntries(Object.entries(snapshotTree(out)).filter(([f]) => !/^\.totem-mon-(staging-|lock)|^\.totem-mon\.lock/.test(f)));
      const manifest = readFileSync(path.join(out, MANIFEST), 'utf8');
      if (manifest.includes('"pending"')) outcomes.midWrite++;
      else if (JSON.stringify(state) === JSON.stringify(from.expected)) outcomes.untouched++;
      else {
        expect(state, `trial ${trial}: killed at ${delay} ms, out/ is neither old, new, nor marked pending`).toEqual(to.expected);
        outcomes.finished++;
      }

      const repair = await runCli(['generate', '--definitions', to.defs, '--out', out]);
      expect(repair.code, `trial ${trial} (killed ${killed.exitedByItself ? 'too late' : `at ${delay} ms`}): ${repair.stderr}`).toBe(0);
      expect(snapshotTree(out), `trial ${trial}`).toEqual(to.expected);
      expect(readdirSync(out).filter((n) => /^\.totem-mon[-.]/.test(n) && n !== MANIFEST), `trial ${trial}: leftovers`).toEqual([]);
      const check = await runCli(['generate', '--check', '--definitions', to.defs, '--out', out]);
      expect(check.code, `trial ${trial}: ${check.stderr}`).toBe(0);
    }
    console.log(`crash injection: ${JSON.stringify(outcomes)}, a run ${timing.run} ms of which writing ${timing.writing} ms`);
    // The kills must really have landed mid-write for this test to mean anything.
    expect(outcomes.midWrite, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(5);
  }, 240_000);

  it('two generates at once: one writes, the other is refused by the lock or runs after it; out/ ends correct', async () => {
    const out = path.join(root, 'together');
    const run = (defs: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [...cliCommand(), 'generate', '--definitions', defs, '--out', out]);
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += String(d)));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([run(sets[0]!.defs), run(sets[0]!.defs)]);
    for (const r of results) {
      expect([0, 1], r.stderr).toContain(r.code);
      if (r.code === 1) expect(r.stderr).toMatch(/\[output\/locked\] \.totem-mon\.lock: another totem-mon generate \(pid \d+ on .+, started .+\) is writing/);
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(snapshotTree(out)).toEqual(sets[0]!.expected);
    expect(existsSync(path.join(out, LOCK))).toBe(false);
  }, 60_000);
});
