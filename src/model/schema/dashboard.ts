import { z } from 'zod';

// Placeholder until the dashboards API lands.
export const dashboardSchema = z.looseObject({ kind: z.literal('dashboard'), title: z.string() });
export type DashboardInput = z.infer<typeof dashboardSchema>;
