/**
 * The output profiles of the model (`outputs` in the project, default: the files profile alone).
 * The use cases pick the compilers by profile (src/app/outputs.ts).
 */
import type { OutputInput } from './schema/outputs.js';
import type { Located } from './types.js';
import { located } from './located.js';
import { isDns1123Subdomain, isSecretKey, resourceName } from './kubernetes-names.js';

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

/** Where the operator mounts the Secrets an Alertmanager resource lists in `spec.secrets`. */
export const OPERATOR_SECRETS_DIR = '/etc/alertmanager/secrets';
/** Where the operator mounts the Secrets a Prometheus resource lists in `spec.secrets` (scrape credentials). */
export const OPERATOR_PROMETHEUS_SECRETS_DIR = '/etc/prometheus/secrets';

export interface PrometheusOperatorOutputModel extends Located, KubernetesMetadataModel {
  profile: 'prometheus-operator';
  alertmanager: {
    /** The Secret holding alertmanager.yaml and the templates (`spec.configSecret`). */
    configSecret: string;
    /** secretFile paths mapped to the Secret keys that hold them. */
    secrets: Record<string, { name: string; key: string }>;
  };
  /** What a job discovering Kubernetes endpoints becomes (a ServiceMonitor only where one can say it). */
  kubernetesJobsAs: 'ScrapeConfig' | 'ServiceMonitor';
}

/**
 * The Secret key a secretFile path is in, for the operator: the profile's mapping, else the path's
 * own `/etc/alertmanager/secrets/<name>/<key>`; undefined when neither says.
 */
export function secretKeyOf(path: string, secrets: Readonly<Record<string, { name: string; key: string }>>, dir: string = OPERATOR_SECRETS_DIR): { name: string; key: string } | undefined {
  const mapped = secrets[path];
  if (mapped) return mapped;
  const match = new RegExp(`^${dir}/([^/]+)/([^/]+)$`).exec(path);
  return match && isDns1123Subdomain(match[1]!) && isSecretKey(match[2]!) ? { name: match[1]!, key: match[2]! } : undefined;
}

export interface GrafanaOperatorOutputModel extends Located, KubernetesMetadataModel {
  profile: 'grafana-operator';
  instanceSelector: Record<string, string>;
}

export interface GrafanaSidecarOutputModel extends Located, KubernetesMetadataModel {
  profile: 'grafana-sidecar';
  folderAnnotation: string;
}

export interface MimirOutputModel extends Located {
  profile: 'mimir';
  namespace: string;
}

export interface ThanosOutputModel extends Located {
  profile: 'thanos';
}

export type OutputModel = MimirOutputModel | ThanosOutputModel | FilesOutputModel | PrometheusOperatorOutputModel | GrafanaOperatorOutputModel | GrafanaSidecarOutputModel;
export type OutputProfile = OutputModel['profile'];

function metadata(input: { namespace: string; labels?: Readonly<Record<string, string>> | undefined; annotations?: Readonly<Record<string, string>> | undefined }): KubernetesMetadataModel {
  return { namespace: input.namespace, labels: { ...(input.labels ?? {}), ...MANAGED_BY }, annotations: { ...(input.annotations ?? {}) } };
}

export function buildOutputs(outputs: readonly OutputInput[] | undefined, projectName: string): OutputModel[] {
  if (outputs === undefined) return [{ profile: 'files', path: ['outputs', 'files'] }];
  return outputs.map((o): OutputModel => {
    const at = located(o, ['outputs', o.profile]);
    switch (o.profile) {
      case 'files':
        return { profile: 'files', ...at };
      case 'prometheus-operator':
        return {
          profile: 'prometheus-operator',
          ...metadata(o),
          alertmanager: { configSecret: o.alertmanager?.configSecret ?? `alertmanager-${resourceName(projectName)}`, secrets: { ...(o.alertmanager?.secrets ?? {}) } },
          kubernetesJobsAs: o.kubernetesJobsAs ?? 'ScrapeConfig',
          ...at,
        };
      case 'grafana-operator':
        return { profile: 'grafana-operator', ...metadata(o), instanceSelector: { ...o.instanceSelector }, ...at };
      case 'grafana-sidecar':
        return { profile: 'grafana-sidecar', ...metadata(o), folderAnnotation: o.folderAnnotation ?? 'grafana_folder', ...at };
      case 'mimir':
        return { profile: 'mimir', namespace: o.namespace ?? projectName, ...at };
      case 'thanos':
        return { profile: 'thanos', ...at };
    }
  });
}
