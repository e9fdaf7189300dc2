/**
 * Rule groups out of the three files that hold them: Prometheus rule files (`groups`),
 * PrometheusRule manifests (`spec.groups`) and mimirtool namespace files (`namespace`, `groups`).
 * Values are taken as written (expressions, durations, labels, annotations); what the rule file
 * format allows and a definition cannot hold is reported, not dropped silently.
 */
import type { InputDocument } from './detect.js';
import type { ImportItem } from './report.js';
import { isObject, scalarText as text, stringMap } from './yaml-values.js';

export interface ImportedRule {
  kind: 'alert' | 'record';
  name: string;
  expr: string;
  for?: string;
  keepFiringFor?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Where it is in its input file, for the report. */
  path: string[];
}

export interface ImportedGroup {
  name: string;
  interval?: string;
  limit?: number;
  /** Labels of every rule of the group (Prometheus 3's group `labels`; ruleGroup writes them on each rule). */
  labels?: Record<string, string>;
  /** Mimir's federated rule groups: the tenants they query. */
  sourceTenants?: string[];
  /** Thanos's `partial_response_strategy`. */
  partialResponseStrategy?: 'warn' | 'abort';
  rules: ImportedRule[];
  /** The input file, as given. */
  file: string;
  path: string[];
  /** The mimirtool namespace or the PrometheusRule's metadata.name it came in. */
  origin?: string;
}

export interface RuleGroupsRead {
  groups: ImportedGroup[];
  items: ImportItem[];
}


const GROUP_KEYS = new Set(['name', 'interval', 'limit', 'labels', 'rules', 'source_tenants', 'partial_response_strategy']);
const RULE_KEYS = new Set(['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);

function readRule(raw: unknown, at: string[], file: string, items: ImportItem[]): ImportedRule | undefined {
  if (!isObject(raw)) {
    items.push({ status: 'error', file, path: at, what: 'rule', reason: 'not a mapping' });
    return undefined;
  }
  const alert = text(raw['alert']);
  const recordName = text(raw['record']);
  const name = alert ?? recordName;
  const what = alert !== undefined ? `alert ${alert}` : recordName !== undefined ? `recording rule ${recordName}` : 'rule';
  const path = name !== undefined ? [...at.slice(0, -1), name] : at;
  const expr = text(raw['expr']);
  const labels = stringMap(raw['labels']);
  const annotations = stringMap(raw['annotations']);
  const problem =
    name === undefined || (alert !== undefined && recordName !== undefined)
      ? 'a rule has either `alert` or `record`'
      : expr === undefined
        ? 'no `expr`'
        : labels === undefined
          ? '`labels` is not a map of strings'
          : annotations === undefined
            ? '`annotations` is not a map of strings'
            : undefined;
  if (problem !== undefined || name === undefined || expr === undefined || !labels || !annotations) {
    items.push({ status: 'error', file, path, what, reason: `not a valid rule: ${problem}` });
    return undefined;
  }
  for (const key of Object.keys(raw).filter((k) => !RULE_KEYS.has(k))) {
    items.push({ status: 'unsupported', file, path: [...path, key], what: `${what}: ${key}`, reason: 'not a field of a Prometheus rule; left out' });
  }
  const forText = text(raw['for']);
  const keepFiringFor = text(raw['keep_firing_for']);
  if (alert !== undefined) {
    return {
      kind: 'alert',
      name: alert,
      expr,
      ...(forText !== undefined ? { for: forText } : {}),
      ...(keepFiringFor !== undefined ? { keepFiringFor } : {}),
      labels,
      annotations,
      path,
    };
  }
  for (const key of ['for', 'keep_firing_for', 'annotations'] as const) {
    if (raw[key] !== undefined) items.push({ status: 'unsupported', file, path: [...path, key], what: `${what}: ${key}`, reason: 'a recording rule has none (Prometheus refuses it); left out' });
  }
  return { kind: 'record', name: name, expr, labels, annotations: {}, path };
}

function readGroup(raw: unknown, at: string[], file: string, origin: string | undefined, items: ImportItem[]): ImportedGroup | undefined {
  const name = isObject(raw) ? text(raw['name']) : undefined;
  // `rules:` left empty (null) is a group without rules, as Prometheus reads it.
  if (!isObject(raw) || name === undefined || !(Array.isArray(raw['rules']) || raw['rules'] === null || raw['rules'] === undefined)) {
    items.push({ status: 'error', file, path: at, what: 'rule group', reason: 'not a valid rule group: it needs a `name` and a list of `rules`' });
    return undefined;
  }
  const path = [...at.slice(0, -1), name];
  for (const key of Object.keys(raw).filter((k) => !GROUP_KEYS.has(k))) {
    items.push({ status: 'unsupported', file, path: [...path, key], what: `rule group ${name}: ${key}`, reason: 'not a field Prometheus 2.42 reads; left out' });
  }
  const rules = ((raw['rules'] ?? []) as unknown[]).flatMap((rule, i) => readRule(rule, [...path, 'rules', String(i)], file, items) ?? []);
  const interval = text(raw['interval']);
  const limit = typeof raw['limit'] === 'number' ? raw['limit'] : undefined;
  const labels = stringMap(raw['labels']);
  if (labels === undefined) items.push({ status: 'error', file, path: [...path, 'labels'], what: `rule group ${name}: labels`, reason: 'not a map of label names to values; left out' });
  const tenants = raw['source_tenants'];
  const sourceTenants = Array.isArray(tenants) && tenants.every((t) => typeof t === 'string') ? (tenants as string[]) : undefined;
  const strategy = text(raw['partial_response_strategy'])?.toLowerCase();
  const partialResponseStrategy = strategy === 'warn' || strategy === 'abort' ? strategy : undefined;
  if (tenants !== undefined && sourceTenants === undefined) items.push({ status: 'error', file, path: [...path, 'source_tenants'], what: `rule group ${name}: source_tenants`, reason: 'not a list of tenant names; left out' });
  if (raw['partial_response_strategy'] !== undefined && partialResponseStrategy === undefined) {
    items.push({ status: 'error', file, path: [...path, 'partial_response_strategy'], what: `rule group ${name}: partial_response_strategy`, reason: 'neither warn nor abort; left out' });
  }
  return {
    name,
    ...(interval !== undefined ? { interval } : {}),
    ...(limit !== undefined && limit > 0 ? { limit } : {}),
    ...(labels !== undefined && Object.keys(labels).length > 0 ? { labels } : {}),
    ...(sourceTenants !== undefined && sourceTenants.length > 0 ? { sourceTenants } : {}),
    ...(partialResponseStrategy !== undefined ? { partialResponseStrategy } : {}),
    rules,
    file,
    path,
    ...(origin !== undefined ? { origin } : {}),
  };
}

/** The rule groups of the documents that hold some (rule files, PrometheusRule manifests, mimirtool namespaces). */
export function readRuleGroups(documents: readonly InputDocument[]): RuleGroupsRead {
  const groups: ImportedGroup[] = [];
  const items: ImportItem[] = [];
  for (const doc of documents) {
    let list: unknown;
    let prefix: string[];
    let origin: string | undefined;
    if (doc.kind === 'rule-file') {
      list = doc.value['groups'];
      prefix = ['groups'];
    } else if (doc.kind === 'mimir-namespace') {
      list = doc.value['groups'];
      prefix = ['groups'];
      origin = text(doc.value['namespace']);
    } else if (doc.kind === 'prometheus-rule') {
      const spec = doc.value['spec'] as Record<string, unknown>;
      const metadata = isObject(doc.value['metadata']) ? doc.value['metadata'] : {};
      list = spec['groups'] ?? [];
      prefix = ['spec', 'groups'];
      origin = text(metadata['name']);
    } else {
      continue;
    }
    if (!Array.isArray(list)) {
      items.push({ status: 'error', file: doc.file, path: prefix, what: 'rule groups', reason: '`groups` is not a list' });
      continue;
    }
    list.forEach((raw, i) => {
      const group = readGroup(raw, [...prefix, String(i)], doc.file, origin, items);
      if (group) groups.push(group);
    });
  }
  return { groups, items };
}
