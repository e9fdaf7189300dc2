import { dashboard, type Dashboard } from '../api/dashboard.js';
import { row, statPanel, timeseriesPanel, type Panel, type Row } from '../api/panels.js';
import { dashboardSchema } from './schema/dashboard.js';
import type { SloModel } from './slo.js';
import { format, toNumber } from './slo-decimal.js';
import { BASE_WINDOW, BUDGET_REMAINING_RECORD, SLO_DASHBOARD, SLO_LABEL, errorRatioRecord, windowName } from './slo-names.js';

/**
 * The SLO dashboard, written with the public dashboard API like any user's: one row per SLO with
 * the SLI now and over the SLO window, the error budget left, the burn rate over every window its
 * alerts read, and the alerts' state. It then goes through the same schema, model and checks as
 * the definitions' dashboards.
 */
function sloRow(slo: SloModel): Row {
  const match = `{${SLO_LABEL.service}=${JSON.stringify(slo.service)},${SLO_LABEL.slo}=${JSON.stringify(slo.name)}}`;
  const budget = format(slo.budget);
  const objective = toNumber(slo.objectiveRatio);
  const sliThresholds = [{ color: 'red' }, { value: objective, color: 'green' }];
  const windows = [...new Set(slo.alerts.flatMap((a) => a.burnRates.flatMap((b) => [windowName(b.shortMs), windowName(b.longMs)])))];
  const page = slo.alerts.find((a) => a.severity === 'page')?.burnRates[0];
  const panels: Panel[] = [
    statPanel({
      title: `SLI (${BASE_WINDOW})`,
      description: `Share of good events over the last ${BASE_WINDOW}; the objective is ${slo.objective}%.`,
      unit: 'percentunit',
      decimals: 3,
      thresholds: sliThresholds,
      width: 4,
      targets: [{ expr: `1 - ${errorRatioRecord(BASE_WINDOW)}${match}` }],
    }),
    statPanel({
      title: `SLI (${slo.window})`,
      description: `Share of good events over the SLO window (${slo.window}).`,
      unit: 'percentunit',
      decimals: 3,
      thresholds: sliThresholds,
      width: 4,
      targets: [{ expr: `1 - ${errorRatioRecord(windowName(slo.windowMs))}${match}` }],
    }),
    statPanel({
      title: `Error budget remaining (${slo.window})`,
      description: `1 − error ratio over ${slo.window} / error budget (${budget}): 100% untouched, 0 spent, below 0 overspent.`,
      unit: 'percentunit',
      decimals: 1,
      thresholds: [{ color: 'red' }, { value: 0, color: 'orange' }, { value: 0.25, color: 'green' }],
      width: 4,
      targets: [{ expr: `${BUDGET_REMAINING_RECORD}${match}` }],
    }),
    timeseriesPanel({
      title: 'Burn rate',
      description: `Error ratio / error budget (${budget}) per window: 1 spends the budget exactly over ${slo.window}.`,
      unit: 'short',
      min: 0,
      // Steps ascend: a page burn rate of 1 or less (slo/burn-rate reports it) draws no red step.
      thresholds: [{ color: 'green' }, { value: 1, color: 'orange' }, ...(page && toNumber(page.burnRate) > 1 ? [{ value: toNumber(page.burnRate), color: 'red' }] : [])],
      width: 12,
      targets: windows.map((w) => ({ expr: `${errorRatioRecord(w)}${match} / ${budget}`, legendFormat: w })),
    }),
    timeseriesPanel({
      title: 'Alerts',
      description: `${slo.alertName}: page and ticket alerts of this SLO while they fire.`,
      unit: 'short',
      min: 0,
      width: 24,
      height: 5,
      targets: [{ expr: `ALERTS{alertname=${JSON.stringify(slo.alertName)},${match.slice(1, -1)},alertstate="firing"}`, legendFormat: '{{severity}}' }],
    }),
  ];
  return row({ title: `${slo.service} · ${slo.name}: ${slo.objective}% over ${slo.window}`, panels });
}

/** Built by totem-mon, not the definitions: the API's call sites (none in user code) are dropped. */
function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'source').map(([k, v]) => [k, withoutSources(v)]));
}

/** The `slos` dashboard, as the schema gives definitions' dashboards, or none without SLOs. */
export function sloDashboard(slos: readonly SloModel[]): Dashboard | undefined {
  if (slos.length === 0) return undefined;
  const built: Dashboard = dashboard({
    title: SLO_DASHBOARD.title,
    uid: SLO_DASHBOARD.uid,
    tags: ['slo'],
    description: 'Service level objectives: SLI, error budget, burn rates and alerts (generated from the SLO definitions).',
    time: { from: 'now-7d', to: 'now' },
    panels: slos.map(sloRow),
  });
  // Through the schema like a definition's dashboard (and without the builders' call sites), as
  // src/model/parse.ts parses: without zod's JIT.
  const input = dashboardSchema.parse(withoutSources(built), { jitless: true }) as Dashboard;
  // Findings and the file header point at the first SLO's definition.
  return slos[0]!.source ? { ...input, source: slos[0]!.source } : input;
}
