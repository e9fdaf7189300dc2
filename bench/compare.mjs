#!/usr/bin/env node
// `npm run bench:compare`: two or more builds on the same work, in rounds that run each build once
// (the order rotated from one round to the next), with the medians of their wall and CPU times and,
// round by round, each build against the first. On a shared machine one command's wall time moves
// by 10–30% from one minute to the next, and `npm run bench`'s three runs of a measurement cannot
// tell two builds apart; runs taken in turn share those minutes, so a difference of a few percent
// can show in 12–24 rounds (one that does not is within the noise). `npm run bench:instructions`
// counts instructions instead (repeatable to ~1%), which says nothing of work moved between threads
// or processes: this says what the wall clock does.
//   npm run bench:compare -- --cli DIR --cli DIR [--size totem|medium|large] [--command check|generate|offline|validate] [--rounds N]
// DIR is a checkout with its build (DIR/bin/totem-mon.js); the first is the baseline. One --cli
// (or none: this checkout) measures one build's own spread. --size: the bench's definitions
// (default large). --command: `generate --check` (default; its out/ made first by the first build,
// so the builds must generate the same files), `generate` into a new out/ each run, `validate
// --offline`, or `validate`. --rounds: default 12. CPU time is the user + system time of the Node
// processes (bench/rss.cjs), not of promtool and amtool. Not part of `npm test`: timings belong
// here, never in tests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LARGE, MEDIUM, synthesize } from './synth.mjs';
import { measuredEnv, median, readMeasured } from './measured.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, '.bench-tmp', 'compare');

function options(argv) {
  const found = { clis: [], size: 'large', command: 'check', rounds: 12 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--cli' && value) found.clis.push(path.resolve(value, 'bin/totem-mon.js'));
    else if (flag === '--size' && ['totem', 'medium', 'large'].includes(value)) found.size = value;
    else if (flag === '--command' && ['check', 'generate', 'offline', 'validate'].includes(value)) found.command = value;
    else if (flag === '--rounds' && Number(value) >= 1) found.rounds = Math.floor(Number(value));
    else usage(`unexpected ${flag}${value === undefined ? '' : ` ${value}`}`);
    i++;
  }
  if (found.clis.length === 0) found.clis.push(path.join(ROOT, 'bin/totem-mon.js'));
  for (const cli of found.clis) if (!existsSync(cli)) usage(`${cli} does not exist (build that checkout first: npm run build)`);
  return found;
}

function usage(problem) {
  process.stderr.write(`bench:compare: ${problem}\nusage: npm run bench:compare -- --cli DIR [--cli DIR …] [--size totem|medium|large] [--command check|generate|offline|validate] [--rounds N]\n`);
  process.exit(2);
}

/** The value a quarter (q = 0.25) or three quarters in, linearly between neighbours. */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const low = Math.floor(at);
  return s[low] + (s[Math.min(low + 1, s.length - 1)] - s[low]) * (at - low);
};

/** One fresh process of `cli`: wall and CPU ms (CPU of its Node processes, reported by bench/rss.cjs). */
async function runOnce(cli, args) {
  const report = path.join(TMP, 'rss.txt');
  rmSync(report, { force: true });
  const start = performance.now();
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...measuredEnv(report), NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const status = await new Promise((resolve) => child.on('close', resolve));
  const wall = performance.now() - start;
  if (status !== 0) throw new Error(`${cli} ${args.join(' ')}: exit ${status}\n${stderr.slice(0, 4000)}`);
  return { wall, cpu: readMeasured(report).cpu };
}

async function main() {
  const { clis, size, command, rounds } = options(process.argv.slice(2));
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const definitions = size === 'totem' ? path.join(ROOT, 'definitions') : synthesize(path.join(TMP, size), size === 'medium' ? MEDIUM : LARGE);
  const out = path.join(TMP, 'out');
  if (command === 'check') {
    const made = spawnSync(process.execPath, [clis[0], 'generate', '--definitions', definitions, '--out', out], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`generate failed:\n${made.stdout}${made.stderr}`);
  }
  // `generate` writes into a new folder each run, all deleted at the end (deleting one between runs
  // slows the next run's writes on this machine: bench/run.mjs setAside).
  let fresh = 0;
  const argsFor = () => {
    if (command === 'check') return ['generate', '--check', '--definitions', definitions, '--out', out];
    if (command === 'generate') return ['generate', '--definitions', definitions, '--out', path.join(TMP, `out-${fresh++}`)];
    return command === 'offline' ? ['validate', '--offline', '--definitions', definitions] : ['validate', '--definitions', definitions];
  };
  const results = clis.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < clis.length; k++) {
      const which = (k + round) % clis.length;
      results[which][round] = await runOnce(clis[which], argsFor());
    }
    if (process.stderr.isTTY) process.stderr.write(`bench:compare: round ${round + 1}/${rounds}\r`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const s = (ms) => `${(ms / 1000).toFixed(3)} s`;
  const spread = (xs) => `${s(median(xs))} (${s(quantile(xs, 0.25))}–${s(quantile(xs, 0.75))})`;
  const [load1] = os.loadavg();
  const lines = [
    `${command === 'check' ? 'generate --check' : command === 'offline' ? 'validate --offline' : command}, ${size}, ${rounds} rounds, load ${load1.toFixed(2)} after; medians (quartiles)`,
    '',
    '| build | wall | CPU (Node processes) | wall against the first, by round | rounds faster |',
    '|---|---:|---:|---:|---:|',
  ];
  clis.forEach((cli, k) => {
    const walls = results[k].map((r) => r.wall);
    const cpus = results[k].map((r) => r.cpu);
    const against = results[k].map((r, round) => r.wall - results[0][round].wall);
    const faster = against.filter((d) => d < 0).length;
    const name = path.relative(process.cwd(), path.dirname(path.dirname(cli))) || '.';
    const difference = median(against);
    const shown = `${difference >= 0 ? '+' : ''}${(difference / 1000).toFixed(3)} s`;
    lines.push(`| ${name} | ${spread(walls)} | ${spread(cpus)} | ${k === 0 ? '–' : shown} | ${k === 0 ? '–' : `${faster} of ${rounds}`} |`);
  });
  console.log(lines.join('\n'));
  rmSync(TMP, { recursive: true, force: true });
}

await main();
