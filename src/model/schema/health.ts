import { z } from 'zod';
import { duration, matching, nonEmpty, source } from './common.js';
import { durationMs } from '../../duration.js';
import { HEALTH_DEFAULTS } from '../../api/health.js';
import { withHint } from './hint.js';
import { ignore } from './lint.js';

const jsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const healthUrl = matching(
  (u) => /^https?:\/\/[^\s/]+(\/\S*)?$/.test(u),
  (u) => withHint(`invalid health check URL ${JSON.stringify(u)}`, "give the full http(s) URL the exporter probes, e.g. 'http://api:8000/health'"),
);

export const healthCheckSchema = z.strictObject({
  kind: z.literal('healthCheck'),
  name: matching(
    (n) => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(n),
    (n) => withHint(`invalid health check name ${JSON.stringify(n)}`, "letters, digits, '-', '_' and '.', e.g. 'totem-api'"),
  ),
  url: healthUrl,
  interval: duration.optional(),
  timeout: duration.optional(),
  retries: z.number().int().min(1).optional(),
  validStatusCodes: z.array(z.number().int().min(100).max(599)).min(1).optional(),
  expectJson: z.record(nonEmpty, jsonScalar).optional(),
  components: z.array(nonEmpty).optional(),
  componentHealthy: jsonScalar.optional(),
  ignore,
  source,
}).superRefine((check, ctx) => {
  // Docker's defaults (30s, 30s) when not given; a probe slower than its interval would overlap the next.
  const interval = durationMs(check.interval ?? HEALTH_DEFAULTS.interval) ?? 0;
  const timeout = durationMs(check.timeout ?? HEALTH_DEFAULTS.timeout) ?? 0;
  if (timeout > interval) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeout'],
      message: withHint(`timeout ${check.timeout ?? HEALTH_DEFAULTS.timeout} is longer than the interval ${check.interval ?? HEALTH_DEFAULTS.interval}`, 'a probe must end before the next one starts: make timeout at most interval'),
    });
  }
});

export type HealthCheckInput = z.infer<typeof healthCheckSchema>;
