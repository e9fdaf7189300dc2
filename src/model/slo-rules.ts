import type { AlertModel, RecordModel, RuleGroupModel } from './types.js';
import type { SloAlertModel, SloModel } from './slo.js';
import { durationMs } from '../duration.js';
import { format } from './slo-decimal.js';
import { sliQueries } from './slo-sli.js';
import {
  BASE_WINDOW, BUDGET_GROUP_INTERVAL, BUDGET_REMAINING_ANNOTATION, BUDGET_REMAINING_RECORD, BURN_RATE_ANNOTATION,
  ERRORS_RATE_RECORD, SLO_GROUP_INTERVAL, SLO_LABEL, TOTAL_RATE_RECORD, errorRatioRecord, sloGroupNames, windowName,
} from './slo-names.js';
import { sloAlertTests, sloTestInterval } from './slo-tests.js';
import { syntaxAlone, type SyntaxOf } from './promql-table.js';
import { safeFileName } from './names.js';

/**
 * The rules of one SLO, in three groups (names in src/model/slo-names.ts):
 *
 * - ratios: the errors and events per second over 5m, the 5m error ratio derived from them
 *   (exactly the same division), and the error ratio over every other window an alert reads,
 *   each from the raw counters. Those windows are not derived from shorter recordings: a mean of
 *   5m ratios is not the ratio over the hour when traffic varies, and a sum of overlapping 5m rates
 *   is not exact at the window's edges, so the alerts would fire at other steps than the workbook
 *   defines.
 * - budget: the error ratio over the SLO window (30d) and the budget left. The period ratio is
 *   derived: the sum over the window of the recorded 5m errors per second over the sum of the 5m
 *   events per second, a traffic-weighted mean (a sum of errors over a sum of events, up to the
 *   5m at the window's edges), where `rate(x[30d])` would read every raw sample of the month of
 *   every series at each evaluation. Nothing time-critical reads it, so the group runs every 5m.
 * - alerts: the page and the ticket alert on the recorded ratios.
 */
export function sloRuleGroups(slo: SloModel, globalInterval: string, syntax: SyntaxOf = syntaxAlone): RuleGroupModel[] {
  // The group intervals: at least SLO_GROUP_INTERVAL, and BUDGET_GROUP_INTERVAL for the budget.
  const atLeast = (interval: string) => (durationMs(globalInterval)! < durationMs(interval)! ? interval : undefined);
  const ratioInterval = atLeast(SLO_GROUP_INTERVAL);
  const evaluationInterval = ratioInterval ?? globalInterval;
  const names = sloGroupNames(slo.service, slo.name);
  const ids = { [SLO_LABEL.service]: slo.service, [SLO_LABEL.slo]: slo.name };
  const match = `{${SLO_LABEL.service}=${JSON.stringify(slo.service)},${SLO_LABEL.slo}=${JSON.stringify(slo.name)}}`;
  const queries = sliQueries(slo.sli, syntax);
  const base = [...slo.path, 'rules'];
  const at = { ...(slo.source ? { source: slo.source } : {}) };

  const record = (group: string, name: string, expr: string, window: string): RecordModel => ({
    kind: 'record',
    name,
    expr,
    labels: { ...ids, [SLO_LABEL.window]: window },
    tests: [],
    group,
    path: [...base, name],
    ...at,
  });

  // Every window an alert reads, short to long, by length (168h and 7d are one); the SLO window
  // itself is the budget group's, the base window the recorded rates'.
  const windows = [...new Set(slo.alerts.flatMap((a) => a.burnRates.flatMap((b) => [b.shortMs, b.longMs])))]
    .filter((ms) => ms !== slo.windowMs && ms !== durationMs(BASE_WINDOW))
    .sort((a, b) => a - b)
    .map(windowName);
  const ratios: RecordModel[] = [
    record(names.ratios, ERRORS_RATE_RECORD, queries.errors(BASE_WINDOW), BASE_WINDOW),
    record(names.ratios, TOTAL_RATE_RECORD, queries.total(BASE_WINDOW), BASE_WINDOW),
    record(names.ratios, errorRatioRecord(BASE_WINDOW), `${ERRORS_RATE_RECORD}${match} / ${TOTAL_RATE_RECORD}${match}`, BASE_WINDOW),
    ...windows.map((w) => record(names.ratios, errorRatioRecord(w), `${queries.errors(w)} / ${queries.total(w)}`, w)),
  ];

  const sloWindow = windowName(slo.windowMs);
  const period = errorRatioRecord(sloWindow);
  const budget: RecordModel[] = [
    record(names.budget, period, `sum_over_time(${ERRORS_RATE_RECORD}${match}[${sloWindow}]) / sum_over_time(${TOTAL_RATE_RECORD}${match}[${sloWindow}])`, sloWindow),
    // Labels service and slo only: a record's labels can set a label but not remove one, so the
    // period ratio's window is dropped in the expression.
    { ...record(names.budget, BUDGET_REMAINING_RECORD, `1 - ${burnOf(period, match, format(slo.budget))}`, sloWindow), labels: ids },
  ];

  const alerts = slo.alerts.map((a) => sloAlert(slo, a, names.alerts, match, ids, evaluationInterval, syntax));
  const group = (name: string, rules: RuleGroupModel['rules'], interval?: string): RuleGroupModel => ({
    name,
    fileName: safeFileName(name),
    ...(interval ? { interval } : {}),
    intervalMs: durationMs(interval ?? globalInterval)!,
    rules,
    path: [...slo.path, 'groups', name],
    ...at,
  });
  return [
    group(names.ratios, ratios, ratioInterval),
    group(names.budget, budget, atLeast(BUDGET_GROUP_INTERVAL)),
    ...(alerts.length > 0 ? [group(names.alerts, alerts, ratioInterval)] : []),
  ];
}

/** `max without (window) (ratio{…}) / budget`: the burn rate of a recorded ratio, labels service and slo. */
function burnOf(ratio: string, match: string, budget: string): string {
  return `max without (${SLO_LABEL.window}) (${ratio}${match}) / ${budget}`;
}

/** `… > burn rate` over one window (its length: windowName). */
function burnOver(windowMs: number, match: string, budget: string, burnRate: string): string {
  return `${burnOf(errorRatioRecord(windowName(windowMs)), match, budget)} > ${burnRate}`;
}

/**
 * The multi-window, multi-burn-rate condition: for each line of the table, the burn rate over
 * the long window and over the short one both above the line's rate; any line fires the alert.
 * Its value is the long window's burn rate of the first line that holds (annotation burn_rate).
 */
export function burnRateExpression(slo: SloModel, alert: SloAlertModel, match: string): string {
  const budget = format(slo.budget);
  return alert.burnRates
    .map((b) => `(\n  ${burnOver(b.longMs, match, budget, format(b.burnRate))}\n  and\n  ${burnOver(b.shortMs, match, budget, format(b.burnRate))}\n)`)
    .join('\nor\n');
}

/** The template that renders the budget left, read from its recorded series when the alert fires. */
export function budgetRemainingTemplate(match: string): string {
  return `{{ with query ${JSON.stringify(`${BUDGET_REMAINING_RECORD}${match}`)} }}{{ . | first | value | humanizePercentage }}{{ end }}`;
}

function sloAlert(slo: SloModel, alert: SloAlertModel, group: string, match: string, ids: Record<string, string>, evaluationInterval: string, syntax: SyntaxOf): AlertModel {
  const model: AlertModel = {
    kind: 'alert',
    name: slo.alertName,
    expr: burnRateExpression(slo, alert, match),
    ...(alert.for !== undefined ? { for: alert.for } : {}),
    labels: alert.labels,
    annotations: {
      ...alert.annotations,
      [BURN_RATE_ANNOTATION]: '{{ $value | printf "%.2f" }}',
      [BUDGET_REMAINING_ANNOTATION]: budgetRemainingTemplate(match),
    },
    tests: [],
    group,
    path: [...slo.path, 'alerting', alert.severity],
    ...(slo.source ? { source: slo.source } : {}),
    // The short window is what `for` would be: it stops the alert soon after the burn stops and
    // keeps a blip from firing it (the workbook's alerts have no `for`).
    ...(alert.for === undefined ? { ignore: { 'alert/missing-for': 'an SLO burn-rate alert: its short window does what for would' } } : {}),
  };
  const testInterval = sloTestInterval(evaluationInterval);
  return { ...model, tests: sloAlertTests(slo, alert, ids, testInterval, syntax), testInterval };
}
