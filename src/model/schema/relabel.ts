/**
 * Relabeling rules: one shape per action (the API's RelabelRule union). What an action needs or
 * refuses is first checked on the raw rule, with Prometheus's own reasons (model/relabel/relabel.go,
 * `Config.Validate`) and the field to write, so that a mistake reads as what it is rather than as
 * "no union member matched".
 */
import { z } from 'zod';
import { nonEmpty } from './common.js';
import { withHint } from './hint.js';
import { isObject } from './alertmanager-secrets.js';
import { RELABEL_ACTIONS } from '../scrape-facts.js';

const sourceLabels = z.array(nonEmpty).min(1);
const from = { sourceLabels, separator: z.string().optional() };

const replace = z.strictObject({
  action: z.literal('replace').optional(),
  sourceLabels: sourceLabels.optional(),
  separator: z.string().optional(),
  regex: z.string().optional(),
  targetLabel: nonEmpty,
  replacement: z.string().optional(),
});
const keepDrop = z.strictObject({ action: z.enum(['keep', 'drop']), ...from, regex: z.string() });
const keepDropEqual = z.strictObject({ action: z.enum(['keepequal', 'dropequal']), ...from, targetLabel: nonEmpty });
const changeCase = z.strictObject({ action: z.enum(['lowercase', 'uppercase']), ...from, targetLabel: nonEmpty });
const hashmod = z.strictObject({ action: z.literal('hashmod'), ...from, modulus: z.number().int().positive(), targetLabel: nonEmpty });
const labelmap = z.strictObject({ action: z.literal('labelmap'), regex: z.string(), replacement: z.string().optional() });
const labelDropKeep = z.strictObject({ action: z.enum(['labeldrop', 'labelkeep']), regex: z.string() });

type Action = (typeof RELABEL_ACTIONS)[number];
type Field = 'sourceLabels' | 'separator' | 'regex' | 'targetLabel' | 'replacement' | 'modulus';

/** The fields each action needs, and the ones it may take besides. */
const FIELDS: Record<Action, { needs: Field[]; may: Field[] }> = {
  replace: { needs: ['targetLabel'], may: ['sourceLabels', 'separator', 'regex', 'replacement'] },
  keep: { needs: ['sourceLabels', 'regex'], may: ['separator'] },
  drop: { needs: ['sourceLabels', 'regex'], may: ['separator'] },
  keepequal: { needs: ['sourceLabels', 'targetLabel'], may: ['separator'] },
  dropequal: { needs: ['sourceLabels', 'targetLabel'], may: ['separator'] },
  lowercase: { needs: ['sourceLabels', 'targetLabel'], may: ['separator'] },
  uppercase: { needs: ['sourceLabels', 'targetLabel'], may: ['separator'] },
  hashmod: { needs: ['sourceLabels', 'targetLabel', 'modulus'], may: ['separator'] },
  labelmap: { needs: ['regex'], may: ['replacement'] },
  labeldrop: { needs: ['regex'], may: [] },
  labelkeep: { needs: ['regex'], may: [] },
};

/** Why Prometheus needs the field, for the message. */
const WHY: Partial<Record<Field, string>> = {
  targetLabel: 'the label it writes',
  sourceLabels: 'the labels it reads',
  regex: 'what it matches',
  modulus: 'the number of shards, not 0',
};

function checkRule(raw: unknown, ctx: z.RefinementCtx, path: (string | number)[]): void {
  if (!isObject(raw)) return;
  const action = (raw['action'] ?? 'replace') as Action;
  const fields = FIELDS[action];
  if (fields === undefined) return; // an unknown action: the shape check names the valid ones
  const written = Object.keys(raw).filter((k) => k !== 'action');
  for (const field of fields.needs) {
    if (raw[field] !== undefined) continue;
    ctx.addIssue({
      code: 'custom',
      path: [...path, field],
      message: withHint(
        `relabel action ${action} requires ${field} (${WHY[field] ?? field}); Prometheus refuses the rule without it`,
        action === 'replace' ? "e.g. { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' }" : `write ${field} in the rule`,
      ),
    });
  }
  for (const field of written) {
    if ((fields.needs as string[]).includes(field) || (fields.may as string[]).includes(field)) continue;
    if (!['sourceLabels', 'separator', 'regex', 'targetLabel', 'replacement', 'modulus'].includes(field)) continue;
    ctx.addIssue({
      code: 'custom',
      path: [...path, field],
      message: withHint(
        `relabel action ${action} does not take ${field}; Prometheus refuses the rule`,
        `${action} takes ${[...fields.needs, ...fields.may].join(', ')}`,
      ),
    });
  }
}

/** zod refinement over a raw relabel list: one issue per missing or refused field. */
function checkRules(raw: unknown, ctx: z.RefinementCtx): void {
  if (Array.isArray(raw)) raw.forEach((rule, i) => checkRule(rule, ctx, [i]));
}

const relabelRule = z.union([replace, keepDrop, keepDropEqual, changeCase, hashmod, labelmap, labelDropKeep]);

/** `relabel` / `metricRelabel` of a scrape job. */
export const relabelRules = z.unknown().superRefine(checkRules).pipe(z.array(relabelRule));

export type RelabelRuleInput = z.infer<typeof relabelRule>;
