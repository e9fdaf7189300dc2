/**
 * Every check id a project may configure (`lint.checks`) or a definition may silence (`ignore`).
 * A plain list, shared by the API types, the schema and the lint, so that the ids are a union type
 * users get completion for. test/lint/check-ids.test.ts keeps it in step with the registered checks:
 * when you add a check, add its id here too (sorted).
 */
export const CHECK_IDS = [
  'alert/absent-for',
  'alert/annotations',
  'alert/comparison',
  'alert/duplicate-name',
  'alert/fragile-expression',
  'alert/grafana-unsupported',
  'alert/missing-for',
  'alert/naming',
  'alert/severity',
  'alert/template-label-dropped',
  'alert/template-syntax',
  'alert/unknown-external-label',
  'alert/value-label-with-for',
  'alertmanager/default-route',
  'alertmanager/email-address',
  'alertmanager/inhibit-equal',
  'alertmanager/inhibit-self',
  'alertmanager/inhibit-unmatched',
  'alertmanager/pagerduty-severity',
  'alertmanager/severity-mismatch',
  'alertmanager/shadowed-route',
  'alertmanager/slack-fields',
  'alertmanager/template-syntax',
  'alertmanager/unknown-receiver',
  'alertmanager/unknown-template',
  'alertmanager/unmatched-route',
  'alertmanager/unreachable-receiver',
  'alertmanager/webhook-url',
  'catalogue/counter-total',
  'catalogue/duplicate',
  'catalogue/histogram-buckets',
  'dashboard/counter-without-rate',
  'dashboard/datasource-variable',
  'dashboard/empty',
  'dashboard/layout-overlap',
  'dashboard/legend-label-dropped',
  'dashboard/log-query',
  'dashboard/multi-value-equals',
  'dashboard/time-range',
  'dashboard/trace-query',
  'dashboard/uid',
  'dashboard/undefined-variable',
  'dashboard/unit-mismatch',
  'dashboard/unknown-datasource',
  'dashboard/unknown-unit',
  'dashboard/v2-unsupported',
  'dashboard/variable-label',
  'docs/unknown-reference',
  'lint/stale-ignore',
  'output/not-service-monitor',
  'output/portable-name',
  'output/unwritten',
  'promql/absent-argument',
  'promql/counter-compared-raw',
  'promql/quantile-range',
  'promql/quantile-without-le',
  'promql/range-vector-result',
  'promql/rate-on-non-counter',
  'promql/rate-on-recorded-gauge',
  'promql/rate-range-too-short',
  'promql/regex-matcher',
  'promql/syntax',
  'promql/unknown-job',
  'promql/unknown-label',
  'promql/unknown-metric',
  'promql/vector-matching',
  'record/naming',
  'rules/duplicate-group',
  'rules/target-label-override',
  'scrape/dropped-label',
  'scrape/duplicate-job',
  'scrape/duplicate-series',
  'scrape/meta-label',
  'scrape/relabel-regex',
  'slo/annotations',
  'slo/burn-rate',
  'slo/duplicate',
  'slo/latency-threshold',
  'slo/objective',
  'slo/sli-selector',
  'slo/windows',
  'tests/alert-coverage',
  'tests/route-coverage',
  'tests/routing',
  'tests/routing-labels',
  'tests/unknown-series',
  'tests/vacuous-case',
  'version/unsupported',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** What a project may set a check to: off, or the severity its findings get. */
export const CHECK_SETTINGS = ['off', 'error', 'warning', 'info'] as const;
export type CheckSetting = (typeof CHECK_SETTINGS)[number];

/** Where a check's page is, relative to the package root (shipped with it): `docs/checks/promql/unknown-metric.md`. */
export function checkDocs(id: string): string {
  return `docs/checks/${id}.md`;
}

export function isCheckId(id: string): id is CheckId {
  return (CHECK_IDS as readonly string[]).includes(id);
}
