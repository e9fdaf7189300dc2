import { z } from 'zod';
import { duration, nonEmpty, source } from './common.js';
import { withHint } from './hint.js';
import { DURATION } from '../../duration.js';
import { ignore } from './lint.js';
import { fieldOverride, link, repeat, transformation, valueMapping } from './panel-options.js';
import { variableSchema } from './variables.js';
import { defaultRefId } from '../ref-id.js';
import { grafanaColor } from './grafana-colors.js';
import { LEGACY_PANEL_TYPES } from './legacy-panels.js';

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
  exemplar: z.boolean().optional(),
  refId: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { message: withHint('invalid refId', 'use letters, digits and _, e.g. A or errors') }).optional(),
});

const gridInt = (min: number, max: number) => z.number().int().min(min).max(max);

const gridPos = z.strictObject({ x: gridInt(0, 23), y: gridInt(0, 10_000), w: gridInt(1, 24), h: gridInt(1, 1000) });

const PANEL_TYPES = ['timeseries', 'gauge', 'stat', 'table', 'bargauge', 'heatmap', 'histogram', 'piechart', 'state-timeline', 'status-history', 'text', 'logs', 'traces', 'sdk'] as const;

/** The message for an old (Angular) panel type Grafana no longer draws, or undefined. */
function legacyPanelType(type: unknown): string | undefined {
  if (typeof type !== 'string' || !Object.hasOwn(LEGACY_PANEL_TYPES, type)) return undefined;
  const use = LEGACY_PANEL_TYPES[type]!;
  return withHint(`panel type ${JSON.stringify(type)} is deprecated in Grafana`, `use ${use.helper} (type "${use.type}") instead`);
}

const panelType = z.enum(PANEL_TYPES, {
  error: (issue) => legacyPanelType(issue.input) ?? withHint(`unknown panel type ${JSON.stringify(issue.input)}`, `use one of ${PANEL_TYPES.join(', ')}`),
});

// Only the first step (the base colour) goes without a value; Grafana draws the steps in ascending order.
const thresholdSteps = z.array(z.strictObject({ value: z.number().optional(), color: grafanaColor })).superRefine((steps, ctx) => {
  steps.forEach((step, i) => {
    if (i === 0) return;
    if (step.value === undefined) {
      ctx.addIssue({ code: 'custom', path: [i, 'value'], message: withHint(`threshold step ${i + 1} has no value`, 'only the first step (the base colour) goes without a value: give this one the value it starts at') });
      return;
    }
    const previous = steps[i - 1]!.value;
    if (previous !== undefined && step.value <= previous) {
      ctx.addIssue({ code: 'custom', path: [i, 'value'], message: withHint(`threshold step ${i + 1} (${step.value}) is not above the step before it (${previous})`, 'write the steps in ascending order of value, each value once') });
    }
  });
});

/** min below max, where a panel or an override gives both. */
function minBelowMax(where: { min?: number | undefined; max?: number | undefined }, ctx: z.RefinementCtx, path: Array<string | number>): void {
  if (where.min !== undefined && where.max !== undefined && where.min >= where.max) {
    ctx.addIssue({ code: 'custom', path: [...path, 'max'], message: withHint(`max ${where.max} is not above min ${where.min}`, 'swap them, or leave one out so that Grafana takes it from the data') });
  }
}

const logs = z.strictObject({
  expr: nonEmpty,
  maxLines: z.number().int().positive().optional(),
  dedup: z.enum(['none', 'exact', 'numbers', 'signature']).optional(),
  wrap: z.boolean().optional(),
  order: z.enum(['newest', 'oldest']).optional(),
  showTime: z.boolean().optional(),
  showLabels: z.boolean().optional(),
  prettify: z.boolean().optional(),
});

// Jaeger's search durations: a number and a unit (`1.5s`, `500ms`, `200us`).
const jaegerDuration = z.string().regex(/^\d+(\.\d+)?(us|µs|ms|s|m|h)$/, { message: withHint('invalid Jaeger duration', 'a number and a unit, e.g. 1s, 500ms, 1.5s') });

const traces = z.union([
  z.strictObject({ traceql: nonEmpty, limit: z.number().int().positive().optional() }),
  z.strictObject({ traceId: nonEmpty }),
  z.strictObject({
    service: nonEmpty,
    operation: nonEmpty.optional(),
    minDuration: jaegerDuration.optional(),
    maxDuration: jaegerDuration.optional(),
    limit: z.number().int().positive().optional(),
  }),
]);

/** Which panel types carry which query: PromQL `targets`, `logs` or `traces`. */
const QUERY_FIELD = { logs: 'logs', traces: 'traces' } as const;

export const panelSchema = z.strictObject({
  kind: z.literal('panel'),
  type: panelType,
  title: nonEmpty,
  description: z.string().optional(),
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  decimals: z.number().int().min(0).max(10).optional(),
  thresholds: thresholdSteps.optional(),
  thresholdsMode: z.enum(['absolute', 'percentage']).optional(),
  legend: z
    .strictObject({
      show: z.boolean().optional(),
      placement: z.enum(['bottom', 'right']).optional(),
      mode: z.enum(['list', 'table']).optional(),
      calcs: z.array(z.string()).optional(),
    })
    .optional(),
  targets: z.array(target),
  gridPos: gridPos.optional(),
  width: gridInt(1, 24).optional(),
  height: gridInt(1, 1000).optional(),
  datasource: datasourceRef.optional(),
  stack: z.boolean().optional(),
  transparent: z.boolean().optional(),
  timeFrom: nonEmpty.optional(),
  mappings: z.array(valueMapping).optional(),
  overrides: z.array(fieldOverride).optional(),
  links: z.array(link).optional(),
  dataLinks: z.array(link).optional(),
  transformations: z.array(transformation).optional(),
  repeat: repeat.optional(),
  reduce: z.enum(['lastNotNull', 'last', 'mean', 'max', 'min', 'sum', 'count']).optional(),
  colorMode: z.enum(['value', 'background', 'none']).optional(),
  graphMode: z.enum(['area', 'none']).optional(),
  pieType: z.enum(['pie', 'donut']).optional(),
  content: z.string().optional(),
  mode: z.enum(['markdown', 'html']).optional(),
  plugin: z
    .strictObject({
      type: nonEmpty.superRefine((type, ctx) => {
        const legacy = legacyPanelType(type);
        if (legacy) ctx.addIssue({ code: 'custom', message: legacy });
      }),
      options: z.unknown().optional(),
      fieldConfig: z.unknown().optional(),
      transformations: z.array(z.unknown()).optional(),
    })
    .optional(),
  logs: logs.optional(),
  traces: traces.optional(),
  ignore,
  source,
}).superRefine((panel, ctx) => {
  minBelowMax(panel, ctx, []);
  panel.overrides?.forEach((o, i) => minBelowMax(o, ctx, ['overrides', i]));
  if ((panel.type === 'sdk') !== (panel.plugin !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['plugin'], message: withHint('plugin is for SDK panels only', 'build the panel with sdkPanel(…)') });
  }
  for (const [type, field] of Object.entries(QUERY_FIELD)) {
    if ((panel.type === type) !== (panel[field] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [field], message: withHint(`${field} is the query of ${type} panels only`, `build the panel with ${type}Panel(…)`) });
    }
  }
  if (panel.type === 'logs' || panel.type === 'traces') {
    if (panel.targets.length > 0) ctx.addIssue({ code: 'custom', path: ['targets'], message: withHint(`a ${panel.type} panel has no PromQL targets`, `give its query in ${panel.type === 'logs' ? 'expr' : 'query'}`) });
    return;
  }
  if (panel.type === 'text') {
    if (panel.content === undefined) ctx.addIssue({ code: 'custom', path: ['content'], message: withHint('text panel without content', 'give content: a Markdown text') });
    return;
  }
  // An SDK panel may query nothing (news, a welcome panel…).
  if (panel.targets.length === 0 && panel.type !== 'sdk') {
    ctx.addIssue({ code: 'custom', path: ['targets'], message: withHint('panel has no targets', 'give at least one { expr } in targets') });
  }
  // Queries are A, B, C… unless named; an override by query must name one of them, once.
  const refIds = panel.targets.map((t, i) => t.refId ?? defaultRefId(i));
  refIds.forEach((id, i) => {
    if (refIds.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['targets', i, 'refId'], message: withHint(`two queries are ${id}`, 'give each target its own refId') });
  });
  panel.overrides?.forEach((o, i) => {
    if ('query' in o.match && !refIds.includes(o.match.query)) {
      ctx.addIssue({
        code: 'custom',
        path: ['overrides', i, 'match', 'query'],
        message: withHint(`override for query ${o.match.query}, which the panel does not have`, `the panel's queries are ${refIds.join(', ')}`),
      });
    }
  });
});

export const rowSchema = z.strictObject({
  kind: z.literal('row'),
  title: nonEmpty,
  collapsed: z.boolean().optional(),
  repeat: repeat.pick({ variable: true }).optional(),
  panels: z.array(panelSchema),
  ignore,
  source,
});

const dashboardLink = z.union([link, z.strictObject({ title: nonEmpty, tags: z.array(nonEmpty), asDropdown: z.boolean().optional() })]);

const annotation = z.strictObject({
  name: nonEmpty,
  expr: nonEmpty,
  color: grafanaColor.optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  tags: z.array(nonEmpty).optional(),
  step: duration.optional(),
  enabled: z.boolean().optional(),
});

/** A dashboard folder: one folder name of out/grafana/dashboards/ (and a Grafana folder). */
export const FOLDER_NAME = /^(?![. ])[^/\\:*?"<>|\u0000-\u001f]+(?<![. ])$/;
export const FOLDER_NAME_HINT = 'a folder is one folder name: no / \\ : * ? " < > |, not starting or ending with a dot or a space';

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
  links: z.array(dashboardLink).optional(),
  annotations: z.array(annotation).optional(),
  folder: z
    .string()
    .regex(FOLDER_NAME, {
      message: withHint('invalid folder name', FOLDER_NAME_HINT),
    })
    .optional(),
  graphTooltip: z.enum(['none', 'crosshair', 'tooltip']).optional(),
  editable: z.boolean().optional(),
  timezone: nonEmpty.optional(),
  refreshIntervals: z.array(duration).optional(),
  variables: z.array(variableSchema).optional(),
  panels: z.array(z.discriminatedUnion('kind', [panelSchema, rowSchema])),
  ignore,
  source,
}).superRefine((d, ctx) => {
  // Grafana keeps one value per name: the second variable of a name would shadow the first.
  const names = (d.variables ?? []).map((v) => v.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) {
      ctx.addIssue({ code: 'custom', path: ['variables', i, 'name'], message: withHint(`two variables are named ${JSON.stringify(name)}`, 'give each variable of the dashboard its own name') });
    }
  });
});
