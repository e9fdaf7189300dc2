import { z } from 'zod';
import { withHint } from './hint.js';
import { kubernetesNameProblem, labelSelectorNames, type KubernetesNameKind } from '../kubernetes-names.js';

/** A string that must be a valid Kubernetes name of that kind (namespace, label value, …), said by kubernetesNameProblem. */
export function kubernetesName(kind: KubernetesNameKind) {
  return z.string().superRefine((name, ctx) => {
    const problem = kubernetesNameProblem(kind, name);
    if (problem) ctx.addIssue({ code: 'custom', message: withHint(problem.message, problem.hint) });
  });
}

/** A label or annotation map whose keys (and, for labels, values) Kubernetes accepts, each bad one at its key. */
export function kubernetesLabels<V extends z.ZodType<string>>(value: V) {
  return z.record(z.string(), value).superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      const problem = kubernetesNameProblem('label or annotation key', key);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: withHint(problem.message, problem.hint) });
    }
  });
}

/** A Kubernetes label selector string (`app=shop,tier in (web,api)`): its keys and values valid ones. */
export const kubernetesLabelSelector = z.string().min(1, { message: 'must not be empty' }).superRefine((selector, ctx) => {
  // A text this reading does not understand is left to promtool and the API server.
  for (const { kind, name } of labelSelectorNames(selector) ?? []) {
    const problem = kubernetesNameProblem(kind, name);
    if (problem) ctx.addIssue({ code: 'custom', message: withHint(`label selector ${JSON.stringify(selector)}: ${problem.message}`, problem.hint) });
  }
});
