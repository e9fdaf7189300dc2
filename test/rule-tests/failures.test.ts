import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { fromDefinitions } from '../../src/app/stages.js';
import { writeTemporaryTree } from '../../src/io/write.js';
import { locator } from '../../src/validate/locate.js';
import { runTool } from '../../src/validate/tools.js';
import { ruleTestDiagnostics } from '../../src/validate/rule-tests.js';
import { parseTestFailures } from '../../src/validate/rule-test-output.js';

const withPromtool = itWithBinaries(['promtool']);
const fixture = (name: string) => path.join(FIXTURES, 'rule-tests', name);

const EXPECTED_QUEUE_LONG =
  'test case "a long queue fires" failed at 5m:\n' +
  '    expected: Labels:{alertname="QueueLong", queue="emails", severity="warning"}\n' +
  '      Annotations:{description="Queue emails holds 20 jobz", runbook_url="https://runbooks.example.com/orders/queue", summary="Queue too long"}\n' +
  '    got:      Labels:{alertname="QueueLong", queue="emails", severity="warning"}\n' +
  '      Annotations:{description="Queue emails holds 20 jobs", runbook_url="https://runbooks.example.com/orders/queue", summary="Queue too long"}';

describe('a failed case keeps its expected and got, whatever the batching (#12 item 1)', () => {
  withPromtool('the first of two test files in one promtool run fails: its diff is intact', async () => {
    const result = await fromDefinitions({ definitions: fixture('first-of-two-fails') });
    expect(result.files).toBeDefined();
    const dir = writeTemporaryTree(result.files!);
    const tests = result.files!.map((f) => f.path).filter((p) => p.endsWith('.test.yml'));
    // The failing group's file first, then the passing one, in ONE process: as a batch runs them.
    expect(tests[0]).toContain('queue_alerts/');
    expect(tests).toHaveLength(2);
    const run = await runTool({ name: 'promtool', path: findBinary('promtool')! }, ['test', 'rules', ...tests], { cwd: dir });
    expect(run.exitCode).toBe(1);
    const found = ruleTestDiagnostics(run, tests, result.model!, locator(result.model!));
    expect(found.map((d) => d.message)).toEqual([EXPECTED_QUEUE_LONG]);
    expect(found[0]!.path).toEqual(['ruleGroups', 'queue_alerts', 'rules', 'QueueLong', 'tests', 'a long queue fires']);
    expect(found[0]!.source?.file).toBe('first-of-two-fails/index.ts');
  });

  withPromtool('validate reports the same case once, with its diff', async () => {
    const r = await runCli(['validate', '--definitions', fixture('first-of-two-fails')]);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/\[promtool\/test-rules\]/g)).toHaveLength(1);
    expect(r.stdout).toContain(`rules › QueueLong › tests › a long queue fires: ${EXPECTED_QUEUE_LONG}`);
  });

  it('parses blocks of several files, alert and recording-rule cases, without mixing them', () => {
    const stderr = [
      '  FAILED:',
      '    name: A › one, with a comma,',
      '    alertname: A, time: 10m, ',
      '        exp:[',
      '            0:',
      '              Labels:{alertname="A", job="x"}',
      '              Annotations:{summary="s"}',
      '            ], ',
      '        got:[]',
      '    expr: "job:r:sum{team=\\"a\\"} # job:r:sum › sums two \\"routes\\"", time: 5m,',
      '        exp: {__name__="job:r:sum", job="a", team="a"} 2E+01, {__name__="job:r:sum", job="b", team="a"} 2.5E+00',
      '        got: ',
      '  FAILED:',
      '    name: B › two,',
      '    alertname: B, time: 5m, ',
      '        exp:[], ',
      '        got:[',
      '            0:',
      '              Labels:{alertname="B"}',
      '              Annotations:{}',
      '            ]',
      '    expr: "job:r:sum # job:r:sum › broken", time: 1m, err: bad_data: 1:1: parse error',
    ].join('\n');
    expect(parseTestFailures(stderr)).toEqual([
      { name: 'A › one, with a comma', at: '10m', expected: 'Labels:{alertname="A", job="x"}\n      Annotations:{summary="s"}', got: 'no alert' },
      { name: 'job:r:sum › sums two "routes"', at: '5m', expected: 'job:r:sum{job="a", team="a"} 20\n      job:r:sum{job="b", team="a"} 2.5', got: 'no series' },
      { name: 'B › two', at: '5m', expected: 'no alert', got: 'Labels:{alertname="B"}\n      Annotations:{}' },
      { name: 'job:r:sum › broken', at: '1m', error: 'bad_data: 1:1: parse error' },
    ]);
  });
});
