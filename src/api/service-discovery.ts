/** Service discovery of a scrape job: where its targets come from besides a static list. */

/** What Kubernetes service discovery lists as targets. */
export type KubernetesRole = 'pod' | 'service' | 'endpoints' | 'endpointslice' | 'node';

/** `kubernetes_sd_configs`: targets from the Kubernetes API, with their `__meta_kubernetes_*` labels. */
export interface KubernetesSd {
  /** `pod`: each declared container port; `service`: each service port; `endpoints`/`endpointslice`: each endpoint of a service; `node`: each node's kubelet. */
  role: KubernetesRole;
  /** Namespaces to discover in (default: all; `node` is not namespaced). */
  namespaces?: readonly string[];
  /** Kubernetes label selector on the role's objects, e.g. `app=orders,tier!=cache`. */
  labelSelector?: string;
  /** Kubernetes field selector on the role's objects, e.g. `status.phase=Running`. */
  fieldSelector?: string;
  /** API server URL (default: in-cluster, from the pod's service account). */
  apiServer?: string;
}

/** `file_sd_configs`: target groups in JSON or YAML files, re-read when they change. */
export interface FileSd {
  /** File paths; the last element may hold a glob (`/etc/prometheus/targets/*.json`). */
  files: readonly string[];
  /** Re-read the files this often as well as on change (default 5m). */
  refreshInterval?: string;
}

/** `http_sd_configs`: target groups (the file SD format, as JSON) fetched from a URL. */
export interface HttpSd {
  /** The URL serving the target groups; it must not hold a secret (use `authorization` for that). */
  url: string;
  /** Fetch this often (default 1m). */
  refreshInterval?: string;
}
