// Model dashboard → Grafana's classic dashboard JSON model (what file provisioning loads), via the SDK.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardModel, PanelModel, RowModel } from '../../model/dashboard.js';
import { VARIABLE_DATASOURCE } from '../../model/dashboard.js';
import { headerLines } from '../output.js';
import { panelBuilder } from './panels.js';
import { linkBuilder } from './links.js';
import { annotationBuilder } from './annotations.js';
import { datasourceVariable, logsTracesDatasourceVariable, variableBuilder } from './variables.js';
import { logsTracesVariables } from '../../model/logs-traces.js';
import type { GrafanaSettings } from '../../model/settings.js';

function rowBuilder(row: RowModel): dashboard.RowBuilder {
  const b = new dashboard.RowBuilder(row.title).id(row.id).collapsed(row.collapsed).datasource({ ...VARIABLE_DATASOURCE }).gridPos({ ...row.gridPos });
  // Grafana keeps the panels inside a row only while it is collapsed; an open row's panels follow it.
  if (row.collapsed) for (const p of row.panels) b.withPanel(panelBuilder(p));
  if (row.repeat !== undefined) b.repeat(row.repeat);
  return b;
}

/** The SDK moves panels it sees at x=0,y=0; the model's layout is the one that counts. */
function restorePositions(built: dashboard.Dashboard, model: DashboardModel): void {
  const positions = new Map<number, PanelModel['gridPos']>();
  for (const item of model.items) {
    positions.set(item.id, item.gridPos);
    if (item.kind === 'row') for (const p of item.panels) positions.set(p.id, p.gridPos);
  }
  const visit = (panels: ReadonlyArray<{ id?: number; gridPos?: PanelModel['gridPos']; panels?: unknown }> | undefined) => {
    for (const p of panels ?? []) {
      const pos = p.id !== undefined ? positions.get(p.id) : undefined;
      if (pos) p.gridPos = { ...pos };
      if (Array.isArray(p.panels)) visit(p.panels);
    }
  };
  visit(built.panels as Parameters<typeof visit>[0]);
}

/** The description Grafana shows, with where the dashboard comes from (JSON has no comments). */
export function dashboardDescription(model: DashboardModel, entry: string): string {
  const note = headerLines(model.source?.file ?? entry).join(' ');
  return model.description ? `${model.description}\n\n${note}` : note;
}

const CURSOR_SYNC = {
  none: dashboard.DashboardCursorSync.Off,
  crosshair: dashboard.DashboardCursorSync.Crosshair,
  tooltip: dashboard.DashboardCursorSync.Tooltip,
} as const;

export function buildDashboardJson(model: DashboardModel, entry: string, settings: GrafanaSettings): dashboard.Dashboard {
  const b = new dashboard.DashboardBuilder(model.title)
    .uid(model.uid)
    .description(dashboardDescription(model, entry))
    .tags([...model.tags]);
  if (model.editable) b.editable();
  else b.readonly();
  b.tooltip(CURSOR_SYNC[model.graphTooltip])
    .time({ ...model.time })
    .timezone(model.timezone)
    .refresh(model.refresh)
    .version(1)
    .withVariable(datasourceVariable(settings));
  for (const { kind } of logsTracesVariables(model)) b.withVariable(logsTracesDatasourceVariable(kind, settings));
  if (model.refreshIntervals !== undefined) b.timepicker(new dashboard.TimePickerBuilder().refreshIntervals([...model.refreshIntervals]));
  for (const a of model.annotations) b.annotation(annotationBuilder(a));
  for (const v of model.variables) b.withVariable(variableBuilder(v));
  if (model.links.length > 0) b.links(model.links.map(linkBuilder));
  for (const item of model.items) {
    if (item.kind === 'panel') {
      b.withPanel(panelBuilder(item));
      continue;
    }
    b.withRow(rowBuilder(item));
    if (!item.collapsed) for (const p of item.panels) b.withPanel(panelBuilder(p));
  }
  const built = b.build();
  restorePositions(built, model);
  return built;
}
