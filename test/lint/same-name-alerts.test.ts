/**
 * Two alerts with one name in a group (itself an alert/duplicate-name error) share a path: each
 * must still be judged on its own expression, so the other checks report the right one, once.
 */
import { describe, expect, it } from 'vitest';
import { alert, counter, defineProject, rate, ruleGroup, scrapeJob } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const errors = counter({ name: 'shop_errors_total', help: 'Errors.', labels: ['route'] });
const common = { for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'Erros', description: 'Erros na rota {{ $labels.route }}', runbook_url: 'https://runbooks/x' } };

function project(order: 'condition-last' | 'condition-first') {
  const withCondition = alert({ name: 'ShopErrors', expr: `sum by (route) (${rate(errors, '5m')}) > 1`, ...common });
  const without = alert({ name: 'ShopErrors', expr: `sum by (route) (${rate(errors, '5m')})`, ...common });
  return {
    without,
    project: defineProject({
      name: 'shop',
      metrics: [errors],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })] },
      ruleGroups: [ruleGroup({ name: 'shop', rules: order === 'condition-last' ? [without, withCondition] : [withCondition, without] })],
    }),
  };
}

describe('alerts that share a name are each judged on their own expression', () => {
  for (const order of ['condition-last', 'condition-first'] as const) {
    it(`alert/comparison fires once, at the alert without a condition (${order})`, () => {
      const { project: p, without } = project(order);
      const found = runOn(p, ['alert/comparison', 'alert/duplicate-name']);
      expect(found.map((d) => d.id).sort()).toEqual(['alert/comparison', 'alert/duplicate-name']);
      const comparison = found.find((d) => d.id === 'alert/comparison')!;
      expect(comparison.message).toBe('alert ShopErrors has no condition: its expression returns a value for every series, so it fires all the time');
      expect(comparison.source?.line).toBe(without.source?.line);
    });
  }
});
