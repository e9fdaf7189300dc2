/**
 * Firing steps of alert rule sets on identical input series, from promtool itself: a test file that
 * expects every alert to be quiet at every step fails exactly where one fires, and promtool's
 * report says which alert with which labels (see src/validate/rule-test-output.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { parseTestFailures } from '../../src/validate/rule-test-output.js';
import { durationMs } from '../../src/duration.js';
import { tempDir } from '../helpers/cli.js';
import { findBinary } from '../helpers/tools.js';

export interface Phase {
  /** Length of the phase, in input intervals. */
  steps: number;
  /** Burn rate: error ratio / error budget (0: no errors). */
  burn: number;
}

export interface Scenario {
  name: string;
  /** Between input samples and between evaluations (promtool evaluates every rule group at each). */
  interval: string;
  intervalMinutes: number;
  phases: Phase[];
}

/** Error and good series of http_request_duration_seconds_count at `burn` × a 0.1% budget, 10,000 requests a minute. */
export function inputSeries(scenario: Scenario, budget = 0.001): Array<{ series: string; values: string }> {
  const perStep = 10_000 * scenario.intervalMinutes;
  let errors = 0;
  let good = 0;
  const e = ['0'];
  const g = ['0'];
  for (const phase of scenario.phases) {
    const bad = Math.round(phase.burn * budget * perStep);
    for (let i = 0; i < phase.steps; i++) {
      errors += bad;
      good += perStep - bad;
      e.push(String(errors));
      g.push(String(good));
    }
  }
  return [
    { series: 'http_request_duration_seconds_count{job="myservice", code="500"}', values: e.join(' ') },
    { series: 'http_request_duration_seconds_count{job="myservice", code="200"}', values: g.join(' ') },
  ];
}

export type Severity = 'page' | 'ticket';

/** page or ticket, from the labels promtool prints: sloth_severity, or severity (ours: critical/warning; the oracle: page/ticket). */
function severityOf(labels: string): Severity | undefined {
  const sloth = /sloth_severity="(\w+)"/.exec(labels)?.[1];
  const severity = sloth ?? /\bseverity="(\w+)"/.exec(labels)?.[1];
  return severity === 'critical' || severity === 'page' ? 'page' : severity === 'warning' || severity === 'ticket' ? 'ticket' : undefined;
}

/** Every step (minutes from the start) at which each severity fires, for the rule groups given. */
export async function firingSteps(groups: unknown[], alertname: string, scenario: Scenario): Promise<Record<Severity, number[]>> {
  const dir = tempDir('totem-mon-slo-compare-');
  writeFileSync(path.join(dir, 'rules.yml'), stringify({ groups }, { lineWidth: 0 }));
  const total = scenario.phases.reduce((n, p) => n + p.steps, 0);
  const times = Array.from({ length: total }, (_, i) => `${(i + 1) * scenario.intervalMinutes}m`);
  writeFileSync(
    path.join(dir, 'test.yml'),
    stringify(
      {
        rule_files: ['rules.yml'],
        evaluation_interval: scenario.interval,
        group_eval_order: (groups as Array<{ name: string }>).map((g) => g.name),
        tests: [
          {
            name: scenario.name,
            interval: scenario.interval,
            input_series: inputSeries(scenario),
            alert_rule_test: times.map((eval_time) => ({ eval_time, alertname, exp_alerts: [] })),
          },
        ],
      },
      { lineWidth: 0 },
    ),
  );
  const r = await execa(findBinary('promtool')!, ['test', 'rules', 'test.yml'], { cwd: dir, reject: false, all: true });
  if (r.exitCode !== 0 && !r.all.includes('FAILED')) throw new Error(r.all);
  const steps: Record<Severity, number[]> = { page: [], ticket: [] };
  for (const failure of parseTestFailures(r.all)) {
    const minutes = durationMs(failure.at)! / 60_000;
    for (const labels of (failure.got ?? '').split('Labels:').slice(1)) {
      const severity = severityOf(labels.split('Annotations:')[0]!);
      if (severity && !steps[severity].includes(minutes)) steps[severity].push(minutes);
    }
  }
  for (const s of Object.values(steps)) s.sort((a, b) => a - b);
  return steps;
}

/** `[[from, to], …]`: the steps as runs, for readable assertions. */
export function runs(steps: number[], every: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const s of steps) {
    const last = out[out.length - 1];
    if (last && s - last[1] === every) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

/** The rule groups of a rule file's text. */
export function groupsOf(text: string): unknown[] {
  return (parse(text) as { groups: unknown[] }).groups;
}
