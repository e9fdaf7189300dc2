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
}

export interface PrometheusOperatorOutput extends Readonly<PrometheusOperatorOptions> {
  readonly kind: 'output';
  readonly profile: 'prometheus-operator';
  readonly source?: SourceRef;
}

/** Every output profile `outputs` accepts. */
export type Output = FilesOutput | PrometheusOperatorOutput;

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
