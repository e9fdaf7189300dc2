/**
 * A small non-Totem project for the fire/quiet tests of the #14 PromQL checks: a web shop with a
 * checkout service, a worker and node_exporter. Each test builds its rules, jobs or panels
 * inline, so that the builder call (and so the reported line) is in the test file itself.
 */
import { expect } from 'vitest';
import {
  counter, dashboard, defineProject, gauge, histogram, ruleGroup, scrapeJob,
  type Dashboard, type PrometheusGlobal, type Rule, type ScrapeJob,
} from '../../../src/index.js';
import type { SourceRef } from '../../../src/diagnostic.js';
import type { AnyMetric } from '../../../src/api/metrics.js';
import type { Diagnostic } from '../../../src/diagnostic.js';
import { CHECKS } from '../../../src/lint/index.js';
import { fileOf, runOn } from '../../helpers/model.js';

export const orders = counter({ name: 'shop_orders_total', help: 'Orders.', labels: ['status', 'store'] });
export const payments = counter({ name: 'shop_payments_total', help: 'Payments.', labels: ['store'] });
export const cart = gauge({ name: 'shop_cart_items', help: 'Items in carts.', labels: ['store'] });
export const checkout = histogram({ name: 'shop_checkout_seconds', help: 'Checkout time.', labels: ['store'], buckets: [0.5, 1, 5] });
export const cpu = counter({ name: 'node_cpu_seconds_total', help: 'CPU.', labels: ['cpu', 'mode'], exporter: 'node' });
export const buildInfo = gauge({ name: 'shop_build_info', help: 'Build.', labels: ['version'] });

export const jobs = {
  shop: scrapeJob({ name: 'shop', targets: ['shop-1:8000', 'shop-2:8000'] }),
  worker: scrapeJob({ name: 'worker', targets: ['worker:9000'], interval: '1m' }),
  node: scrapeJob({ name: 'node', targets: ['shop-1:9100', 'shop-2:9100'], interval: '30s' }),
};

export interface ShopOptions {
  rules?: Rule[];
  /** Rule group evaluation interval (default: the global one). */
  interval?: string;
  scrapeJobs?: ScrapeJob[];
  global?: PrometheusGlobal;
  dashboards?: Dashboard[];
  /** Metrics besides the shop's own (a summary, …), for the tests that need them. */
  metrics?: AnyMetric[];
}

export function shop(options: ShopOptions) {
  return defineProject({
    name: 'shop',
    metrics: [orders, payments, cart, checkout, cpu, buildInfo, ...(options.metrics ?? [])],
    prometheus: {
      global: { scrapeInterval: '15s', evaluationInterval: '15s', ...options.global },
      scrapeJobs: options.scrapeJobs ?? Object.values(jobs),
    },
    ruleGroups: [ruleGroup({ name: 'shop', ...(options.interval ? { interval: options.interval } : {}), rules: options.rules ?? [] })],
    dashboards: options.dashboards ?? [],
  });
}

export function shopDashboard(panels: Parameters<typeof dashboard>[0]['panels']): Dashboard {
  return dashboard({ title: 'Shop', panels });
}

/** Alert fields that no check under test minds; spread into alert({ … }). */
export const basics = {
  for: '10m',
  labels: { severity: 'warning' },
  annotations: { summary: 'Shop problem', description: 'See the shop dashboard', runbook_url: 'https://runbooks.example.com/shop' },
};

/** The findings of one check on a project. */
export function findings(id: string, project: ReturnType<typeof shop>): Diagnostic[] {
  const check = CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return runOn(project, [check]);
}

export interface Expected {
  severity?: Diagnostic['severity'];
  message: string;
  hint: string;
  path: string[];
  /** The definition the finding points at (its builder call). */
  at: { source?: SourceRef };
  /** The text the caret underlines, when the finding is about an expression. */
  span?: string;
}

/** Exactly these findings, in order: message, hint, path, source line and underlined text. */
export function expectFindings(found: Diagnostic[], expected: Expected[]): void {
  expect(
    found.map((d) => ({
      severity: d.severity,
      message: d.message,
      hint: d.hint,
      path: d.path,
      source: d.source,
      ...(d.excerpt ? { span: d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) } : {}),
    })),
  ).toEqual(
    expected.map((x) => ({
      severity: x.severity ?? expect.any(String),
      message: x.message,
      hint: x.hint,
      path: x.path,
      source: x.at.source ? { ...x.at.source, file: fileOf(x.at) } : undefined,
      ...(x.span !== undefined ? { span: x.span } : {}),
    })),
  );
}

export const rulePath = (name: string, ...rest: string[]) => ['ruleGroups', 'shop', 'rules', name, ...rest];
