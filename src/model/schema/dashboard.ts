import { z } from 'zod';
import { duration, labelName, nonEmpty, source } from './common.js';
import { withHint } from './hint.js';
import { DURATION } from '../names.js';
import { ignore } from './lint.js';

// Its output type is the API's (src/api/dashboard.ts, panels.ts), checked at compile time by
// test/types/schema-shapes.ts: a field added on one side only fails the typecheck.
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

const variableName = labelName.refine((n) => n !== 'datasource', {
  message: withHint('the variable "datasource" is always there', 'remove it from variables'),
});

const variableBase = {
  kind: z.literal('variable'),
  name: variableName,
  title: z.string().optional(),
  description: z.string().optional(),
  hide: z.enum(['label', 'variable']).optional(),
  ignore,
  source,
};

const choice = { multi: z.boolean().optional(), includeAll: z.boolean().optional() };
const sort = z.enum(['none', 'alphabetical', 'alphabetical-desc', 'numerical', 'numerical-desc', 'natural']).optional();

const queryVariable = z
  .strictObject({
    ...variableBase,
    ...choice,
    type: z.literal('query'),
    label: labelName.optional(),
    metric: z.string().optional(),
    selector: z.string().optional(),
    query: nonEmpty.optional(),
    sort,
    regex: z.string().optional(),
  })
  .refine((v) => (v.query === undefined) !== (v.label === undefined), {
    message: withHint('a query variable lists a label or runs a query', 'use labelVariable({ name, metric, label? }) or queryVariable({ name, query })'),
  });

const customVariable = z.strictObject({
  ...variableBase,
  ...choice,
  type: z.literal('custom'),
  values: z
    .array(z.union([nonEmpty, z.strictObject({ text: nonEmpty, value: nonEmpty })]))
    .min(1, { message: withHint('a custom variable without values', 'give values: [\'a\', \'b\']') }),
  current: z.string().optional(),
});

const intervalVariable = z.strictObject({
  ...variableBase,
  type: z.literal('interval'),
  values: z.array(duration).min(1, { message: withHint('an interval variable without values', "give values: ['1m', '5m', '1h']") }),
  current: z.string().optional(),
});

const constantVariable = z.strictObject({ ...variableBase, type: z.literal('constant'), value: z.string() });
const textVariable = z.strictObject({ ...variableBase, type: z.literal('textbox'), value: z.string().optional() });
const adHocVariable = z.strictObject({ ...variableBase, type: z.literal('adhoc') });

export const variableSchema = z.discriminatedUnion('type', [queryVariable, customVariable, intervalVariable, constantVariable, textVariable, adHocVariable]);

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
