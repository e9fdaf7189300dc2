// What the benchmarks share about the Node processes they measure: the preload that reports each
// one's peak RSS and CPU time (bench/rss.cjs) and reading its report back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss.cjs');

/** The environment that makes every Node process of a run append its line to `report` (bench/rss.cjs). */
export function measuredEnv(report) {
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require=${PRELOAD}`.trim(), TOTEM_MON_BENCH_RSS: report };
}

/** The processes' own peaks added up (KiB) and their CPU time (ms, user + system), from `report`. */
export function readMeasured(report) {
  const lines = readFileSync(report, 'utf8').trim().split('\n').map((line) => line.split(' ').map(Number));
  return { bound: lines.reduce((sum, fields) => sum + fields[2], 0), cpu: lines.reduce((sum, fields) => sum + fields[3], 0) / 1000 };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
