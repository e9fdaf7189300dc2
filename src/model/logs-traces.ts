/**
 * The data source of a panel, with the defaults of logs and traces panels: a logs panel reads the
 * `${loki}` variable, a traces panel `${tempo}` (`${jaeger}` for a Jaeger search), a PromQL panel
 * `${datasource}`. Each such variable is added to the dashboard that uses it and defaults to the
 * data source the project configures.
 */
import type { DatasourceRef } from '../api/panels.js';
import type { DashboardModel, PanelModel } from './dashboard.js';
import { allPanels, VARIABLE_DATASOURCE } from './dashboard.js';

/** The data source kinds a dashboard variable of its own stands for (Prometheus has `datasource`). */
export const LOGS_TRACES_KINDS = ['loki', 'tempo', 'jaeger'] as const;
export type LogsTracesKind = (typeof LOGS_TRACES_KINDS)[number];

/** The dashboard variable of a kind: `${loki}`, `${tempo}`, `${jaeger}`. */
export const variableRef = (kind: LogsTracesKind): DatasourceRef => ({ type: kind, uid: `\${${kind}}` });

/** Whether a Jaeger-only query (a service search) is what the traces panel asks. */
export const isJaegerSearch = (panel: Pick<PanelModel, 'traces'>): boolean => panel.traces !== undefined && 'service' in panel.traces;

/** The variable a panel of its type queries when it names no data source. */
export function defaultDatasource(panel: Pick<PanelModel, 'type' | 'traces'>): DatasourceRef {
  if (panel.type === 'logs') return variableRef('loki');
  if (panel.type === 'traces') return variableRef(isJaegerSearch(panel) ? 'jaeger' : 'tempo');
  return VARIABLE_DATASOURCE;
}

/** The data source the panel queries: its own, or its type's default variable. */
export function panelDatasource(panel: PanelModel): DatasourceRef {
  return panel.datasource ?? defaultDatasource(panel);
}

/** The kind whose variable a data source reference names (`${loki}`, `$tempo`), if any. */
export function variableKind(ref: DatasourceRef): LogsTracesKind | undefined {
  const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(ref.uid)?.[1];
  return LOGS_TRACES_KINDS.find((k) => k === name);
}

/** The logs and traces data source variables a dashboard's panels use, in a stable order, with the first panel that uses each. */
export function logsTracesVariables(d: DashboardModel): Array<{ kind: LogsTracesKind; panel: PanelModel }> {
  const first = new Map<LogsTracesKind, PanelModel>();
  for (const panel of allPanels(d)) {
    const kind = variableKind(panelDatasource(panel));
    if (kind && !first.has(kind)) first.set(kind, panel);
  }
  return LOGS_TRACES_KINDS.flatMap((kind) => (first.has(kind) ? [{ kind, panel: first.get(kind)! }] : []));
}
