import { describe, expect, it } from 'vitest';
import { alert, defineProject, gauge, ruleGroup } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const queue = gauge({ name: 'app_queue_length', help: 'q' });
const annotations = { summary: 's', description: 'd' };
const a = (labels: Record<string, string>) => alert({ name: 'QueueTooLong', expr: 'app_queue_length > 1', labels: { severity: 'warning', ...labels }, annotations });

describe('alert/duplicate-name', () => {
  it('names the first alert with the same name and labels (in any order), among several of one name', () => {
    const project = defineProject({
      name: 'p',
      metrics: [queue],
      prometheus: { scrapeJobs: [] },
      ruleGroups: [
        ruleGroup({ name: 'g1', rules: [a({ team: 'x' })] }),
        ruleGroup({ name: 'g2', rules: [a({ team: 'y', zone: 'z' })] }),
        ruleGroup({ name: 'g3', rules: [alert({ name: 'QueueTooLong', expr: 'app_queue_length > 2', labels: { zone: 'z', team: 'y', severity: 'warning' }, annotations })] }),
        ruleGroup({ name: 'g4', rules: [a({ team: 'x' }), alert({ name: 'Other', expr: 'app_queue_length > 1', labels: { severity: 'warning', team: 'x' }, annotations })] }),
      ],
    });
    expect(runOn(project, ['alert/duplicate-name']).map((d) => [d.path?.[1], d.message.replace(/, [^)]*\)$/, ')')])).toEqual([
      ['g3', 'alert "QueueTooLong" is defined twice with the same labels (first in group g2)'],
      ['g4', 'alert "QueueTooLong" is defined twice with the same labels (first in group g1)'],
    ]);
  });
});
