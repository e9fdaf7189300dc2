/**
 * An imported value tree evaluated to what its TypeScript evaluates to: each call is the public
 * API's builder of that name, each code reference a constant declared before. One tree gives both
 * the definitions file (src/import/ts-source.ts prints it) and the project to run the stages on in
 * memory, so what is checked is what is written.
 */
import { alertmanager, inhibitRule, receiver, route, secretFile, timeInterval } from '../api/alertmanager.js';
import { queryAnnotation } from '../api/annotations.js';
import { dashboard } from '../api/dashboard.js';
import {
  barGaugePanel, gaugePanel, heatmapPanel, histogramPanel, pieChartPanel, row, stateTimelinePanel, statPanel, statusHistoryPanel,
  tablePanel, textPanel, timeseriesPanel,
} from '../api/panels.js';
import { logsPanel, tracesPanel } from '../api/logs-traces.js';
import { sdkPanel } from '../api/sdk-panel.js';
import { eq, ne, nre, re } from '../api/selector.js';
import { adHocFilters, constantVariable, customVariable, intervalVariable, queryVariable, textVariable } from '../api/variables.js';
import { isCall, isCode, type TsValue } from './ts-source.js';

type Builder = (...args: never[]) => unknown;

/** The builders imported definitions call, by the name they are exported under from 'totem-mon'. */
const BUILDERS: Record<string, Builder> = {
  alertmanager, receiver, route, inhibitRule, timeInterval, secretFile, eq, ne, re, nre,
  dashboard, row, sdkPanel, queryAnnotation,
  timeseriesPanel, gaugePanel, statPanel, tablePanel, barGaugePanel, heatmapPanel, histogramPanel, pieChartPanel, stateTimelinePanel, statusHistoryPanel, textPanel,
  logsPanel, tracesPanel,
  queryVariable, customVariable, intervalVariable, constantVariable, textVariable, adHocFilters,
};

export function evaluate(value: TsValue, refs: ReadonlyMap<string, unknown> = new Map()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return (value as readonly TsValue[]).map((v) => evaluate(v, refs));
  if (isCode(value)) {
    if (!refs.has(value.code)) throw new Error(`imported value refers to ${value.code}, which is not declared`);
    return refs.get(value.code);
  }
  if (isCall(value)) {
    const { callee, args } = value;
    const builder = BUILDERS[callee] as ((...args: unknown[]) => unknown) | undefined;
    if (!builder) throw new Error(`imported value calls ${callee}, which is not one of the builders imports write`);
    return builder(...args.map((a) => evaluate(a, refs)));
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, TsValue>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, evaluate(v, refs)]),
  );
}
