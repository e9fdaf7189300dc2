import { z } from 'zod';
import { duration, labelName, nonEmpty, source } from './common.js';
import { withHint } from './hint.js';
import { ignore } from './lint.js';

// Dashboard variables (src/api/variables.ts), by `type`.

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

/**
 * A variable's regex as Grafana reads it (stringToJsRegex in grafana-data): `/…/flags` or a bare
 * pattern (anchored), a JavaScript regex either way. Variables in it are filled in first: a stand-in here.
 */
export function variableRegexError(text: string): string | undefined {
  const filled = text.replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*|\[\[[^\]]*\]\]/g, 'x');
  let pattern = filled;
  let flags = '';
  if (filled.startsWith('/')) {
    const m = /^\/(.*?)\/(g?i?m?y?s?)$/.exec(filled);
    if (!m) return 'it starts with / but does not end with / and flags (g, i, m, y, s in this order)';
    pattern = m[1]!;
    flags = m[2]!;
  }
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

const variableRegex = z.string().superRefine((text, ctx) => {
  const error = variableRegexError(text);
  if (error !== undefined) {
    ctx.addIssue({ code: 'custom', message: withHint(`invalid regex ${JSON.stringify(text)}: ${error}`, 'write a JavaScript regex, /…/ with optional flags (e.g. /^api-(.*)$/i) or without the slashes') });
  }
});

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
    regex: variableRegex.optional(),
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
