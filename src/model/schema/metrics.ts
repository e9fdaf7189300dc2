import { z } from 'zod';
import { labelName, metricName, nonEmpty, source } from './common.js';
import { withHint } from './hint.js';
import { ignore } from './lint.js';
import { scrapeJobSchema } from './prometheus.js';

const metricBase = {
  kind: z.literal('metric'),
  name: metricName,
  help: nonEmpty,
  labels: z.array(labelName),
  unit: z.string().optional(),
  exporter: z.string().optional(),
  jobs: z.array(scrapeJobSchema).min(1).optional(),
  ignore,
  source,
};

// Metric objects carry methods (select, bucket, …): loose objects, so those are ignored.
export const metricSchema = z.discriminatedUnion('type', [
  z.looseObject({ ...metricBase, type: z.literal('counter') }),
  z.looseObject({ ...metricBase, type: z.literal('gauge') }),
  z.looseObject({
    ...metricBase,
    type: z.literal('histogram'),
    buckets: z.array(z.number().refine((n) => Number.isFinite(n), { message: 'bucket bounds must be finite (+Inf is implicit)' })).min(1, {
      message: withHint('a histogram needs at least one bucket', 'give buckets as upper bounds, e.g. buckets: [30, 60, 120, 300, 600]'),
    }),
  }),
  z.looseObject({
    ...metricBase,
    type: z.literal('summary'),
    quantiles: z.array(z.number().min(0).max(1)),
  }),
]);

export type MetricInput = z.infer<typeof metricSchema>;
