// Grafana-managed alert rules (#21): `grafana: { alertRules: true }` writes each rule group's alerts
// as Grafana alerting provisioning YAML, evaluated as Prometheus evaluates them; the file's structure
// is Grafana's provisioning format, its queries typed by the SDK.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { project } from '../fixtures/grafana/alerting/project.js';
import { generated } from '../helpers/model.js';
import { typecheck } from '../helpers/sdk-types.js';

const FILE = 'grafana/provisioning/alerting/shop-alerts.yml';

type Query = { refId: string; queryType?: string; datasourceUid: string; relativeTimeRange?: { from: number; to: number }; model: Record<string, unknown> };
type Rule = Record<string, unknown> & { uid: string; title: string; condition: string; data: Query[]; labels: Record<string, string>; annotations: Record<string, string> };
type File = { apiVersion: number; groups: Array<{ orgId: number; name: string; folder: string; interval: string; rules: Rule[] }> };

const files = (options?: Parameters<typeof project>[0]) => generated(project(options)).files;
const file = () => parse(files()[FILE]!) as File;
const rule = (title: string) => file().groups[0]!.rules.find((r) => r.title === title)!;

describe('Grafana-managed alert rules', () => {
  it('match the golden file', async () => {
    await expect(files()[FILE]).toMatchFileSnapshot('./__golden__/alerting/shop-alerts.yml');
  });

  it('are off by default, and written only for groups with alerts', () => {
    expect(Object.keys(files({ alertRules: false })).filter((f) => f.includes('/alerting/'))).toEqual([]);
    expect(Object.keys(files()).filter((f) => f.includes('/alerting/'))).toEqual([FILE]);
  });

  it('are deterministic', () => {
    expect(files()[FILE]).toBe(files()[FILE]);
  });

  it('put each group in the Grafana folder, with its evaluation interval', () => {
    expect(file()).toMatchObject({ apiVersion: 1, groups: [{ orgId: 1, name: 'shop-alerts', folder: 'Shop', interval: '30s' }] });
    expect(file().groups[0]!.rules.map((r) => r.title)).toEqual(['ShopOrdersFailing', 'ShopQueueStuck']);
  });

  it('query the PromQL instantly on the Prometheus data source and fire on any series it returns, as Prometheus does', () => {
    const r = rule('ShopOrdersFailing');
    expect(r.condition).toBe('C');
    expect(r.data.map((q) => [q.refId, q.datasourceUid, q.queryType])).toEqual([['A', 'prometheus', undefined], ['B', '__expr__', 'math'], ['C', '__expr__', 'threshold']]);
    expect(r.data[0]!.model).toMatchObject({
      expr: 'sum by (job) (rate(shop_orders_total{status="failed"}[5m])) / sum by (job) (rate(shop_orders_total[5m])) > 0.1',
      instant: true,
      range: false,
      datasource: { type: 'prometheus', uid: 'prometheus' },
    });
    expect(r.data[1]!.model).toMatchObject({ type: 'math', expression: 'is_number($A) || is_nan($A) || is_inf($A)' });
    expect(r.data[2]!.model).toMatchObject({ type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [0] } }] });
    expect(r).toMatchObject({ noDataState: 'OK', execErrState: 'Error', for: '10m', keepFiringFor: '5m', missing_series_evals_to_resolve: 1, isPaused: false });
  });

  it("keep labels and annotations, translating Prometheus's $value and $externalURL, and escape $ where Grafana expands environment variables", () => {
    const r = rule('ShopOrdersFailing');
    expect(r.annotations).toEqual({
      summary: 'Pedidos falhando em {{ $labels.job }}',
      description: '{{ $values.A.Value | humanizePercentage }} dos pedidos falham ({{ externalURL }})',
      runbook_url: 'https://runbooks.example.com/ShopOrdersFailing',
    });
    // Labels are read through Grafana's environment expansion: `$$` is a literal `$`.
    expect(r.labels).toEqual({ severity: 'critical', team: 'shop', price: 'US$$ 5', summary_job: '{{ $$labels.job }}' });
    expect(rule('ShopQueueStuck').annotations.description).toBe('A fila tem {{ $values.A.Value }} pedidos.');
  });

  it('give every rule a stable uid Grafana accepts', () => {
    const uids = file().groups[0]!.rules.map((r) => r.uid);
    expect(uids).toEqual(['shop-alerts-shopordersfailing', 'shop-alerts-shopqueuestuck']);
    for (const uid of uids) expect(uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
  });
});

// Grafana's alerting provisioning format (pkg/services/provisioning/alerting/rules_types.go,
// AlertRuleGroupV1/AlertRuleV1/QueryV1): every field we write must be one of these; the queries'
// models are typed by the SDK's prometheus and expr (server-side expression) types.
const FORMAT = [
  "import type * as alerting from '@grafana/grafana-foundation-sdk/alerting';",
  "import type * as expr from '@grafana/grafana-foundation-sdk/expr';",
  "import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';",
  "type Model<T> = Omit<T, '_implementsDataqueryVariant'>;",
  "type Query = Pick<alerting.Query, 'refId' | 'queryType' | 'datasourceUid' | 'relativeTimeRange'> & { model: Model<prometheus.Dataquery> | Model<expr.TypeMath> | Model<expr.TypeThreshold> };",
  "type Rule = Pick<alerting.Rule, 'uid' | 'title' | 'condition' | 'noDataState' | 'execErrState' | 'for' | 'annotations' | 'labels' | 'isPaused'> & {",
  '  data: Query[]; dashboardUid?: string; panelId?: number; keepFiringFor?: string; missing_series_evals_to_resolve?: number;',
  '};',
  'type Group = { orgId: number; name: string; folder: string; interval: string; rules: Rule[] };',
  'type File = { apiVersion: 1; groups: Group[]; deleteRules?: Array<{ orgId: number; uid: string }> };',
];
const typed = (...files: unknown[]) => [...FORMAT, ...files.map((json, i) => `export const file${i}: File = ${JSON.stringify(json, null, 2)};`), ''].join('\n');

describe("the alerting provisioning file against Grafana's format and the SDK's types", () => {
  it('declares every field it writes', async () => {
    const result = await typecheck(typed(file()));
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  }, 120_000);

  it('refuses a field the format does not have (the check can fail)', async () => {
    const inRule = file();
    (inRule.groups[0]!.rules[0] as Record<string, unknown>).folderUID = 'x';
    const inModel = file();
    (inModel.groups[0]!.rules[0]!.data[1]!.model as Record<string, unknown>).reducer = 'last';
    const result = await typecheck(typed(inRule, inModel));
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/'"?folderUID"?' does not exist/);
    expect(result.output).toMatch(/'"?reducer"?' does not exist/);
  }, 120_000);
});

describe('rule uids', () => {
  it('stay within 40 characters and unique: a hash when the names are too long or give the same uid', async () => {
    const { ruleUids } = await import('../../src/compile/grafana/alerting/rules.js');
    const { modelOf } = await import('../helpers/model.js');
    const { alert, defineProject, ruleGroup } = await import('../../src/index.js');
    const a = (name: string) => alert({ name, expr: 'vector(1)', for: '1m', labels: { severity: 'info' }, annotations: { summary: 's', description: 'd' } });
    const model = modelOf(
      defineProject({
        name: 'x',
        metrics: [],
        prometheus: { scrapeJobs: [] },
        ruleGroups: [ruleGroup({ name: 'a-very-long-group-name-for-checkout', rules: [a('CheckoutLatencyBudgetBurningFast'), a('Short')] }), ruleGroup({ name: 'a b', rules: [a('C')] }), ruleGroup({ name: 'a-b', rules: [a('C')] })],
      }),
    );
    const uids = [...ruleUids(model.ruleGroups).values()];
    expect(uids).toHaveLength(4);
    expect(new Set(uids).size).toBe(4);
    for (const uid of uids) expect(uid).toMatch(/^[a-z0-9_-]{1,40}$/);
    expect(uids[0]).toMatch(/^a-very-long-group-name-for-chec-[0-9a-f]{8}$/);
    expect(uids[1]).toMatch(/^a-very-long-group-name-for-chec-[0-9a-f]{8}$/); // 41 characters: hashed too, differently
    expect(uids[2]).toBe('a-b-c');
    expect(uids[3]).toMatch(/^a-b-c-[0-9a-f]{8}$/);
  });
});
