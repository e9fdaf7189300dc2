// alert/grafana-unsupported (#21): with Grafana-managed alert rules on, what Grafana cannot evaluate is
// refused at the definition: templates running PromQL or reading external labels, group intervals
// off Grafana's 10s tick. Quiet without alertRules, and for what Grafana has.
import { describe, expect, it } from 'vitest';
import { alert, defineProject, gauge, ruleGroup, scrapeJob } from '../../src/index.js';
import { runOn, sourceOf } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';

const queue = gauge({ name: 'shop_queue_length', help: 'Queue.' });

function project(annotations: Record<string, string>, options: { interval?: string; alertRules?: boolean } = {}) {
  const stuck = alert({ name: 'QueueStuck', expr: `${queue} > 100`, for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd', ...annotations } });
  const group = ruleGroup({ name: 'shop', ...(options.interval !== undefined ? { interval: options.interval } : {}), rules: [stuck] });
  return {
    stuck,
    group,
    project: defineProject({
      name: 'shop',
      metrics: [queue],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:1'] })] },
      ruleGroups: [group],
      grafana: { alertRules: options.alertRules ?? true },
    }),
  };
}

const lint = (p: ReturnType<typeof project>) => runOn(p.project, ['alert/grafana-unsupported']).map(pinned);

describe('alert/grafana-unsupported', () => {
  it('refuses a template that runs a query or reads external labels, at the annotation', () => {
    const p = project({ description: '{{ with query "up" }}{{ . | first | value }}{{ end }} in {{ $externalLabels.region }}' });
    expect(lint(p)).toEqual([
      {
        message:
          'alert QueueStuck: annotation description uses query, first, value, $externalLabels, which Grafana-managed alert rules do not have (Grafana runs no PromQL from templates and has no external labels)',
        hint: 'write the value into the alert expression (a label it keeps) or the text itself; $labels and $value work in Grafana too ($value becomes $values.A.Value)',
        path: ['ruleGroups', 'shop', 'rules', 'QueueStuck', 'annotations', 'description'],
        file: sourceOf(p.stuck).file,
        line: sourceOf(p.stuck).line,
        highlighted: undefined,
      },
    ]);
  });

  it("refuses a group interval that is not a multiple of Grafana's 10s tick, at the interval", () => {
    const p = project({}, { interval: '15s' });
    expect(lint(p)).toEqual([
      expect.objectContaining({
        message: "rule group shop is evaluated every 15s: Grafana evaluates alert rules on a 10s tick and refuses a group interval that is not a multiple of it",
        path: ['ruleGroups', 'shop', 'interval'],
        file: sourceOf(p.group).file,
      }),
    ]);
  });

  it('is quiet for what Grafana has, and without alertRules', () => {
    expect(lint(project({ description: '{{ $value | humanize }} on {{ $labels.instance }} ({{ $externalURL }})' }, { interval: '20s' }))).toEqual([]);
    expect(lint(project({ description: '{{ query "up" }}' }, { interval: '15s', alertRules: false }))).toEqual([]);
  });
});
