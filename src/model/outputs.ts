/**
 * The output profiles of the model (`outputs` in the project, default: the files profile alone).
 * The use cases pick the compilers by profile (src/app/outputs.ts).
 */
import type { OutputInput } from './schema/outputs.js';
import type { Located } from './types.js';
import { located } from './located.js';

/** Always on every generated Kubernetes resource, after the user's labels. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'totem-mon' } as const;

/** The metadata every resource of a Kubernetes profile gets. */
export interface KubernetesMetadataModel {
  namespace: string;
  /** The user's labels, then MANAGED_BY. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface FilesOutputModel extends Located {
  profile: 'files';
}

export interface PrometheusOperatorOutputModel extends Located, KubernetesMetadataModel {
  profile: 'prometheus-operator';
}

export type OutputModel = FilesOutputModel | PrometheusOperatorOutputModel;
export type OutputProfile = OutputModel['profile'];

function metadata(input: { namespace: string; labels?: Readonly<Record<string, string>> | undefined; annotations?: Readonly<Record<string, string>> | undefined }): KubernetesMetadataModel {
  return { namespace: input.namespace, labels: { ...(input.labels ?? {}), ...MANAGED_BY }, annotations: { ...(input.annotations ?? {}) } };
}

export function buildOutputs(outputs: readonly OutputInput[] | undefined): OutputModel[] {
  if (outputs === undefined) return [{ profile: 'files', path: ['outputs', 'files'] }];
  return outputs.map((o): OutputModel => {
    const at = located(o, ['outputs', o.profile]);
    switch (o.profile) {
      case 'files':
        return { profile: 'files', ...at };
      case 'prometheus-operator':
        return { profile: 'prometheus-operator', ...metadata(o), ...at };
    }
  });
}
