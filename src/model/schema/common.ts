import { z } from 'zod';
import type { SourceRef } from '../../diagnostic.js';
import { LABEL_NAME, METRIC_NAME, RECORD_NAME } from '../names.js';
import { DURATION } from '../../duration.js';
import { withHint } from './hint.js';
import { ignore } from './lint.js';

// Passed through as the very object the builder recorded (not a copy): it is the key under which
// its call site is remembered for property-level locations (src/source-sites.ts).
export const source = z
  .custom<SourceRef>(
    (v) => typeof v === 'object' && v !== null && typeof (v as { file?: unknown }).file === 'string' && typeof (v as { line?: unknown }).line === 'number',
    { message: 'expected a source location' },
  )
  .optional();

/**
 * The schema of what a builder returns: the `kind` it sets, the options (`shape`), the `ignore` of
 * checks every builder takes and the `source` of its call.
 */
export function definition<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z.strictObject({ kind: z.literal(kind), ...shape, ignore, source });
}

/** Optional plain-text settings, by name, in that order (a notifier's many fields). */
export function optionalText<const K extends string>(...names: K[]): Record<K, z.ZodOptional<z.ZodString>> {
  return Object.fromEntries(names.map((name) => [name, z.string().optional()])) as Record<K, z.ZodOptional<z.ZodString>>;
}

/** A string check whose message names the offending value. */
export function matching(test: (value: string) => boolean, message: (value: string) => string) {
  return z.string().superRefine((value, ctx) => {
    if (!test(value)) ctx.addIssue({ code: 'custom', message: message(value) });
  });
}

export const duration = matching(
  (s) => s !== '' && DURATION.test(s),
  (s) =>
    withHint(
      `invalid duration ${JSON.stringify(s)}`,
      'write a Prometheus duration: digits and units in decreasing order, no spaces, e.g. 30s, 5m, 1h30m',
    ),
);

export const metricName = matching(
  (s) => METRIC_NAME.test(s),
  (s) =>
    withHint(
      `invalid metric name ${JSON.stringify(s)}`,
      'metric names match [a-zA-Z_][a-zA-Z0-9_]* (colons are for recording rules), e.g. http_requests_total',
    ),
);

export const recordName = matching(
  (s) => RECORD_NAME.test(s),
  (s) => withHint(`invalid recording rule name ${JSON.stringify(s)}`, 'use level:metric:operations, e.g. job:http_errors:rate5m'),
);

export const labelName = matching(
  (s) => LABEL_NAME.test(s) && !s.startsWith('__'),
  (s) =>
    withHint(
      `invalid label name ${JSON.stringify(s)}`,
      'label names match [a-zA-Z_][a-zA-Z0-9_]* and must not start with __ (reserved)',
    ),
);

export const labelSet = z.record(labelName, z.string());

export const nonEmpty = z.string().min(1, { message: 'must not be empty' });

/** A method a builder put on its object (a handle's `select`, `toString`); the loader hands it over inert. */
export const method = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { message: 'expected the builder’s method' });
