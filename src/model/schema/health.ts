import { z } from 'zod';
import { duration, matching, nonEmpty, source } from './common.js';
import { durationMs } from '../../duration.js';
import { HEALTH_DEFAULTS } from '../../api/health.js';
import { withHint } from './hint.js';
import { ignore } from './lint.js';
import { healthModule } from '../health.js';

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

/**
 * Two health checks whose different names make one blackbox module (`pay-api` and `pay_api` are
 * both `http_pay_api`): the modules file has one key per module, so one check's settings would
 * silently replace the other's. Refused at both checks. (The same name twice is
 * scrape/duplicate-job: both probe jobs are `<name>-health`.)
 */
export function refuseHealthModuleClashes(project: { healthChecks?: ReadonlyArray<{ name: string }> | undefined }, ctx: z.RefinementCtx): void {
  const checks = project.healthChecks ?? [];
  checks.forEach((check, i) => {
    const module = healthModule(check.name);
    const others = [...new Set(checks.filter((c) => c.name !== check.name && healthModule(c.name) === module).map((c) => JSON.stringify(c.name)))];
    if (others.length === 0) return;
    ctx.addIssue({
      code: 'custom',
      path: ['healthChecks', i, 'name'],
      message: withHint(
        `health checks ${JSON.stringify(check.name)} and ${others.join(', ')} make the same blackbox module ${module}: one's settings would replace the other's`,
        "module names keep letters, digits and '_' (every other character becomes '_'): rename one so that they differ there",
      ),
    });
  });
}
