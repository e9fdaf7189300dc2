import { z } from 'zod';
import { nonEmpty } from './common.js';
import { metricSchema } from './metrics.js';
import { ruleGroupSchema } from './rules.js';
import { prometheusSchema } from './prometheus.js';
import { alertmanagerSchema } from './alertmanager.js';
import { dashboardSchema } from './dashboard.js';

export const projectSchema = z.strictObject({
  kind: z.literal('project'),
  name: nonEmpty,
  metrics: z.array(metricSchema),
  prometheus: prometheusSchema,
  ruleGroups: z.array(ruleGroupSchema).optional(),
  alertmanager: alertmanagerSchema.optional(),
  dashboards: z.array(dashboardSchema).optional(),
});

export type ProjectInput = z.infer<typeof projectSchema>;
