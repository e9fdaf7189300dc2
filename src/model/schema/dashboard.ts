import { z } from 'zod';
import { labelName, nonEmpty, source } from './common.js';
import { withHint } from './hint.js';
import { DURATION } from '../names.js';
import { ignore } from './lint.js';

// Its output type is the API's (src/api/dashboard.ts, panels.ts), checked at compile time by
// test/types/dashboard-shapes.ts: a field added on one side only fails the typecheck.
// The uid is checked by the `dashboard/uid` check (with its own messages), not here.

const datasourceRef = z.strictObject({ type: nonEmpty, uid: nonEmpty });

const target = z.strictObject({
  expr: nonEmpty,
  legendFormat: z.string().optional(),
  instant: z.boolean().optional(),
  format: z.enum(['time_series', 'table', 'heatmap']).optional(),
  datasource: datasourceRef.optional(),
});

const gridInt = (min: number, max: number) => z.number().int().min(min).max(max);

const gridPos = z.strictObject({ x: gridInt(0, 23), y: gridInt(0, 10_000), w: gridInt(1, 24), h: gridInt(1, 1000) });

const panelType = z.enum(['timeseries', 'gauge', 'stat', 'table', 'bargauge', 'heatmap'], {
  error: (issue) =>
    issue.input === 'graph'
      ? withHint('panel type "graph" is deprecated in Grafana', 'use timeseriesPanel(…) (type "timeseries") instead')
      : withHint(`unknown panel type ${JSON.stringify(issue.input)}`, 'use timeseries, gauge, stat, table, bargauge or heatmap'),
});

export const panelSchema = z.strictObject({
  kind: z.literal('panel'),
  type: panelType,
  title: nonEmpty,
  description: z.string().optional(),
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  decimals: z.number().int().min(0).max(10).optional(),
  thresholds: z.array(z.strictObject({ value: z.number().optional(), color: nonEmpty })).optional(),
  thresholdsMode: z.enum(['absolute', 'percentage']).optional(),
  legend: z
    .strictObject({
      show: z.boolean().optional(),
      placement: z.enum(['bottom', 'right']).optional(),
      mode: z.enum(['list', 'table']).optional(),
      calcs: z.array(z.string()).optional(),
    })
    .optional(),
  targets: z.array(target).min(1, { message: withHint('panel has no targets', 'give at least one { expr } in targets') }),
  gridPos: gridPos.optional(),
  width: gridInt(1, 24).optional(),
  height: gridInt(1, 1000).optional(),
  datasource: datasourceRef.optional(),
  stack: z.boolean().optional(),
  ignore,
  source,
});

export const rowSchema = z.strictObject({
  kind: z.literal('row'),
  title: nonEmpty,
  collapsed: z.boolean().optional(),
  panels: z.array(panelSchema),
  ignore,
  source,
});

export const variableSchema = z.strictObject({
  kind: z.literal('variable'),
  name: labelName.refine((n) => n !== 'datasource', {
    message: withHint('the variable "datasource" is always there', 'remove it from variables'),
  }),
  label: labelName,
  metric: z.string().optional(),
  title: z.string().optional(),
  multi: z.boolean().optional(),
  includeAll: z.boolean().optional(),
  ignore,
  source,
});

const link = z.union([
  z.strictObject({ title: nonEmpty, url: nonEmpty, tooltip: z.string().optional(), targetBlank: z.boolean().optional() }),
  z.strictObject({ title: nonEmpty, tags: z.array(nonEmpty), asDropdown: z.boolean().optional() }),
]);

export const dashboardSchema = z.strictObject({
  kind: z.literal('dashboard'),
  title: nonEmpty,
  uid: z.string().optional(),
  tags: z.array(nonEmpty).optional(),
  description: z.string().optional(),
  time: z.strictObject({ from: nonEmpty, to: nonEmpty }).optional(),
  refresh: z
    .string()
    .refine((s) => s === '' || DURATION.test(s), {
      message: withHint('invalid refresh interval', 'write a duration such as 30s or 1m, or "" for no auto-refresh'),
    })
    .optional(),
  links: z.array(link).optional(),
  variables: z.array(variableSchema).optional(),
  panels: z.array(z.discriminatedUnion('kind', [panelSchema, rowSchema])),
  ignore,
  source,
});
