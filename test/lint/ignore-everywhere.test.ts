// Every kind of definition the README says takes an `ignore` is found by the lint run, wherever it
// sits in the model (src/lint/run.ts ignoreEntries): an ignore of a check that ran and silenced
// nothing is reported as stale, one finding per definition, at that definition's path.
import { describe, expect, it } from 'vitest';
import {
  alert,
  alertmanager,
  counter,
  dashboard,
  defineProject,
  gauge,
  inhibitRule,
  labelVariable,
  lint,
  receiver,
  record,
  route,
  row,
  ruleGroup,
  scrapeJob,
  statPanel,
  timeInterval,
  timeseriesPanel,
} from '../../src/index.js';

const ignore = { 'promql/unknown-metric': 'a guard: nothing here is unknown' };
const basics = {
  for: '5m',
  labels: { severity: 'warning' },
  annotations: { summary: 'Fila longa', description: 'A fila {{ $labels.queue }} está longa', runbook_url: 'https://runbooks.example.com/q' },
};

describe('ignores on every kind of definition', () => {
  it('each one that silenced nothing is reported once, at its own path', async () => {
    const requests = counter({ name: 'app_requests_total', help: 'Requisições.', labels: ['queue'], ignore });
    const queue = gauge({ name: 'app_queue_length', help: 'Fila.', labels: ['queue'] });
    const project = defineProject({
      name: 'everywhere',
      metrics: [requests, queue],
      prometheus: {
        global: { scrapeInterval: '15s', evaluationInterval: '15s' },
        scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'], ignore })],
      },
      ruleGroups: [
        ruleGroup({
          name: 'g',
          ignore,
          rules: [
            record({ name: 'queue:app_queue_length:max', expr: 'max by (queue) (app_queue_length)', ignore }),
            alert({ ...basics, name: 'QueueTooLong', expr: 'app_queue_length > 10', ignore }),
          ],
        }),
      ],
      dashboards: [
        dashboard({
          title: 'Fila',
          ignore,
          variables: [labelVariable({ name: 'queue', label: 'queue', metric: queue, ignore })],
          panels: [
            row({
              title: 'Linha',
              ignore,
              panels: [
                timeseriesPanel({ title: 'Fila', targets: [{ expr: 'sum by (queue) (app_queue_length)', legendFormat: '{{queue}}' }], ignore }),
                statPanel({ title: 'Total', targets: [{ expr: 'sum(app_queue_length)' }], ignore }),
              ],
            }),
          ],
        }),
      ],
      alertmanager: alertmanager({
        ignore,
        receivers: [receiver({ name: 'team', webhook: [{ url: 'https://hooks.example.com/alerts' }], ignore })],
        route: route({
          receiver: 'team',
          groupBy: ['alertname'],
          ignore,
          routes: [route({ matchers: { severity: 'critical' }, receiver: 'team', activeTimeIntervals: ['office'], ignore })],
        }),
        inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['alertname'], ignore })],
        timeIntervals: [timeInterval({ name: 'office', periods: [{ weekdays: ['monday:friday'] }], ignore })],
      }),
    });
    const result = await lint(project);
    const stale = result.diagnostics.filter((d) => d.id === 'lint/stale-ignore').map((d) => (d.path ?? []).join(' › '));
    const on = (...path: string[]) => [...path, 'ignore', 'promql/unknown-metric'].join(' › ');
    expect(stale.sort()).toEqual(
      [
        on('metrics', 'app_requests_total'),
        on('prometheus', 'scrapeJobs', 'app'),
        on('ruleGroups', 'g'),
        on('ruleGroups', 'g', 'rules', 'queue:app_queue_length:max'),
        on('ruleGroups', 'g', 'rules', 'QueueTooLong'),
        on('dashboards', 'Fila'),
        on('dashboards', 'Fila', 'variables', 'queue'),
        on('dashboards', 'Fila', 'panels', 'Linha'),
        on('dashboards', 'Fila', 'panels', 'Linha', 'panels', 'Fila'),
        on('dashboards', 'Fila', 'panels', 'Linha', 'panels', 'Total'),
        on('alertmanager'),
        on('alertmanager', 'receivers', 'team'),
        on('alertmanager', 'route'),
        on('alertmanager', 'route', 'routes[0]'),
        on('alertmanager', 'inhibitRules[0]'),
        on('alertmanager', 'timeIntervals', 'office'),
      ].sort(),
    );
  });
});
