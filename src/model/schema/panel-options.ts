import { z } from 'zod';
import { nonEmpty } from './common.js';
import { withHint } from './hint.js';
import { variableSchema } from './variables.js';
import { grafanaColor } from './grafana-colors.js';

// What a panel says beyond its queries (src/api/panel-options.ts).

const result = { text: z.string(), color: nonEmpty.optional() };

export const valueMapping = z.union([
  z.strictObject({ value: z.union([z.string(), z.number()]), ...result }),
  z.strictObject({ from: z.number().optional(), to: z.number().optional(), ...result }),
  z.strictObject({ regex: nonEmpty, ...result }),
  z.strictObject({ special: z.enum(['null', 'nan', 'null+nan', 'true', 'false', 'empty']), ...result }),
// The colour is checked after the union (inside, a bad colour would only say that no form fits).
]).superRefine((mapping, ctx) => {
  const checked = grafanaColor.optional().safeParse(mapping.color);
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: ['color'], message: issue.message });
});

const fieldSettings = {
  unit: z.string().optional(),
  displayName: z.string().optional(),
  color: grafanaColor.optional(),
  decimals: z.number().int().min(0).max(10).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  mappings: z.array(valueMapping).optional(),
  custom: z.record(nonEmpty, z.union([z.string(), z.number(), z.boolean()])).optional(),
};

export const fieldOverride = z.strictObject({
  match: z.union([z.strictObject({ name: nonEmpty }), z.strictObject({ regex: nonEmpty }), z.strictObject({ query: nonEmpty })]),
  ...fieldSettings,
});

const url = z.string().min(1, {
  message: withHint('link without a url', 'give it a url; a runbookLink needs the alert to have a runbook_url annotation'),
});

export const link = z.union([
  z.strictObject({ title: nonEmpty, url, tooltip: z.string().optional(), targetBlank: z.boolean().optional() }),
  z.strictObject({
    title: nonEmpty,
    dashboard: z.strictObject({ title: nonEmpty, uid: nonEmpty.optional() }),
    tooltip: z.string().optional(),
    keepTime: z.boolean().optional(),
    includeVars: z.boolean().optional(),
  }),
]);

export const transformation = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('merge') }),
  z.strictObject({ type: z.literal('filterByName'), names: z.array(nonEmpty).optional(), pattern: nonEmpty.optional() }),
  z.strictObject({
    type: z.literal('organize'),
    exclude: z.array(nonEmpty).optional(),
    rename: z.record(nonEmpty, z.string()).optional(),
    order: z.array(nonEmpty).optional(),
  }),
]);

export const repeat = z.strictObject({
  variable: variableSchema,
  direction: z.enum(['horizontal', 'vertical']).optional(),
  maxPerRow: z.number().int().min(1).max(24).optional(),
});
