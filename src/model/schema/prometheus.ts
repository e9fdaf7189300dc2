import { z } from 'zod';
import { definition, duration, labelSet, matching, nonEmpty } from './common.js';
import { withHint } from './hint.js';

const target = matching(
  (t) => /^[^\s/:]+:\d{1,5}$/.test(t) || /^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(t),
  (t) => withHint(`invalid target ${JSON.stringify(t)}`, "targets are host:port, without scheme or path, e.g. 'api:8000'"),
);

export const scrapeJobSchema = definition('scrapeJob', {
  name: nonEmpty,
  targets: z.array(target).min(1, { message: 'a scrape job needs at least one target' }),
  path: z.string().startsWith('/', { message: 'path must start with /' }).optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  scheme: z.enum(['http', 'https']).optional(),
  labels: labelSet.optional(),
});

export const prometheusSchema = z.strictObject({
  global: z
    .strictObject({
      scrapeInterval: duration.optional(),
      scrapeTimeout: duration.optional(),
      evaluationInterval: duration.optional(),
      externalLabels: labelSet.optional(),
    })
    .optional(),
  scrapeJobs: z.array(scrapeJobSchema),
  alertmanagers: z.array(target).optional(),
  blackboxExporter: target.optional(),
});

export type ScrapeJobInput = z.infer<typeof scrapeJobSchema>;
export type PrometheusInput = z.infer<typeof prometheusSchema>;
