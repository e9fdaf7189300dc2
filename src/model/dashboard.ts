import type { ExpressionRef, Located } from './types.js';
import type { DatasourceRef, GridPos, Legend, PanelType, ThresholdStep } from '../api/panels.js';
import { locatedAt } from './located.js';

/** The `${datasource}` variable every panel and target points at. */
export const DATASOURCE_VARIABLE = 'datasource';
export const VARIABLE_DATASOURCE: DatasourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Whether a data source reference is the variable (`${datasource}` or `$datasource`). */
export function isDatasourceVariable(ref: DatasourceRef): boolean {
  return ref.uid === '${datasource}' || ref.uid === '$datasource';
}

export interface TargetModel extends Located {
  refId: string;
  expr: string;
  legendFormat?: string;
  instant: boolean;
  format: 'time_series' | 'table' | 'heatmap';
  /** Only when the user set one explicitly (checked by dashboard/datasource-variable). */
  datasource?: DatasourceRef;
}

export interface PanelModel extends Located {
  kind: 'panel';
  /** Stable within the dashboard: position in reading order, from 1. */
  id: number;
  type: PanelType;
  title: string;
  description?: string;
  unit?: string;
  min?: number;
  max?: number;
  decimals?: number;
  thresholds?: ThresholdStep[];
  thresholdsMode?: 'absolute' | 'percentage';
  legend?: Legend;
  stack?: boolean;
  targets: TargetModel[];
  gridPos: GridPos;
  /** The user gave gridPos (checked by dashboard/layout-overlap); otherwise it was laid out. */
  explicitGridPos: boolean;
  datasource?: DatasourceRef;
}

export interface RowModel extends Located {
  kind: 'row';
  id: number;
  title: string;
  collapsed: boolean;
  gridPos: GridPos;
  panels: PanelModel[];
}

export interface VariableModel extends Located {
  name: string;
  label: string;
  metric?: string;
  title: string;
  multi: boolean;
  includeAll: boolean;
  /** `label_values(metric, label)` or `label_values(label)`. */
  query: string;
}

export type LinkModel =
  | { title: string; url: string; tooltip?: string; targetBlank?: boolean }
  | { title: string; tags: string[]; asDropdown?: boolean };

export interface DashboardModel extends Located {
  title: string;
  /** As given, or derived from the title; checked by dashboard/uid. */
  uid: string;
  tags: string[];
  description?: string;
  time: { from: string; to: string };
  refresh: string;
  links: LinkModel[];
  variables: VariableModel[];
  /** Top-level panels and rows in reading order (the panels of a row are inside it). */
  items: Array<PanelModel | RowModel>;
}

/** Every panel of a dashboard, those inside rows included, in reading order. */
export function allPanels(dashboard: DashboardModel): PanelModel[] {
  return dashboard.items.flatMap((item) => (item.kind === 'row' ? item.panels : [item]));
}

/** The panel queries of the dashboards, as expressions for the checks. */
export function dashboardExpressions(dashboards: readonly DashboardModel[]): ExpressionRef[] {
  return dashboards.flatMap((d) =>
    allPanels(d).flatMap((panel) =>
      panel.targets.map((t) => ({
        expr: t.expr,
        context: 'panel' as const,
        owner: panel.title,
        // Targets are plain objects inside the panel's definition: their `expr:` there.
        ...locatedAt(t, 'expr'),
      })),
    ),
  );
}
