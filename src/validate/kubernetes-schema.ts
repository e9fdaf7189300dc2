/**
 * Generated Kubernetes resources against the real CRDs of the operators that read them
 * (schemas/k8s-crds/, unchanged upstream files): each kind's `openAPIV3Schema`, checked with ajv
 * the way an API server with strict field validation would (`kubectl apply --validate=strict`):
 * an unknown field is an error unless the schema preserves unknown fields, and metadata follows
 * Kubernetes' name and label rules (the CRDs leave `metadata` to the API server).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { UsageError, type Diagnostic } from '../diagnostic.js';
import type { OutputFile } from '../compile/output.js';
import { isResourceFile, type ResourceFile } from '../compile/kubernetes/resource.js';
import { isQualifiedName, kubernetesNameProblem, type KubernetesNameKind } from '../model/kubernetes-names.js';
import { locatedAt } from '../model/located.js';
import { repositoryFile } from '../own-files.js';
import { CORE_KINDS } from './core-kinds.js';

export const KUBERNETES_SCHEMA_ID = 'kubernetes/schema';

/** The CRDs shipped with totem-mon (schemas/k8s-crds/). */
export const SHIPPED_CRDS = fileURLToPath(repositoryFile('schemas/k8s-crds'));

/** A folder of other CRDs to check against (the ones your cluster runs), instead of the shipped ones. */
export const CRDS_ENV = 'TOTEM_MON_KUBERNETES_CRDS';

/** One kind's schema, by `<apiVersion> <kind>` (`monitoring.coreos.com/v1 PrometheusRule`). */
interface CrdVersion {
  file: string;
  schema: Record<string, unknown>;
}

/** The most the API server stores for one object (etcd's request limit, as Kubernetes sets it). */
const MAX_OBJECT_BYTES = 1024 * 1024;

/** A violation inside a resource: where (a JSON pointer) and what. */
export interface SchemaViolation {
  pointer: string;
  message: string;
}

/**
 * The schemas of every CRD in a folder (`*.yaml`, each a CustomResourceDefinition), read once.
 * Compiled lazily per kind: the prometheus-operator CRDs are large and most projects use few kinds.
 */
export class CrdSchemas {
  private readonly versions = new Map<string, CrdVersion>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({
    allErrors: true,
    strict: false, // the x-kubernetes-* keywords are the API server's, not JSON Schema's
    validateFormats: false, // Kubernetes' formats (int32, int-or-string, …) are not JSON Schema's
    code: { regExp: goRegExp },
  });

  /** Each CRD file's text, read once; parsed only when a resource of a kind it may hold is checked. */
  private readonly texts: { name: string; text: string; parsed: boolean }[];

  constructor(readonly dir: string) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`the CRD folder ${dir} does not exist`, 2, `point ${CRDS_ENV} at a folder of CustomResourceDefinition files, or unset it to use the ones totem-mon ships`);
    }
    for (const [key, schema] of Object.entries(CORE_KINDS)) this.versions.set(key, { file: 'Kubernetes core/v1', schema });
    this.texts = readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8'), parsed: false }));
  }

  /** Parses the CRD files that may define `group`'s `kind` (the large ones are parsed only when needed). */
  private load(group: string, kind: string): void {
    const mayDefine = new RegExp(`\\bkind: ${kind.replace(/[^A-Za-z0-9]/g, '')}\\s*$`, 'm');
    for (const entry of this.texts) if (entry.text.includes(`group: ${group}`) && mayDefine.test(entry.text)) this.parse(entry);
  }

  private parse(entry: { name: string; text: string; parsed: boolean }): void {
    if (entry.parsed) return;
    entry.parsed = true;
    for (const doc of parseAllDocuments(entry.text)) {
      const crd = doc.toJS() as Crd | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        if (version.schema?.openAPIV3Schema) {
          this.versions.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, { file: entry.name, schema: version.schema.openAPIV3Schema });
        }
      }
    }
  }

  /** The kinds known, as `<apiVersion> <kind>` (every file parsed). */
  kinds(): string[] {
    for (const entry of this.texts) this.parse(entry);
    return [...this.versions.keys()].sort();
  }

  /** Every way a resource (a parsed manifest) departs from its kind's schema; one violation if the kind is unknown. */
  check(resource: unknown): SchemaViolation[] {
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) return [{ pointer: '', message: 'is not a Kubernetes resource (an object with apiVersion, kind and metadata)' }];
    const { apiVersion, kind } = resource as { apiVersion?: unknown; kind?: unknown };
    const key = `${String(apiVersion)} ${String(kind)}`;
    if (!this.versions.has(key) && typeof apiVersion === 'string' && typeof kind === 'string') this.load(apiVersion.split('/')[0]!, kind);
    const version = this.versions.get(key);
    if (!version) return [{ pointer: '', message: `${key} is not a kind of the CRDs in ${this.dir} (known: ${this.kinds().join(', ')})` }];
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(strictSchema(version.schema));
      this.compiled.set(key, validate);
    }
    const errors = validate(resource) ? [] : (validate.errors ?? []).filter((e) => e.keyword !== 'propertyNames'); // its cause is reported with the key
    const violations = errors.map(violation).map((v) => ({ ...v, message: `${v.message} (${version.file})` }));
    const size = Buffer.byteLength(JSON.stringify(resource));
    const tooLarge = size > MAX_OBJECT_BYTES ? [{ pointer: '', message: `is ${size} bytes: the API server stores at most ${MAX_OBJECT_BYTES} (1 MiB) per object` }] : [];
    return [...violations, ...metadataViolations((resource as { metadata?: unknown }).metadata), ...specNameViolations(resource, '', []), ...tooLarge];
  }
}

interface Crd {
  kind: string;
  spec: { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema?: Record<string, unknown> } }[] };
}

/**
 * Go's RE2 patterns as JavaScript regular expressions: the CRDs use the inline flag `(?i)`, which
 * JavaScript refuses; it becomes the `i` flag (RE2 allows it only at the start in these schemas).
 */
function goRegExp(pattern: string, flags: string): RegExp {
  const insensitive = pattern.includes('(?i)');
  return new RegExp(pattern.replaceAll('(?i)', ''), insensitive ? `${flags}i` : flags);
}
goRegExp.code = 'goRegExp';

/**
 * The schema as strict field validation applies it: an object schema that lists its properties
 * and neither preserves unknown fields nor says what other fields may hold refuses other fields.
 */
function strictSchema(node: unknown): Record<string, unknown> {
  if (Array.isArray(node)) return node.map(strictSchema) as unknown as Record<string, unknown>;
  if (typeof node !== 'object' || node === null) return node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // `properties` maps field names to schemas: the names are not keywords.
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strictSchema(v)])) : strictSchema(value);
  }
  const open = out['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in out;
  if (out['type'] === 'object' && out['properties'] !== undefined && !open) out['additionalProperties'] = false;
  return out;
}

function violation(error: ErrorObject): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  if (error.propertyName !== undefined) {
    return { pointer: `${error.instancePath}/${error.propertyName}`, message: `key ${JSON.stringify(error.propertyName)} ${error.message ?? 'is not allowed'}` };
  }
  if (error.keyword === 'additionalProperties') {
    return { pointer: `${error.instancePath}/${String(params['additionalProperty'])}`, message: `unknown field ${JSON.stringify(params['additionalProperty'])}` };
  }
  if (error.keyword === 'enum') {
    return { pointer: error.instancePath, message: `${error.message ?? 'is not allowed'}: ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { pointer: error.instancePath, message: error.message ?? error.keyword };
}

/** The API server's own rules for metadata, which no CRD schema states. */
function metadataViolations(metadata: unknown): SchemaViolation[] {
  if (typeof metadata !== 'object' || metadata === null) return [{ pointer: '/metadata', message: 'metadata is missing' }];
  const found: SchemaViolation[] = [];
  const { name, namespace, labels, annotations, ...rest } = metadata as Record<string, unknown>;
  found.push(...nameViolations('resource name', name, '/metadata/name'));
  if (namespace !== undefined) found.push(...nameViolations('namespace', namespace, '/metadata/namespace'));
  if (labels !== undefined) found.push(...labelSetViolations(labels, '/metadata/labels'));
  if (annotations !== undefined) {
    const bad = typeof annotations === 'object' && annotations !== null ? Object.entries(annotations).find(([k, v]) => !isQualifiedName(k) || typeof v !== 'string') : ['', undefined];
    if (bad) found.push({ pointer: '/metadata/annotations', message: `annotation ${JSON.stringify(bad[0])} is not a qualified name with a string value` });
  }
  for (const field of Object.keys(rest)) found.push({ pointer: `/metadata/${field}`, message: `unexpected metadata field ${JSON.stringify(field)} in a generated resource` });
  return found;
}

function nameViolations(kind: KubernetesNameKind, name: unknown, pointer: string): SchemaViolation[] {
  const problem = typeof name === 'string' ? kubernetesNameProblem(kind, name) : { message: `${kind} ${JSON.stringify(name)} is not a string` };
  return problem ? [{ pointer, message: problem.message }] : [];
}

function labelSetViolations(labels: unknown, pointer: string): SchemaViolation[] {
  if (typeof labels !== 'object' || labels === null || !Object.values(labels).every((v) => typeof v === 'string')) return [{ pointer, message: 'labels must map keys to strings' }];
  return Object.entries(labels as Record<string, string>).flatMap(([key, value]) => [
    ...nameViolations('label or annotation key', key, `${pointer}/${escapePointer(key)}`),
    ...nameViolations('label value', value, `${pointer}/${escapePointer(key)}`),
  ]);
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * The Kubernetes names inside a spec that no CRD schema constrains (the API server takes them, and
 * the selector then matches nothing): namespaceSelector.matchNames, a discovery's namespaces.names,
 * the keys and values of matchLabels and matchExpressions. Wherever they appear in the resource.
 */
function specNameViolations(node: unknown, pointer: string, found: SchemaViolation[]): SchemaViolation[] {
  if (Array.isArray(node)) {
    node.forEach((item, i) => specNameViolations(item, `${pointer}/${i}`, found));
    return found;
  }
  if (typeof node !== 'object' || node === null) return found;
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${escapePointer(key)}`;
    if ((key === 'namespaceSelector' || key === 'namespaces') && typeof value === 'object' && value !== null) {
      const names = (value as { matchNames?: unknown; names?: unknown })[key === 'namespaceSelector' ? 'matchNames' : 'names'];
      const field = key === 'namespaceSelector' ? 'matchNames' : 'names';
      if (Array.isArray(names)) names.forEach((n, i) => found.push(...nameViolations('namespace', n, `${at}/${field}/${i}`)));
    }
    if (key === 'matchLabels') found.push(...labelSetViolations(value, at));
    if (key === 'matchExpressions' && Array.isArray(value)) {
      value.forEach((e: { key?: unknown; values?: unknown }, i) => {
        found.push(...nameViolations('label or annotation key', e?.key, `${at}/${i}/key`));
        if (Array.isArray(e?.values)) e.values.forEach((v, j) => found.push(...nameViolations('label value', v, `${at}/${i}/values/${j}`)));
      });
    }
    if (key !== 'metadata') specNameViolations(value, at, found);
  }
  return found;
}

/** Where a violation points in the definitions: the most specific part of the resource that has a definition. */
function originOf(file: ResourceFile, pointer: string) {
  const part = (file.parts ?? [])
    .filter((p) => pointer === p.pointer || pointer.startsWith(`${p.pointer}/`))
    .sort((a, b) => b.pointer.length - a.pointer.length)[0];
  return part?.origin ?? file.origin;
}

/**
 * A finding per violation in every generated resource, located at the definition it came from. A
 * violation is totem-mon's bug or an option the operator does not take: either way the resource
 * would be refused by the cluster, so it is an error that cannot be silenced.
 */
export function checkResources(files: readonly OutputFile[], crds: CrdSchemas): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const file of files) {
    if (!isResourceFile(file)) continue;
    let value: unknown;
    try {
      value = parse(file.content);
    } catch (error) {
      found.push({ id: KUBERNETES_SCHEMA_ID, severity: 'error', message: `${file.path} is not valid YAML: ${(error as Error).message}`, file: file.path, ...locatedAt(file.origin) });
      continue;
    }
    for (const v of crds.check(value)) {
      const at = v.pointer === '' ? 'the resource' : v.pointer;
      found.push({
        id: KUBERNETES_SCHEMA_ID,
        severity: 'error',
        message: `${file.resource.kind} ${file.resource.name} (${file.path}) does not match its schema: ${at}: ${v.message}`,
        hint: 'the cluster would refuse this resource; check the profile options and the definition here, and report it to totem-mon if they are right',
        file: file.path,
        ...locatedAt(originOf(file, v.pointer)),
      });
    }
  }
  return found;
}
