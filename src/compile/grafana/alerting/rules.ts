// Alert rules → Grafana-managed alert rules, as Grafana's alerting file provisioning reads them
// (apiVersion 1: groups with orgId, name, folder, interval, rules). Each rule is built with the
// Foundation SDK's alerting builders and evaluated the way Prometheus evaluates it: the PromQL as an
// instant query (A), "any series it returns fires" as a math expression (B) and a threshold on it
// (C, the condition) — a PromQL alert's comparison is inside its expression, so Grafana must not
// compare again, only see whether a series came back. No series is OK (noDataState: OK), a failed
// query is an error (execErrState: Error), and a series that disappears resolves at the next
// evaluation, as in Prometheus. This is how Grafana itself converts Prometheus rules.
import { createHash } from 'node:crypto';
import * as alerting from '@grafana/grafana-foundation-sdk/alerting';
import * as expr from '@grafana/grafana-foundation-sdk/expr';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import type { AlertModel, Model, RuleGroupModel } from '../../../model/types.js';
import { slug } from '../../../model/names.js';
import { formatDuration } from '../../../duration.js';
import { GRAFANA_QUERY_REF, toGrafanaTemplate } from '../../../gotemplate/grafana.js';
import { compact, headerLines, yamlFile, type OutputFile } from '../../output.js';
import { PROVISIONING_DIR } from '../datasource.js';

export const ALERTING_DIR = `${PROVISIONING_DIR}/alerting`;

/** Grafana's server-side expressions: their data source uid and type. */
const EXPRESSIONS = { type: '__expr__', uid: '__expr__' } as const;
const MATH_REF = 'B';
const THRESHOLD_REF = 'C';
/** The instant query looks back 10 minutes (Grafana's default), evaluated at the rule's evaluation time. */
const LOOKBACK_SECONDS = 600;
const UID_MAX = 40;

/**
 * Grafana's provisioning expands environment variables (`$NAME`, `${NAME}`) in the rule's title,
 * labels, group and folder; `$$` is a literal `$`. Annotations and the queries are read raw.
 */
const literal = (text: string) => text.replaceAll('$', '$$$$');

/** The SDK's query objects carry a variant marker (a function), which is not data. */
function plain<T>(built: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(built)) as Record<string, unknown>;
}

function queries(alert: AlertModel, datasourceUid: string): alerting.QueryBuilder[] {
  const ds = { type: 'prometheus', uid: datasourceUid };
  const promql = new prometheus.DataqueryBuilder().refId(GRAFANA_QUERY_REF).datasource(ds).expr(alert.expr).instant();
  const math = new expr.TypeMathBuilder().refId(MATH_REF).datasource(EXPRESSIONS).expression(`is_number($${GRAFANA_QUERY_REF}) || is_nan($${GRAFANA_QUERY_REF}) || is_inf($${GRAFANA_QUERY_REF})`);
  const threshold = new expr.TypeThresholdBuilder().refId(THRESHOLD_REF).datasource(EXPRESSIONS).expression(MATH_REF).conditions([{ evaluator: { type: 'gt', params: [0] } }]);
  return [
    new alerting.QueryBuilder(GRAFANA_QUERY_REF).datasourceUid(datasourceUid).relativeTimeRange({ from: LOOKBACK_SECONDS, to: 0 }).model(promql),
    new alerting.QueryBuilder(MATH_REF).datasourceUid(EXPRESSIONS.uid).queryType('math').model(math),
    new alerting.QueryBuilder(THRESHOLD_REF).datasourceUid(EXPRESSIONS.uid).queryType('threshold').model(threshold),
  ];
}

const templated = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, toGrafanaTemplate(v).text]));

/** Stable uids (Grafana: at most 40 of letters, digits, - and _): the group and alert names, a hash when too long or taken. */
export function ruleUids(groups: readonly RuleGroupModel[]): Map<AlertModel, string> {
  const uids = new Map<AlertModel, string>();
  const used = new Set<string>();
  for (const group of groups) {
    group.rules.forEach((rule, index) => {
      if (rule.kind !== 'alert') return;
      const base = slug(`${group.name}-${rule.name}`, { keep: 'a-z0-9_', maxLength: 200, fallback: 'alert' });
      const hash = createHash('sha1').update(`${group.name}\u0000${rule.name}\u0000${index}`).digest('hex').slice(0, 8);
      const uid = base.length <= UID_MAX && !used.has(base) ? base : `${base.slice(0, UID_MAX - 9).replace(/-+$/, '')}-${hash}`;
      used.add(uid);
      uids.set(rule, uid);
    });
  }
  return uids;
}

/** One rule in the provisioning file's shape, from the rule the SDK built. */
function fileRule(rule: alerting.Rule, uid: string, keepFiringFor: string | undefined) {
  return compact({
    uid,
    title: literal(rule.title),
    condition: rule.condition,
    data: rule.data.map((q) => compact({ refId: q.refId, queryType: q.queryType, relativeTimeRange: q.relativeTimeRange, datasourceUid: q.datasourceUid, model: plain(q.model) })),
    noDataState: rule.noDataState,
    execErrState: rule.execErrState,
    for: rule.for,
    keepFiringFor,
    annotations: rule.annotations,
    labels: rule.labels && Object.fromEntries(Object.entries(rule.labels).map(([k, v]) => [k, literal(v)])),
    isPaused: false,
    missing_series_evals_to_resolve: rule.missingSeriesEvalsToResolve,
  });
}

function alertRule(alert: AlertModel, group: RuleGroupModel, model: Model): alerting.Rule {
  return new alerting.RuleBuilder(alert.name)
    .ruleGroup(group.name)
    .queries(queries(alert, model.grafana.datasource.uid))
    .condition(THRESHOLD_REF)
    .forDuration(alert.for ?? '0s')
    .labels(templated(alert.labels))
    .annotations(templated(alert.annotations))
    .noDataState('OK')
    .execErrState('Error')
    // Prometheus resolves an alert as soon as its series is gone.
    .missingSeriesEvalsToResolve(1)
    .build();
}

/** `grafana/provisioning/alerting/<group>.yml` for each rule group with alerts, when `grafana.alertRules` is on. */
export function compileGrafanaAlertRules(model: Model): OutputFile[] {
  if (!model.grafana.alertRules) return [];
  const uids = ruleUids(model.ruleGroups);
  return model.ruleGroups.flatMap((group) => {
    const alerts = group.rules.filter((r): r is AlertModel => r.kind === 'alert');
    if (alerts.length === 0) return [];
    const rules = alerts.map((a) => fileRule(alertRule(a, group, model), uids.get(a)!, a.keepFiringFor));
    return [
      yamlFile(
        `${ALERTING_DIR}/${group.fileName}.yml`,
        { apiVersion: 1, groups: [{ orgId: 1, name: literal(group.name), folder: literal(model.grafana.folder), interval: formatDuration(group.intervalMs), rules }] },
        [
          ...headerLines(group.source?.file ?? model.entry, `rule group ${group.name}, as Grafana-managed alert rules`),
          'Mount this folder at /etc/grafana/provisioning/alerting. The recording rules the alerts read stay in Prometheus.',
        ],
      ),
    ];
  });
}
