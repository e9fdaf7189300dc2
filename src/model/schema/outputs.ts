import { z } from 'zod';
import { source } from './common.js';
import { withHint } from './hint.js';
import { isDns1123Label, isLabelValue, isQualifiedName } from '../kubernetes-names.js';

const namespace = z.string().refine(isDns1123Label, {
  message: withHint('invalid Kubernetes namespace', 'a DNS-1123 label: at most 63 lowercase letters, digits and -, starting and ending with a letter or digit, e.g. monitoring'),
});

/** A label or annotation map whose keys Kubernetes accepts (zod's own key errors would not say which rule). */
function keyed<V extends z.ZodType<string>>(value: V) {
  return z.record(z.string(), value).superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      if (isQualifiedName(key)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: withHint(`invalid Kubernetes label or annotation key ${JSON.stringify(key)}`, 'an optional DNS prefix and /, then at most 63 letters, digits, -, _ or ., e.g. app.kubernetes.io/part-of or release'),
      });
    }
  });
}

const labelValue = z.string().refine(isLabelValue, {
  message: withHint('invalid Kubernetes label value', 'at most 63 letters, digits, -, _ or ., starting and ending with a letter or digit (or empty)'),
});

/** What every Kubernetes profile takes: the namespace, labels and annotations of its resources. */
export const kubernetesMetadata = {
  namespace,
  labels: keyed(labelValue).optional(),
  annotations: keyed(z.string()).optional(),
};

const files = z.strictObject({ kind: z.literal('output'), profile: z.literal('files'), source });
const prometheusOperator = z.strictObject({ kind: z.literal('output'), profile: z.literal('prometheus-operator'), ...kubernetesMetadata, source });

export const outputSchema = z.discriminatedUnion('profile', [files, prometheusOperator]);

/** `outputs: [files(), prometheusOperator({ … }), …]`: each profile at most once (they write to the same folders). */
export const outputsSchema = z
  .array(outputSchema)
  .superRefine((outputs, ctx) => {
    const seen = new Set<string>();
    outputs.forEach((o, i) => {
      if (seen.has(o.profile)) {
        ctx.addIssue({ code: 'custom', path: [i], message: withHint(`the ${o.profile} profile is listed twice`, 'list each profile once: both would write the same files') });
      }
      seen.add(o.profile);
    });
    if (outputs.length === 0) ctx.addIssue({ code: 'custom', message: withHint('outputs is empty: nothing would be generated', 'list at least one profile, e.g. outputs: [files()], or leave outputs out') });
  })
  .optional();

export type OutputInput = z.infer<typeof outputSchema>;
