import { z } from 'zod';
import { duration, labelSet, nonEmpty, recordName, source } from './common.js';
import { withHint } from './hint.js';
import { ignore } from './lint.js';
import type { AlertOptions } from '../../api/rules.js';

const inputSeries = z.strictObject({ series: nonEmpty, values: nonEmpty });
const expectedAlert = z.strictObject({
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

export const alertTestSchema = z.strictObject({
  name: nonEmpty,
  interval: duration.optional(),
  input: z.array(inputSeries).min(1, { message: 'a test case needs at least one input series' }),
  at: duration,
  expect: z.array(expectedAlert),
});

const expectedSample = z.strictObject({
  labels: z.record(z.string(), z.string()).optional(),
  value: z.number(),
});

export const recordTestSchema = z.strictObject({
  name: nonEmpty,
  interval: duration.optional(),
  input: z.array(inputSeries).min(1, { message: 'a test case needs at least one input series' }),
  at: duration,
  expect: z.array(expectedSample),
});

const alertLabels = z
  .record(z.string(), z.string())
  .refine((labels) => typeof labels['severity'] === 'string' && labels['severity'] !== '', {
    message: withHint('alert has no severity label', "add labels: { severity: 'critical' } (or 'warning', 'info')"),
  })
  .pipe(labelSet)
  // The refinement above is what makes this the API's type (a severity, then any labels).
  .transform((labels) => labels as AlertOptions['labels']);

export const alertSchema = z.strictObject({
  kind: z.literal('alert'),
  alert: nonEmpty,
  expr: nonEmpty,
  for: duration.optional(),
  keepFiringFor: duration.optional(),
  labels: alertLabels,
  annotations: z.record(z.string(), z.string().optional()),
  tests: z.array(alertTestSchema).optional(),
  ignore,
  source,
});

export const recordSchema = z.strictObject({
  kind: z.literal('record'),
  record: recordName,
  expr: nonEmpty,
  labels: labelSet.optional(),
  tests: z.array(recordTestSchema).optional(),
  ignore,
  source,
});

export const ruleGroupSchema = z.strictObject({
  kind: z.literal('ruleGroup'),
  name: nonEmpty,
  interval: duration.optional(),
  rules: z.array(z.discriminatedUnion('kind', [alertSchema, recordSchema])),
  ignore,
  source,
});

export type AlertInput = z.infer<typeof alertSchema>;
export type RecordInput = z.infer<typeof recordSchema>;
export type RuleGroupInput = z.infer<typeof ruleGroupSchema>;
