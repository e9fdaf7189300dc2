import { z } from 'zod';
import { definition, duration, labelSet, method, nonEmpty, recordName } from './common.js';
import { withHint } from './hint.js';
import type { AlertOptions } from '../../api/rules.js';

const inputSeries = z.strictObject({ series: nonEmpty, values: nonEmpty });
const stringMap = z.record(z.string(), z.string());

/** A rule's unit test case; alerts' and recording rules' differ only in what one expected item is. */
function testCase<E extends z.ZodType, X extends z.ZodRawShape>(expected: E, extra: X) {
  return z.strictObject({
    name: nonEmpty,
    interval: duration.optional(),
    input: z.array(inputSeries).min(1, { message: 'a test case needs at least one input series' }),
    ...extra,
    at: duration,
    expect: z.array(expected),
  });
}

export const alertTestSchema = testCase(z.strictObject({ labels: stringMap.optional(), annotations: stringMap.optional() }), {
  // Other times at which the same input must not fire the alert (src/api/tests.ts AlertTestCase).
  quietAt: z.array(duration).optional(),
});
export const recordTestSchema = testCase(z.strictObject({ labels: stringMap.optional(), value: z.number() }), {});

const alertLabels = stringMap
  .refine((labels) => typeof labels['severity'] === 'string' && labels['severity'] !== '', {
    message: withHint('alert has no severity label', "add labels: { severity: 'critical' } (or 'warning', 'info')"),
  })
  .pipe(labelSet)
  // The refinement above is what makes this the API's type (a severity, then any labels).
  .transform((labels) => labels as AlertOptions['labels']);

export const alertSchema = definition('alert', {
  name: nonEmpty,
  expr: nonEmpty,
  for: duration.optional(),
  keepFiringFor: duration.optional(),
  labels: alertLabels,
  annotations: z.record(z.string(), z.string().optional()),
  tests: z.array(alertTestSchema).optional(),
  testInterval: duration.optional(),
});

export const recordSchema = definition('record', {
  name: recordName,
  expr: nonEmpty,
  labels: labelSet.optional(),
  type: z.enum(['counter', 'gauge']),
  unit: z.string().optional(),
  tests: z.array(recordTestSchema).optional(),
  testInterval: duration.optional(),
  // The handle's methods (select, `${rule}`), revived inert by the loader.
  select: method,
  toString: method,
});

export const alertDefaultsSchema = z.strictObject({
  for: duration.optional(),
  keepFiringFor: duration.optional(),
  labels: labelSet.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

export const ruleGroupSchema = definition('ruleGroup', {
  name: nonEmpty,
  interval: duration.optional(),
  limit: z.number().int().positive().optional(),
  rules: z.array(z.discriminatedUnion('kind', [alertSchema, recordSchema])),
  labels: labelSet.optional(),
  alertDefaults: alertDefaultsSchema.optional(),
  sourceTenants: z.array(nonEmpty).min(1, { message: withHint('sourceTenants is empty', 'list the tenants the group reads, or leave sourceTenants out') }).optional(),
  partialResponseStrategy: z.enum(['warn', 'abort']).optional(),
});

export type AlertInput = z.infer<typeof alertSchema>;
export type AlertDefaultsInput = z.infer<typeof alertDefaultsSchema>;
export type RecordInput = z.infer<typeof recordSchema>;
export type RuleGroupInput = z.infer<typeof ruleGroupSchema>;
