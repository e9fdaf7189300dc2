import { parse } from 'yaml';
import { alert, counter, defineProject, rate, record, ruleGroup, scrapeJob, sumBy, type Output, type Project } from '../../src/index.js';

export const requests = counter({ name: 'shop_requests_total', help: 'Requests', labels: ['code'] });
export const errors = counter({ name: 'shop_errors_total', help: 'Errors' });

export const requestRate = record({ name: 'job:shop_requests:rate5m', expr: sumBy(['job'], rate(requests, '5m')) });
export const shopErrors = alert({
  name: 'ShopErrors',
  expr: `${rate(errors, '5m')} > 1`,
  for: '5m',
  labels: { severity: 'critical' },
  annotations: { summary: 'Errors', description: 'Errors on {{ $labels.job }}', runbook_url: 'https://runbooks.example.com/shop' },
  tests: [
    { name: 'fires', input: [{ series: errors.select({ job: 'shop' }), values: '0+120x20' }], at: '10m', expect: [{ labels: { job: 'shop' }, annotations: { description: 'Errors on shop' } }] },
    { name: 'quiet', input: [{ series: errors.select({ job: 'shop' }), values: '0+0x20' }], at: '10m', expect: [] },
  ],
});

/** A small shop (not Totem): two rule groups, one whose name is not a Kubernetes name. */
export function shop(outputs?: readonly Output[]): Project {
  return defineProject({
    name: 'shop',
    metrics: [requests, errors],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })] },
    ruleGroups: [ruleGroup({ name: 'shop_records', rules: [requestRate] }), ruleGroup({ name: 'shop-alerts', interval: '30s', rules: [shopErrors] })],
    ...(outputs ? { outputs } : {}),
  });
}

/** A generated YAML file's value (the header comment is not part of it). */
export function yamlOf(files: Readonly<Record<string, string>>, path: string): Record<string, any> {
  const content = files[path];
  if (content === undefined) throw new Error(`${path} was not generated; generated: ${Object.keys(files).join(', ')}`);
  return parse(content) as Record<string, any>;
}
