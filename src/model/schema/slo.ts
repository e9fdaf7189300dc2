import { z } from 'zod';
import { duration, labelSet, nonEmpty, source } from './common.js';
import { ignore } from './lint.js';

// Ranges (objective in (0, 100), a threshold that is a bucket, consistent windows) are checks
// with their own ids and pages (src/lint/slo-*.ts), not schema errors: they need the catalogue
// or say more than "invalid".

const finite = z.number().refine((n) => Number.isFinite(n), { message: 'must be a finite number' });

const sli = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('errors'), errors: nonEmpty, total: nonEmpty }),
  z.strictObject({ kind: z.literal('good'), good: nonEmpty, total: nonEmpty }),
  z.strictObject({ kind: z.literal('latency'), histogram: nonEmpty, selector: nonEmpty, threshold: finite }),
]);

const burnRateWindow = z.strictObject({ long: duration, short: duration, burnRate: finite });

const alertOptions = z.strictObject({
  labels: labelSet.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  for: duration.optional(),
});

export const sloSchema = z.strictObject({
  kind: z.literal('slo'),
  name: nonEmpty,
  service: nonEmpty,
  objective: finite,
  window: duration.optional(),
  description: z.string().optional(),
  sli,
  alerting: z.strictObject({
    name: nonEmpty,
    labels: labelSet.optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    page: z.union([alertOptions, z.literal(false)]).optional(),
    ticket: z.union([alertOptions, z.literal(false)]).optional(),
  }),
  burnRates: z.strictObject({ page: z.array(burnRateWindow), ticket: z.array(burnRateWindow) }).optional(),
  ignore,
  source,
});

export type SloInput = z.infer<typeof sloSchema>;
