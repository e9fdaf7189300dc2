// #17: labels a scrape job adds by relabeling are the labels of the metrics that name the job in
// `jobs`, for select() and sumBy() (`tsc -p tsconfig.json` checks this file; nothing here runs).
import { rate, sumBy } from '../../src/index.js';
import { orders, queue } from '../fixtures/k8s/shop/metrics.js';

export const typed = [
  orders.select({ namespace: 'shop', cluster: 'sp1', pod: 'web-1', status: 'failed', job: 'shop-pods' }),
  sumBy(['namespace'], rate(orders)),
  sumBy(['namespace', 'cluster', 'pod'], rate(orders, '5m', { namespace: 'billing' })),
  queue.select({ namespace: 'billing', service: 'payments', cluster: 'sp1' }),
  // @ts-expect-error no job of orders adds zone
  orders.select({ zone: 'a' }),
  // @ts-expect-error service is what the service job adds, and orders is the pod job's
  orders.select({ service: 'payments' }),
  // @ts-expect-error pod is the pod job's, and the queue is scraped by the service job
  queue.select({ pod: 'web-1' }),
  // @ts-expect-error a relabeling's internal __ label never reaches the series
  orders.select({ __meta_kubernetes_namespace: 'shop' }),
  // @ts-expect-error sumBy by a label the metric's jobs do not add
  sumBy(['zone'], rate(orders)),
];
