import { z } from 'zod';
import { nonEmpty } from './common.js';
import { withHint } from './hint.js';

// Grafana's own rule for uids: letters, digits, - and _, at most 40.
const uid = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, {
  message: withHint('invalid data source uid', 'Grafana uids are 1 to 40 letters, digits, - or _'),
});

const url = z.string().regex(/^https?:\/\/[^\s/]+/, {
  message: withHint('invalid data source URL', 'write Prometheus as Grafana reaches it, e.g. http://prometheus:9090'),
});

const absolutePath = z.string().regex(/^\//, {
  message: withHint('provisioningPath must be an absolute path', 'the folder inside the Grafana host or container, e.g. /var/lib/grafana/dashboards/totem-mon'),
});

/** `grafana: { datasource: { name, uid, url }, folder, provisioningPath, datasourceVariableLabel }` (config and project). */
export const grafanaSchema = z
  .strictObject({
    datasource: z.strictObject({ name: nonEmpty.optional(), uid: uid.optional(), url: url.optional() }).optional(),
    folder: nonEmpty.optional(),
    provisioningPath: absolutePath.optional(),
    datasourceVariableLabel: nonEmpty.optional(),
  })
  .optional();

export type GrafanaInput = z.infer<typeof grafanaSchema>;
