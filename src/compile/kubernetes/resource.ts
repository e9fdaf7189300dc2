/**
 * Kubernetes resources as generated files: one resource per file, the generated-file header as a
 * YAML comment, metadata from the profile. Each file remembers the definition it came from, so
 * that findings about the resource (src/validate/kubernetes-schema.ts) point there.
 */
import type { Located } from '../../model/types.js';
import type { KubernetesMetadataModel } from '../../model/outputs.js';
import { compact, yamlFile, type OutputFile } from '../output.js';

export interface ResourceFile extends OutputFile {
  /** The resource's kind and name, as kustomize and kubectl name it. */
  resource: { kind: string; name: string };
  /** The definition the resource came from. */
  origin: Located;
  /** Definitions of parts of it, by JSON pointer into the resource (`/spec/groups/0/rules/2` → that rule): findings there point at them. */
  parts?: ResourcePart[];
}

export interface ResourcePart {
  pointer: string;
  origin: Located;
}

export interface ResourceInput {
  apiVersion: string;
  kind: string;
  name: string;
  /** Labels of this resource over the profile's (the Grafana sidecar's `grafana_dashboard: "1"`). */
  labels?: Record<string, string>;
  /** The resource's body after metadata: `spec`, `data`, `stringData`, … */
  body: Record<string, unknown>;
}

export function resourceFile(path: string, meta: KubernetesMetadataModel, input: ResourceInput, origin: Located, header: string[], parts?: ResourcePart[]): ResourceFile {
  const metadata = compact({
    name: input.name,
    namespace: meta.namespace,
    labels: { ...meta.labels, ...(input.labels ?? {}) },
    annotations: meta.annotations,
  });
  const value = { apiVersion: input.apiVersion, kind: input.kind, metadata, ...input.body };
  return { ...yamlFile(path, value, header), resource: { kind: input.kind, name: input.name }, origin, ...(parts && parts.length > 0 ? { parts } : {}) };
}

/** Whether a generated file is a Kubernetes resource (and so is checked against its kind's schema). */
export function isResourceFile(file: OutputFile): file is ResourceFile {
  return 'resource' in file && 'origin' in file;
}
