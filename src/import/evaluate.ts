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
import { assignedSource, withAssignedSource } from '../api/source.js';
import { propertyBelow } from '../source-sites.js';

type Builder = (...args: never[]) => unknown;

/** The builders imported definitions call, by the name they are exported under from 'totem-mon'. */
const BUILDERS: Record<string, Builder> = {
  alertmanager, receiver, route, inhibitRule, timeInterval, secretFile, eq, ne, re, nre,
  dashboard, row, sdkPanel, queryAnnotation,
  timeseriesPanel, gaugePanel, statPanel, tablePanel, barGaugePanel, heatmapPanel, histogramPanel, pieChartPanel, stateTimelinePanel, statusHistoryPanel, textPanel,
  logsPanel, tracesPanel,
  queryVariable, customVariable, intervalVariable, constantVariable, textVariable, adHocFilters,
};

/**
 * `below`: where the value lies under the options object of the builder call around it, in
 * definition-path steps. A builder call nested in another (`receivers: [receiver({ … })]`) is placed,
 * when the definition has a place (src/app/import.ts checkWritten), at that property of the call
 * around it (src/source-sites.ts propertyBelow): what the checks find about its fields then points at
 * their lines in the file as written, as for a user's nested builder call at its own line.
 */
export function evaluate(value: TsValue, refs: ReadonlyMap<string, unknown> = new Map(), below: readonly string[] | undefined = undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return (value as readonly TsValue[]).map((v, i) => evaluate(v, refs, below && [...below, String(i)]));
  if (isCode(value)) {
    if (!refs.has(value.code)) throw new Error(`imported value refers to ${value.code}, which is not declared`);
    return refs.get(value.code);
  }
  if (isCall(value)) {
    const { callee, args } = value;
    const builder = BUILDERS[callee] as ((...args: unknown[]) => unknown) | undefined;
    if (!builder) throw new Error(`imported value calls ${callee}, which is not one of the builders imports write`);
    // Its options: the first object-literal argument (what src/io/property-locations.ts walks); other arguments are not walked.
    const options = args.findIndex((a) => a !== null && typeof a === 'object' && !Array.isArray(a) && !isCall(a) && !isCode(a));
    const call = () => builder(...args.map((a, i) => evaluate(a, refs, i === options ? [] : undefined)));
    const around = assignedSource();
    return below !== undefined && below.length > 0 && around !== undefined ? withAssignedSource(propertyBelow(around, below), call) : call();
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, TsValue>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, evaluate(v, refs, below && [...below, k])]),
  );
}
