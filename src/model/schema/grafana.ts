import { z } from 'zod';
import { labelName, matching, nonEmpty } from './common.js';
import { DURATION } from '../../duration.js';
import { withHint } from './hint.js';

// Grafana's own rule for uids: letters, digits, - and _, at most 40.
const uid = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, {
  message: withHint('invalid data source uid', 'Grafana uids are 1 to 40 letters, digits, - or _'),
});

const urlOf = (example: string) =>
  z.string().regex(/^https?:\/\/[^\s/]+/, { message: withHint('invalid data source URL', `write the server as Grafana reaches it, e.g. ${example}`) });
const url = urlOf('http://prometheus:9090');

const connection = (example: string) => ({ name: nonEmpty.optional(), uid: uid.optional(), url: urlOf(example).optional() });

// Span attributes (`service.name`) → log labels (`service`).
const tags = z.record(nonEmpty, z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: withHint('invalid log label name', 'Loki label names are letters, digits and _, e.g. service') }));

// Grafana's time shifts: a duration, negative to reach back (`-1m`).
const shift = matching(
  (s) => s !== '' && s !== '-' && DURATION.test(s.replace(/^-/, '')),
  (s) => withHint(`invalid time shift ${JSON.stringify(s)}`, 'a duration, negative to reach back before the span, e.g. -1m, 30s'),
);

const traceToLogs = z.union([
  z.literal(false),
  z.strictObject({
    datasource: uid.optional(),
    tags: tags.optional(),
    filterByTraceId: z.boolean().optional(),
    filterBySpanId: z.boolean().optional(),
    spanStartTimeShift: shift.optional(),
    spanEndTimeShift: shift.optional(),
  }),
]);

const absolutePath = z.string().regex(/^\//, {
  message: withHint('provisioningPath must be an absolute path', 'the folder inside the Grafana host or container, e.g. /var/lib/grafana/dashboards/totem-mon'),
});

/** `grafana: { datasource, loki, tempo, jaeger, folder, provisioningPath, datasourceVariableLabel, schema, alertRules }` (config and project). */
export const grafanaSchema = z
  .strictObject({
    datasource: z
      .strictObject({
        name: nonEmpty.optional(),
        uid: uid.optional(),
        url: url.optional(),
        exemplars: z.union([z.literal(false), z.strictObject({ label: labelName.optional(), datasource: uid.optional() })]).optional(),
      })
      .optional(),
    loki: z
      .strictObject({
        ...connection('http://loki:3100'),
        maxLines: z.number().int().positive().optional(),
        traceLinks: z.union([z.literal(false), z.strictObject({ field: nonEmpty.optional(), datasource: uid.optional() })]).optional(),
      })
      .optional(),
    tempo: z.strictObject({ ...connection('http://tempo:3200'), traceToLogs: traceToLogs.optional(), serviceMap: z.boolean().optional() }).optional(),
    jaeger: z.strictObject({ ...connection('http://jaeger:16686'), traceToLogs: traceToLogs.optional() }).optional(),
    folder: nonEmpty.optional(),
    provisioningPath: absolutePath.optional(),
    datasourceVariableLabel: nonEmpty.optional(),
    schema: z.enum(['classic', 'v2']).optional(),
    alertRules: z.boolean().optional(),
  })
  .optional();

export type GrafanaInput = z.infer<typeof grafanaSchema>;
