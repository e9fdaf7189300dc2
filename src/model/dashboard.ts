import type { ExpressionRef, Located } from './types.js';

// Placeholder until the dashboards API lands.
export interface DashboardModel extends Located {
  title: string;
}

/** The panel queries of the dashboards, as expressions for the checks. */
export function dashboardExpressions(_dashboards: readonly DashboardModel[]): ExpressionRef[] {
  return [];
}
