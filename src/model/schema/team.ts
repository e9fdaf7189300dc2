import { z } from 'zod';
import { labelSet, nonEmpty, source } from './common.js';
import { withHint } from './hint.js';
import { alertDefaultsSchema, ruleGroupSchema } from './rules.js';
import { dashboardSchema } from './dashboard.js';
import { receiverSchema, routeSchema, routingTestSchema } from './alertmanager.js';
import { refuseLiteralSecrets } from './alertmanager-secrets.js';

const teamShape = z.strictObject({
  kind: z.literal('team'),
  name: nonEmpty,
  labels: labelSet.refine((labels) => Object.keys(labels).length > 0, {
    message: withHint('a team needs at least one label', "its alerts carry it and its route matches it, e.g. labels: { team: 'payments' }"),
  }),
  ruleGroups: z.array(ruleGroupSchema).optional(),
  dashboards: z.array(dashboardSchema).optional(),
  receivers: z.array(receiverSchema).optional(),
  receiver: nonEmpty.optional(),
  routes: z.array(routeSchema).optional(),
  tests: z.array(routingTestSchema).optional(),
  alertDefaults: alertDefaultsSchema.optional(),
  source,
});

/** A team module (src/api/team.ts); its receivers are scanned for literal secrets as the Alertmanager's are. */
export const teamSchema = z.unknown().superRefine(refuseLiteralSecrets).pipe(teamShape);

export type TeamInput = z.infer<typeof teamSchema>;
