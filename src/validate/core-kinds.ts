/**
 * The two core kinds the profiles write (a Secret for the Alertmanager configuration, ConfigMaps for
 * the Grafana sidecar), which no CRD describes: their fields as the Kubernetes API defines them
 * (k8s.io/api core/v1), keys as the API server validates them (IsConfigMapKey).
 */
const dataKey = '^[-._a-zA-Z0-9]+$';
const stringMap = { type: 'object', propertyNames: { pattern: dataKey, maxLength: 253 }, additionalProperties: { type: 'string' } };
const metadata = { type: 'object' };

/** A core kind's schema: the fields every object has, and its own. */
function coreKind(fields: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', required: ['apiVersion', 'kind', 'metadata'], properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata, immutable: { type: 'boolean' }, ...fields } };
}

export const CORE_KINDS: Record<string, Record<string, unknown>> = {
  'v1 Secret': coreKind({ type: { type: 'string' }, data: stringMap, stringData: stringMap }),
  'v1 ConfigMap': coreKind({ data: stringMap, binaryData: stringMap }),
};
