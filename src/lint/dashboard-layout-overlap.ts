import type { Check } from './check.js';
import type { PanelModel, RowModel } from '../model/dashboard.js';
import { GRID_COLUMNS, overlaps } from '../model/dashboard-layout.js';
import { locatedAt } from '../model/located.js';

/** Panels given an explicit gridPos fit in the 24 columns, cover no other panel, and sit inside their row. */
export const dashboardLayoutOverlap: Check = {
  id: 'dashboard/layout-overlap',
  severity: 'error',
  description: 'Panels with an explicit gridPos stay inside the 24 columns, do not overlap other panels, and sit below their row header.',
  run({ model }, report) {
    for (const d of model.dashboards) {
      // What Grafana shows side by side: the top level (open rows' panels included), and each
      // collapsed row on its own (with its header: opened, its panels go below it).
      const top: Array<PanelModel | RowModel> = [];
      const planes: Array<ReadonlyArray<PanelModel | RowModel>> = [top];
      const rows = d.items.filter((item): item is RowModel => item.kind === 'row');
      for (const item of d.items) {
        top.push(item);
        if (item.kind !== 'row') continue;
        if (item.collapsed) planes.push([item, ...item.panels]);
        else top.push(...item.panels);
      }
      for (const plane of planes) {
        plane.forEach((a, i) => {
          if (a.kind !== 'panel' || !a.explicitGridPos) return;
          const where = locatedAt(a, 'gridPos');
          if (a.gridPos.x + a.gridPos.w > GRID_COLUMNS) {
            report({ message: `panel ${a.title} of dashboard ${d.title} ends at column ${a.gridPos.x + a.gridPos.w}, past the ${GRID_COLUMNS} columns of the grid`, hint: 'make x + w at most 24', ...where });
          }
          plane.forEach((b, j) => {
            if (i === j || !overlaps(a.gridPos, b.gridPos)) return;
            // A pair of explicit panels is reported once, on the later one.
            if (b.kind === 'panel' && b.explicitGridPos && j > i) return;
            report({
              message: `panel ${a.title} of dashboard ${d.title} (gridPos x=${a.gridPos.x} y=${a.gridPos.y} w=${a.gridPos.w} h=${a.gridPos.h}) overlaps ${b.kind} ${b.title}`,
              hint: 'move it (change x/y), or leave gridPos out so that the panel is placed automatically',
              ...where,
            });
          });
        });
      }
      // Grafana groups panels by position: a row holds the panels between its header and the next
      // one's. Row headers are laid out below everything before them, so the way out of a row is up:
      // a panel above its header shows in the row before (or above all rows), and moves with it.
      for (const row of rows) {
        for (const p of row.panels) {
          if (!p.explicitGridPos || p.gridPos.y >= row.gridPos.y) continue;
          report({
            message: `panel ${p.title} of row ${row.title} (dashboard ${d.title}) is placed above its row header (gridPos y=${p.gridPos.y}, the row is at y=${row.gridPos.y}): Grafana shows it outside the row`,
            hint: `give it a y of ${row.gridPos.y + row.gridPos.h} or more (below its row header), or leave gridPos out so that the panel is placed automatically`,
            ...locatedAt(p, 'gridPos'),
          });
        }
      }
    }
  },
};
