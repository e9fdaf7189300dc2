// The classic grid (panels and rows in one list, rows as full-width panels) → V2 layouts: a grid
// when there are no rows; else rows, each with a grid of its own (positions relative to the row),
// the panels before the first row in a row without a header, as Grafana converts them.
import * as dashboardv2 from '@grafana/grafana-foundation-sdk/dashboardv2';
import type { DashboardModel, PanelModel, RowModel } from '../../../model/dashboard.js';

/** The element name a panel is referenced by in the layout. */
export function elementName(panel: PanelModel): string {
  return `panel-${panel.id}`;
}

function gridItem(panel: PanelModel, top: number): dashboardv2.GridItemBuilder {
  const { x, y, w, h } = panel.gridPos;
  const item = new dashboardv2.GridItemBuilder().name(elementName(panel)).x(x).y(Math.max(0, y - top)).width(w).height(h);
  if (panel.repeat) {
    const repeat = new dashboardv2.RepeatOptionsBuilder().value(panel.repeat.variable).direction(panel.repeat.direction === 'vertical' ? 'v' : 'h');
    if (panel.repeat.maxPerRow !== undefined) repeat.maxPerRow(panel.repeat.maxPerRow);
    item.repeat(repeat);
  }
  return item;
}

function grid(panels: readonly PanelModel[], top: number): dashboardv2.GridBuilder {
  return new dashboardv2.GridBuilder().items(panels.map((p) => gridItem(p, top)));
}

function rowKind(row: RowModel, panels: readonly PanelModel[]): dashboardv2.RowBuilder {
  const b = new dashboardv2.RowBuilder().title(row.title).collapse(row.collapsed).layout(grid(panels, row.gridPos.y + 1));
  if (row.repeat !== undefined) b.repeat(new dashboardv2.RowRepeatOptionsBuilder().value(row.repeat));
  return b;
}

export function layoutOf(model: DashboardModel): dashboardv2.GridBuilder | dashboardv2.RowsBuilder {
  if (!model.items.some((i) => i.kind === 'row')) return grid(model.items as PanelModel[], 0);
  // Grafana's grid: the panels after a row, up to the next one, are that row's (as are those the
  // model keeps inside it); those before the first row go in a row without a header.
  const groups: Array<{ row?: RowModel; panels: PanelModel[] }> = [];
  for (const item of model.items) {
    if (item.kind === 'row') groups.push({ row: item, panels: [...item.panels] });
    else if (groups.length === 0) groups.push({ panels: [item] });
    else groups[groups.length - 1]!.panels.push(item);
  }
  const rows = new dashboardv2.RowsBuilder();
  for (const g of groups) {
    rows.row(g.row ? rowKind(g.row, g.panels) : new dashboardv2.RowBuilder().hideHeader(true).collapse(false).layout(grid(g.panels, 0)));
  }
  return rows;
}
