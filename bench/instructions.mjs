#!/usr/bin/env node
// `npm run bench:instructions`: the instructions one `generate --check` executes (totem-mon's own
// process, its threads included, the loader process not), counted by valgrind's callgrind, for
// Totem and the bench's medium set. On a shared machine wall and CPU times move by several percent
// from one minute to the next; with V8 single-threaded (`--single-threaded`: no concurrent
// compiles nor collector threads) the counts of one build stay within ~1% of each other (what
// still moves them: when the loader's messages come, which decides how many texts the main thread
// parses while it waits), so a change of a percent or two in the CPU work shows in a run or two of
// each build.
// It is slow (~1 min a build for medium) and needs valgrind: not part of `npm test`, nor of `npm run bench`.
//   npm run bench:instructions                          this checkout's build, Totem and medium
//   npm run bench:instructions -- --cli DIR [--cli DIR]  other checkouts' builds (DIR/bin/totem-mon.js),
//                                                        one after the other on the same inputs, each
//                                                        against the first
// One at a time: every run uses .bench-tmp/instructions (the same paths, so the same output).
// The counts are of the build as run under those flags (its code cache is refused under them,
// so its bundle is compiled as it runs): a measure to compare builds by, not a user's run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEDIUM, synthesize } from './synth.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, '.bench-tmp', 'instructions');
const argv = process.argv.slice(2);
const dirs = argv.flatMap((arg, i) => (arg === '--cli' && argv[i + 1] ? [argv[i + 1]] : []));
const CLIS = (dirs.length > 0 ? dirs : [ROOT]).map((dir) => path.resolve(dir, 'bin/totem-mon.js'));

function valgrind() {
  const found = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0) {
    process.stderr.write('bench:instructions: valgrind is not installed (Debian: apt-get install valgrind)\n');
    process.exit(2);
  }
}

/** The instructions of one `generate --check` by `cli` (its out/ made first by a plain run). */
function instructions(cli, definitions, out) {
  rmSync(out, { recursive: true, force: true });
  const plain = spawnSync(process.execPath, [cli, 'generate', '--definitions', definitions, '--out', out], { encoding: 'utf8' });
  if (plain.status !== 0) throw new Error(`generate failed:\n${plain.stdout}${plain.stderr}`);
  const counted = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', cli, 'generate', '--check', '--definitions', definitions, '--out', out],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (counted.status !== 0) throw new Error(`generate --check under callgrind failed:\n${counted.stdout}${counted.stderr}`);
  const collected = /Collected : (\d+)/.exec(counted.stderr);
  if (!collected) throw new Error(`no count in callgrind's report:\n${counted.stderr}`);
  return Number(collected[1]);
}

valgrind();
rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
const sizes = [
  { name: 'Totem', definitions: path.join(ROOT, 'definitions') },
  { name: 'medium', definitions: synthesize(path.join(TMP, 'medium'), MEDIUM) },
];
process.stdout.write('instructions of one `generate --check` (callgrind, node --single-threaded)\n');
for (const size of sizes) {
  if (!existsSync(size.definitions)) continue;
  let first;
  for (const cli of CLIS) {
    const count = instructions(cli, size.definitions, path.join(TMP, `${size.name}-out`));
    first ??= count;
    const change = cli === CLIS[0] ? '' : ` (${count >= first ? '+' : ''}${(((count - first) / first) * 100).toFixed(2)}%)`;
    process.stdout.write(`  ${size.name.padEnd(7)} ${(count / 1e9).toFixed(3)} G${change}  ${path.relative(process.cwd(), cli) || cli}\n`);
  }
}
rmSync(TMP, { recursive: true, force: true });
