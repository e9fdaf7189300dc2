// A small shop for the docs tests: two alerts (one routed to a team, one read by a dashboard with a
// variable), a recording rule, troubleshooting topics and a checklist. Built in memory.
import {
  alert, alertmanager, checklist, counter, currentValuePanel, dashboard, defineProject, gauge, histogram, labelVariable,
  rate, ratePanel, re, receiver, record, route, ruleGroup, scrapeJob, sumBy, troubleshooting, type DocsOptions, type Project,
} from '../../src/index.js';

export function shop(docs: Partial<DocsOptions> = {}, extra: { runbookUrl?: string } = {}): Project {
  const orders = counter({ name: 'shop_orders_total', help: 'Orders | placed', labels: ['status'] });
  const queue = gauge({ name: 'shop_queue_length', help: 'Orders waiting', labels: [] });
  const latency = histogram({ name: 'shop_latency_seconds', help: 'Checkout latency', buckets: [0.1, 1], unit: 'seconds' });
  const unused = gauge({ name: 'node_load1', help: 'Load', exporter: 'node_exporter' });
  const orderRate = record({ name: 'job:shop_orders:rate5m', expr: sumBy(['job'], rate(orders, '5m')) });
  const failing = alert({
    name: 'OrdersFailing',
    expr: `sum by (job) (${rate(orders, '5m', { status: 'failed', job: 'shop' })}) > 2`,
    for: '10m',
    labels: { severity: 'critical', team: 'shop' },
    annotations: { summary: 'Orders failing', description: 'More than 2 failed orders a second', ...(extra.runbookUrl ? { runbook_url: extra.runbookUrl } : {}) },
  });
  const slow = alert({
    name: 'OrdersSlow',
    expr: `${orderRate.name} < 0.5`,
    for: '15m',
    labels: { severity: 'warning' },
    annotations: { summary: 'Few orders', description: 'Under 0.5 orders a second' },
  });
  const jobVar = labelVariable({ name: 'job', metric: orders });
  const sales = dashboard({
    title: 'Shop Sales',
    variables: [jobVar],
    panels: [
      ratePanel(orders, { title: 'Orders', by: ['status'], matchers: { job: re('$job') } }),
      currentValuePanel(queue, { title: 'Queue' }),
    ],
  });
  const ops = dashboard({ title: 'Shop Ops', uid: 'shop-ops', panels: [currentValuePanel(queue, { title: 'Waiting' })] });
  const team = receiver({ name: 'shop-team', email: [{ to: 'shop@example.com' }] });
  const fallback = receiver({ name: 'fallback' });
  return defineProject({
    name: 'shop',
    metrics: [orders, queue, latency, unused],
    prometheus: { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, alertmanagers: ['am:9093'], scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })] },
    ruleGroups: [ruleGroup({ name: 'shop', rules: [orderRate, failing, slow] })],
    alertmanager: alertmanager({
      receivers: [team, fallback],
      route: route({ receiver: 'fallback', routes: [route({ matchers: { team: 'shop' }, receiver: 'shop-team' })] }),
    }),
    dashboards: [sales, ops],
    docs: {
      troubleshooting: [
        troubleshooting({ title: 'Everything', steps: ['Look at the logs'] }),
        troubleshooting({ title: 'Failed orders', alerts: [failing], steps: [{ text: 'Ask the payment provider', command: 'curl -s https://status.example.com' }] }),
      ],
      checklists: [checklist({ title: 'Daily', items: [{ text: 'Look at sales', dashboards: [sales, ops], alerts: [failing] }, 'Drink coffee'] })],
      ...docs,
    },
  });
}
