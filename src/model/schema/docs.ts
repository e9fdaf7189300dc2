import { z } from 'zod';
import { matching, nonEmpty, source } from './common.js';
import { withHint } from './hint.js';
import { ignore } from './lint.js';

const httpUrl = (what: string) =>
  matching(
    (u) => /^https?:\/\/[^\s]+$/.test(u),
    (u) => withHint(`invalid ${what} ${JSON.stringify(u)}`, "give an absolute http(s) URL, e.g. 'https://grafana.example.com'"),
  );

const step = z.strictObject({ text: nonEmpty, command: nonEmpty.optional() });

export const troubleshootingSchema = z.strictObject({
  kind: z.literal('troubleshooting'),
  title: nonEmpty,
  steps: z.array(step).min(1, { message: 'a troubleshooting topic needs at least one step' }),
  alerts: z.array(nonEmpty).optional(),
  ignore,
  source,
});

export const checklistSchema = z.strictObject({
  kind: z.literal('checklist'),
  title: nonEmpty,
  items: z
    .array(
      z.strictObject({
        text: nonEmpty,
        dashboards: z.array(z.strictObject({ title: nonEmpty, uid: nonEmpty.optional() })),
        alerts: z.array(nonEmpty),
      }),
    )
    .min(1, { message: 'a checklist needs at least one item' }),
  ignore,
  source,
});

export const docsSchema = z.strictObject({
  runbookBase: httpUrl('runbookBase').optional(),
  grafanaUrl: httpUrl('grafanaUrl').optional(),
  alertmanagerUrl: httpUrl('alertmanagerUrl').optional(),
  troubleshooting: z.array(troubleshootingSchema).optional(),
  checklists: z.array(checklistSchema).optional(),
});

export type DocsInput = z.infer<typeof docsSchema>;
