import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { fromDefinitions } from '../../src/app/stages.js';

const withPromtool = itWithBinaries(['promtool']);
const PARTIAL = path.join(FIXTURES, 'rule-tests', 'partial-annotations');

describe('expected annotations: the static ones a case leaves out come from the rule (#12 item 6)', () => {
  it('a case giving only the templated annotation expects the rule\'s static ones too, compared whole', async () => {
    const result = await fromDefinitions({ definitions: PARTIAL });
    const file = result.files!.find((f) => f.path === 'prometheus/tests/queue_alerts/queuelong.test.yml')!;
    const test = parse(file.content) as { tests: Array<{ alert_rule_test: Array<{ exp_alerts: Array<{ exp_annotations?: Record<string, string> }> }> }> };
    expect(test.tests[0]!.alert_rule_test[0]!.exp_alerts).toEqual([
      {
        exp_labels: { queue: 'emails', severity: 'warning' },
        exp_annotations: {
          description: 'Queue emails holds 20 jobs',
          runbook_url: 'https://runbooks.example.com/orders/queue',
          summary: 'Queue too long',
        },
      },
    ]);
  });

  withPromtool('promtool agrees: the case passes', async () => {
    const r = await runCli(['validate', '--definitions', PARTIAL]);
    expect(r.stdout).not.toContain('error [');
    expect(r.code).toBe(0);
  });
});
