import type { GridPos, PanelType } from '../api/panels.js';

/** Grafana's grid is 24 columns wide. */
export const GRID_COLUMNS = 24;

/** Default size of a panel of each type, in grid columns and rows. */
export const DEFAULT_SIZE: Record<PanelType, { w: number; h: number }> = {
  timeseries: { w: 12, h: 8 },
  heatmap: { w: 12, h: 8 },
  table: { w: 12, h: 8 },
  bargauge: { w: 12, h: 8 },
  stat: { w: 6, h: 8 },
  gauge: { w: 6, h: 8 },
  histogram: { w: 12, h: 8 },
  piechart: { w: 6, h: 8 },
  'state-timeline': { w: 12, h: 8 },
  'status-history': { w: 12, h: 8 },
  text: { w: 24, h: 3 },
  logs: { w: 24, h: 10 },
  traces: { w: 24, h: 10 },
  sdk: { w: 12, h: 8 },
};

export function overlaps(a: GridPos, b: GridPos): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function bottom(positions: readonly GridPos[]): number {
  return positions.reduce((max, p) => Math.max(max, p.y + p.h), 0);
}

/**
 * Flow layout, left to right then down, like text: a panel goes after the previous one and wraps
 * when the line is full. Positions given by the user are reserved first and flowed around.
 */
export class GridFlow {
  private x = 0;
  private y: number;
  private lineHeight = 0;
  readonly placed: GridPos[] = [];

  constructor(
    startY: number,
    private readonly reserved: readonly GridPos[] = [],
  ) {
    this.y = startY;
  }

  /** Where a panel of this size goes next. */
  next(w: number, h: number): GridPos {
    for (;;) {
      if (this.x + w > GRID_COLUMNS) this.newLine();
      const candidate = { x: this.x, y: this.y, w, h };
      const blocker = [...this.reserved, ...this.placed].find((p) => overlaps(p, candidate));
      if (!blocker) {
        this.take(candidate);
        return candidate;
      }
      this.x = blocker.x + blocker.w;
      if (this.x + w > GRID_COLUMNS && this.lineHeight === 0) this.lineHeight = 1;
    }
  }

  /** A position the user gave: kept as is; the flow continues after it. */
  keep(pos: GridPos): GridPos {
    this.placed.push(pos);
    return pos;
  }

  /** A full-width line (a row header): below everything so far. */
  fullLine(h: number): GridPos {
    const y = Math.max(bottom(this.placed), this.lineHeight > 0 ? this.y + this.lineHeight : this.y);
    const pos = { x: 0, y, w: GRID_COLUMNS, h };
    this.placed.push(pos);
    this.x = 0;
    this.y = y + h;
    this.lineHeight = 0;
    return pos;
  }

  private take(pos: GridPos): void {
    this.placed.push(pos);
    this.x = pos.x + pos.w;
    this.lineHeight = Math.max(this.lineHeight, pos.h);
  }

  private newLine(): void {
    this.y += this.lineHeight || 1;
    this.x = 0;
    this.lineHeight = 0;
  }
}
