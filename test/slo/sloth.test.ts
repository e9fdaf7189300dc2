import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { histogram, slo } from '../../src/index.js';
import { REPO } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { compileProject, sloProject } from './helpers.js';
import { firingSteps, groupsOf, runs, type Scenario } from './compare.js';

/**
 * Sloth's getting-started SLO (99.9% over 30d; errors: 5xx and 429 of http_request_duration_seconds_count
 * of job myservice) written as a totem-mon SLO, its alerts run by promtool next to
 *  - an oracle built here from the workbook's definition alone (burn rate over a window = error
 *    ratio / (1 − objective), the table's four lines), always;
 *  - Sloth's own generated rules (bench/sloth/SOURCES.md says how to fetch them), when present.
 * Same input series, same evaluation steps: the page and ticket alerts must fire at the same steps.
 */
const withPromtool = itWithBinaries(['promtool']);

const duration = histogram({ name: 'http_request_duration_seconds', help: 'Latency.', labels: ['code'], buckets: [0.1, 0.5, 1] });
const ERRORS = 'http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}';
const TOTAL = 'http_request_duration_seconds_count{job="myservice"}';

function ourGroups(): unknown[] {
  const definition = slo({
    name: 'requests-availability',
    service: 'myservice',
    objective: 99.9,
    window: '30d',
    sli: { errors: ERRORS, total: TOTAL },
    alerting: { name: 'MyServiceHighErrorRate', annotations: { summary: "High error rate on 'myservice' requests responses" } },
  });
  const { files } = compileProject(sloProject([definition], [duration]));
  const rules = files.filter((f) => f.path.startsWith('prometheus/rules/'));
  const order = (p: string) => (p.endsWith('-budget.yml') ? 1 : p.endsWith('-alerts.yml') ? 2 : 0);
  return rules.sort((a, b) => order(a.path) - order(b.path)).flatMap((f) => groupsOf(f.content));
}

/** The workbook's multi-window, multi-burn-rate alerts, written out here from its definition. */
function oracleGroups(): unknown[] {
  const ratio = (w: string) => `(sum(rate(${ERRORS}[${w}])) / sum(rate(${TOTAL}[${w}])))`;
  const burn = (w: string) => `${ratio(w)} / (1 - 0.999)`;
  const line = (long: string, short: string, rate: number) => `(${burn(long)} > ${rate} and ${burn(short)} > ${rate})`;
  return [
    {
      name: 'oracle',
      rules: [
        { alert: 'MyServiceHighErrorRate', expr: `${line('1h', '5m', 14.4)} or ${line('6h', '30m', 6)}`, labels: { severity: 'page' } },
        { alert: 'MyServiceHighErrorRate', expr: `${line('1d', '2h', 3)} or ${line('3d', '6h', 1)}`, labels: { severity: 'ticket' } },
      ],
    },
  ];
}

// Burn rates off the table's lines, so no crossing falls exactly on an evaluation step.
const SCENARIOS: Scenario[] = [
  { name: '17× for 90m after 2h of good traffic', interval: '1m', intervalMinutes: 1, phases: [{ steps: 120, burn: 0 }, { steps: 90, burn: 17 }, { steps: 60, burn: 0 }] },
  { name: '7.3× for 7h after 6h of good traffic', interval: '1m', intervalMinutes: 1, phases: [{ steps: 360, burn: 0 }, { steps: 420, burn: 7.3 }, { steps: 60, burn: 0 }] },
  // Days at a 10m step (the 5m window then holds one sample: no page, for either side).
  { name: '3.5× for 25h after a good day', interval: '10m', intervalMinutes: 10, phases: [{ steps: 144, burn: 0 }, { steps: 150, burn: 3.5 }, { steps: 12, burn: 0 }] },
  { name: '1.3× for 3d after 3 good days', interval: '10m', intervalMinutes: 10, phases: [{ steps: 432, burn: 0 }, { steps: 432, burn: 1.3 }, { steps: 36, burn: 0 }] },
  { name: 'a steady 0.5× for 3d', interval: '10m', intervalMinutes: 10, phases: [{ steps: 432, burn: 0.5 }] },
];

const SLOTH_FILE = path.join(REPO, 'bench/sloth/rules/getting-started.yml');

describe("totem-mon's SLO alerts against the workbook's definition (oracle computed here)", () => {
  withPromtool.each(SCENARIOS)('$name: the same firing steps', async (scenario) => {
    const [ours, oracle] = await Promise.all([firingSteps(ourGroups(), 'MyServiceHighErrorRate', scenario), firingSteps(oracleGroups(), 'MyServiceHighErrorRate', scenario)]);
    expect(ours).toEqual(oracle);
    const every = scenario.intervalMinutes;
    // What the workbook promises, on the steps themselves (minutes from the start).
    if (scenario.name.startsWith('17×')) {
      // 17× spends 2% of the budget in 60 × 14.4 / 17 ≈ 51 minutes: the page fires then, within the hour.
      expect(runs(ours.page, every)[0]![0]).toBe(120 + 51);
      expect(ours.ticket.length).toBeGreaterThan(0);
    }
    if (scenario.name.startsWith('7.3×')) expect(runs(ours.page, every)[0]![0]).toBe(360 + 296); // 6h × 6 / 7.3 ≈ 295.9 minutes
    if (scenario.name.startsWith('3.5×')) {
      expect(ours.page).toEqual([]);
      // The 1× line first: its 3d window holds only 1d of good traffic before the burn, so the 3d
      // ratio passes 1× when 3.5 × t / (1440 + t) > 1, t > 576 minutes (580 on a 10m step).
      expect(runs(ours.ticket, every)[0]![0]).toBe(1440 + 580);
    }
    if (scenario.name.startsWith('1.3×')) expect(runs(ours.ticket, every)[0]![0]).toBe(4320 + 3330); // 3d / 1.3 ≈ 3323 minutes, on a 10m step
    if (scenario.name.startsWith('a steady')) expect(ours).toEqual({ page: [], ticket: [] });
  }, 120_000);
});

const slothPresent = existsSync(SLOTH_FILE);
if (!slothPresent) {
  console.warn(
    `SKIPPED: the comparison with Sloth's generated rules: ${path.relative(REPO, SLOTH_FILE)} is missing (not committed: Sloth's work, under its licence). ` +
      'Fetch it as bench/sloth/SOURCES.md says, then run npx vitest run test/slo/sloth.test.ts.',
  );
}

describe("totem-mon's SLO alerts against Sloth's generated rules (bench/sloth/SOURCES.md)", () => {
  const compare = (scenario: Scenario) =>
    Promise.all([
      firingSteps(ourGroups(), 'MyServiceHighErrorRate', scenario),
      firingSteps(groupsOf(readFileSync(SLOTH_FILE, 'utf8')), 'MyServiceHighErrorRate', scenario),
    ]);
  const withSloth = slothPresent ? withPromtool : it.skip;

  withSloth.each(SCENARIOS)('$name: the same firing steps', async (scenario) => {
    const [ours, theirs] = await compare(scenario);
    expect(ours).toEqual(theirs);
  }, 120_000);

  // Where we differ: Sloth's budget is 1 - 0.9990000000000001 = 0.0009999999999999432 in its rules,
  // so a ratio exactly on a threshold passes it. A 7× burn after 6h of good traffic puts the 3d ratio
  // at exactly 7 × 60 / 420 = 1× at minute 420: Sloth opens the ticket there, one step before the
  // definition (ratio > 1× the budget) does.
  withSloth('an error ratio exactly on a threshold: Sloth fires one step early (float noise in its budget)', async () => {
    const exact: Scenario = { name: 'exact', interval: '1m', intervalMinutes: 1, phases: [{ steps: 360, burn: 0 }, { steps: 90, burn: 7 }] };
    const [ours, theirs] = await compare(exact);
    expect(theirs.ticket[0]).toBe(420);
    expect(ours.ticket[0]).toBe(421);
    expect(theirs.ticket.slice(1)).toEqual(ours.ticket);
  }, 120_000);
});
