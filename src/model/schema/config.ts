import { z } from 'zod';
import { nonEmpty, source } from './common.js';
import { grafanaSchema } from './grafana.js';
import { lintSchema } from './lint.js';
import { versionsSchema } from './versions.js';

/** The default export of totem-mon.config.ts (`defineConfig({ … })`). */
export const configSchema = z.strictObject({
  kind: z.literal('config'),
  source,
  definitions: nonEmpty.optional(),
  out: nonEmpty.optional(),
  grafana: grafanaSchema,
  lint: lintSchema,
  versions: versionsSchema,
});

export type ConfigInput = z.infer<typeof configSchema>;
