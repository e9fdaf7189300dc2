import type { DashboardInput } from './schema/dashboard.js';
import type { DashboardModel } from './dashboard.js';

// Placeholder until the dashboards API lands.
export function buildDashboards(input: readonly DashboardInput[]): DashboardModel[] {
  return input.map((d) => ({ title: d.title, path: ['dashboards', d.title] }));
}
