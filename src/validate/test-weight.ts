/**
 * What a generated rule test file costs `promtool test rules`, to spread the files over the cores
 * evenly (src/validate/promtool.ts batchesByWeight). promtool evaluates every rule the file loads at
 * every evaluation tick of each test case, up to the case's last eval_time: the cost is the ticks of
 * all cases times the rules, plus a storage set up for every case (CASE_WEIGHT). (The files' sizes, used before, ranked Totem's SLO tests backwards: the
 * long-window cases are the shorter files; their batches differed by a third in CPU time.)
 */
import type { OutputFile } from '../compile/output.js';
import { durationMs } from '../duration.js';

/**
 * What one test case costs before its first tick, in rule-ticks: promtool builds a storage for every
 * case (Totem's one-rule tests took ~8 ms of CPU a case; an SLO test, 9 rules, ~0.08 ms per tick).
 * Without it the many short cases of the steady SLO lines and Totem's own alerts weighed nearly
 * nothing: one batch got 6 files, 0.19 s of CPU, the other 3, 0.13 s.
 */
export const CASE_WEIGHT = 100;

const CASE = /^ {2}- name: /m;
const EVAL_TIME = /^\s+(?:- )?eval_time: (\S+)/gm;
const RULE = /^\s*- (?:alert|record): /gm;

export function testWeight(files: readonly OutputFile[]): (file: string) => number {
  const content = new Map(files.map((f) => [f.path, f.content]));
  return (file) => {
    const test = content.get(file) ?? '';
    const rules = (content.get(file.replace(/\.test\.yml$/, '.rules.yml')) ?? '').match(RULE)?.length ?? 1;
    const interval = durationMs(/^evaluation_interval: (\S+)/m.exec(test)?.[1] ?? '1m') || 60_000;
    let ticks = 0;
    const cases = test.split(CASE).slice(1);
    for (const testCase of cases) {
      const last = Math.max(0, ...[...testCase.matchAll(EVAL_TIME)].map((m) => durationMs(unquoted(m[1]!)) ?? 0));
      ticks += Math.floor(last / interval) + 1;
    }
    return Math.max(1, ticks) * Math.max(1, rules) + CASE_WEIGHT * cases.length;
  };
}

function unquoted(text: string): string {
  return text.replace(/^(["'])(.*)\1$/, '$2');
}
