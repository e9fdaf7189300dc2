/**
 * Output profiles: what shape `generate` writes the same definitions in. One project may have
 * several (`outputs: [files(), prometheusOperator({ namespace: 'monitoring' })]`); each profile
 * writes under a folder of its own in out/ (the files profile keeps its historical folders).
 */
import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';

/** Where and how a Kubernetes resource is written: its namespace, and labels/annotations added to every resource. */
export interface KubernetesMetadataOptions {
  /** The namespace of every resource (a DNS-1123 label: lowercase letters, digits, `-`). */
  namespace: string;
  /** Labels on every resource (e.g. what the Prometheus `ruleSelector` matches). `app.kubernetes.io/managed-by: totem-mon` is always added. */
  labels?: Readonly<Record<string, string>>;
  /** Annotations on every resource. */
  annotations?: Readonly<Record<string, string>>;
}

/** The plain files for one Prometheus, Alertmanager, Grafana and blackbox exporter (out/prometheus/, out/alertmanager/, …): the default. */
export interface FilesOutput {
  readonly kind: 'output';
  readonly profile: 'files';
  readonly source?: SourceRef;
}

/** A key of a Kubernetes Secret the user manages (never one totem-mon writes). */
export interface SecretKeyRef {
  name: string;
  key: string;
}

/** How the Alertmanager configuration reaches an operator-managed Alertmanager. */
export interface OperatorAlertmanagerOptions {
  /**
   * The Secret that holds alertmanager.yaml and the templates: the Alertmanager resource's
   * `spec.configSecret` (default `alertmanager-<project name>`). It holds no secret value.
   */
  configSecret?: string;
  /**
   * Where each `secretFile()` path lives in Kubernetes: `{ '/etc/alertmanager/secrets/smtp_password': { name: 'smtp', key: 'password' } }`.
   * The operator mounts the Secrets the Alertmanager resource lists in `spec.secrets` at
   * `/etc/alertmanager/secrets/<name>/<key>`, so a secretFile already written that way needs no entry.
   */
  secrets?: Readonly<Record<string, SecretKeyRef>>;
}

/** The Prometheus Operator's resources, under out/prometheus-operator/, with a kustomization.yaml listing them. */
export interface PrometheusOperatorOptions extends KubernetesMetadataOptions {
  /** The Alertmanager configuration as a Secret for `spec.configSecret` (written when the project has an alertmanager). */
  alertmanager?: OperatorAlertmanagerOptions;
  /**
   * What a scrape job that discovers Kubernetes endpoints (or endpoint slices) becomes: a `ScrapeConfig` (default, any
   * job), or a `ServiceMonitor` where its discovery and relabeling can be said as one (see the
   * README, "Output profiles"); any other job stays a ScrapeConfig whose header says why.
   */
  kubernetesJobsAs?: 'ScrapeConfig' | 'ServiceMonitor';
}

export interface PrometheusOperatorOutput extends Readonly<PrometheusOperatorOptions> {
  readonly kind: 'output';
  readonly profile: 'prometheus-operator';
  readonly source?: SourceRef;
}

/** The grafana-operator (v5) profile's options: which Grafana instances import the resources. */
export interface GrafanaOperatorOptions extends KubernetesMetadataOptions {
  /** The labels of the `Grafana` resources that import these (`spec.instanceSelector.matchLabels`), e.g. `{ dashboards: 'grafana' }`. */
  instanceSelector: Readonly<Record<string, string>>;
}

export interface GrafanaOperatorOutput extends Readonly<GrafanaOperatorOptions> {
  readonly kind: 'output';
  readonly profile: 'grafana-operator';
  readonly source?: SourceRef;
}

/** The Grafana sidecar profile's options (the Grafana Helm chart's `sidecar.dashboards` / `sidecar.datasources`). */
export interface GrafanaSidecarOptions extends KubernetesMetadataOptions {
  /** The annotation that names a dashboard's folder: the chart's `sidecar.dashboards.folderAnnotation` (default `grafana_folder`). */
  folderAnnotation?: string;
}

export interface GrafanaSidecarOutput extends Readonly<GrafanaSidecarOptions> {
  readonly kind: 'output';
  readonly profile: 'grafana-sidecar';
  readonly source?: SourceRef;
}

/** The Mimir ruler profile's options. */
export interface MimirOptions {
  /** The rule namespace every group goes in (default: the project's name). */
  namespace?: string;
}

export interface MimirOutput extends Readonly<MimirOptions> {
  readonly kind: 'output';
  readonly profile: 'mimir';
  readonly source?: SourceRef;
}

export interface ThanosOutput {
  readonly kind: 'output';
  readonly profile: 'thanos';
  readonly source?: SourceRef;
}

/** Every output profile `outputs` accepts. */
export type Output = FilesOutput | PrometheusOperatorOutput | GrafanaOperatorOutput | GrafanaSidecarOutput | MimirOutput | ThanosOutput;

/** The files profile: out/prometheus/, out/alertmanager/, out/grafana/, out/blackbox/ (what a project without `outputs` gets). */
export function files(): FilesOutput {
  return { kind: 'output', profile: 'files', source: captureSource() };
}

/**
 * The Prometheus Operator profile: one `PrometheusRule` (monitoring.coreos.com/v1) per rule group
 * in `namespace`, with `labels` for the Prometheus `ruleSelector`, and a `kustomization.yaml`.
 */
export function prometheusOperator(options: PrometheusOperatorOptions): PrometheusOperatorOutput {
  return { kind: 'output', profile: 'prometheus-operator', ...options, source: captureSource() };
}

/**
 * The grafana-operator (v5) profile, out/grafana-operator/: a `GrafanaDashboard` per dashboard, a
 * `GrafanaFolder` per folder and a `GrafanaDatasource` per data source (grafana.integreatly.org/v1beta1),
 * for the Grafana instances `instanceSelector` matches.
 */
export function grafanaOperator(options: GrafanaOperatorOptions): GrafanaOperatorOutput {
  return { kind: 'output', profile: 'grafana-operator', ...options, source: captureSource() };
}

/**
 * The Grafana sidecar profile, out/grafana-sidecar/: a ConfigMap per dashboard labelled
 * `grafana_dashboard: "1"` (its folder in an annotation) and one of data sources labelled
 * `grafana_datasource: "1"`, for the sidecars of the Grafana Helm chart.
 */
export function grafanaSidecar(options: GrafanaSidecarOptions): GrafanaSidecarOutput {
  return { kind: 'output', profile: 'grafana-sidecar', ...options, source: captureSource() };
}

/**
 * The Mimir ruler profile, out/mimir/<namespace>.yaml: the rule groups in mimirtool's file format
 * (`namespace:` and `groups:`, for `mimirtool rules load` or `sync`), with `source_tenants` on the
 * groups that set `sourceTenants` (federated rule groups).
 */
export function mimir(options: MimirOptions = {}): MimirOutput {
  return { kind: 'output', profile: 'mimir', ...options, source: captureSource() };
}

/** The Thanos ruler profile, out/thanos/rules/<group>.yml: rule files with `partial_response_strategy` where a group sets it. */
export function thanos(): ThanosOutput {
  return { kind: 'output', profile: 'thanos', source: captureSource() };
}
