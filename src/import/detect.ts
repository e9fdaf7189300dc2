/**
 * What kind of file an input is, from its content (not its name): users' files are called
 * anything. One file may hold several YAML documents (a `---`-separated list of manifests), each
 * detected on its own.
 */
import { parseAllDocuments } from 'yaml';
import type { ImportItem } from './report.js';
import { isObject } from './yaml-values.js';

export type InputKind =
  /** A Prometheus rule file: `groups: [{ name, rules }]`. */
  | 'rule-file'
  /** A prometheus-operator PrometheusRule manifest: `kind: PrometheusRule`, `spec.groups`. */
  | 'prometheus-rule'
  /** A mimirtool / cortextool rules namespace file: `namespace: x`, `groups`. */
  | 'mimir-namespace'
  /** A promtool unit-test file: `rule_files`, `tests` with `input_series`. */
  | 'promtool-tests'
  /** Prometheus's own configuration (prometheus.yml): `global`, `scrape_configs`, `rule_files`. */
  | 'prometheus-config'
  /** Alertmanager's configuration: `route`, `receivers`. */
  | 'alertmanager'
  /** A Grafana dashboard (classic JSON model), bare or wrapped in `{ dashboard: … }`. */
  | 'grafana-dashboard'
  /** Grafana data source provisioning: `apiVersion`, `datasources: [{ name, type, url, jsonData }]`. */
  | 'grafana-datasources';

export const INPUT_KINDS: Record<InputKind, string> = {
  'rule-file': 'Prometheus rule file',
  'prometheus-rule': 'PrometheusRule manifest',
  'mimir-namespace': 'mimirtool namespace file',
  'promtool-tests': 'promtool unit-test file',
  'prometheus-config': 'Prometheus configuration',
  alertmanager: 'Alertmanager configuration',
  'grafana-dashboard': 'Grafana dashboard',
  'grafana-datasources': 'Grafana data source provisioning',
};

export interface InputDocument {
  kind: InputKind;
  /** The file, as given. */
  file: string;
  /** Position among the file's YAML documents (0 for a single-document file). */
  index: number;
  value: Record<string, unknown>;
}

export interface DetectResult {
  documents: InputDocument[];
  /** Documents that could not be read or are of no kind import knows. */
  problems: ImportItem[];
}


/** The kind of one parsed document, or undefined when it is none import knows. */
export function kindOf(value: Record<string, unknown>): InputKind | undefined {
  if (value['kind'] === 'PrometheusRule' && isObject(value['spec'])) return 'prometheus-rule';
  if (Array.isArray(value['groups'])) return typeof value['namespace'] === 'string' ? 'mimir-namespace' : 'rule-file';
  if (Array.isArray(value['tests']) && ('rule_files' in value || value['tests'].some((t) => isObject(t) && 'input_series' in t))) return 'promtool-tests';
  if (Array.isArray(value['scrape_configs']) || (isObject(value['global']) && ('rule_files' in value || 'alerting' in value))) return 'prometheus-config';
  if (isObject(value['route']) || Array.isArray(value['receivers'])) return 'alertmanager';
  if (Array.isArray(value['datasources']) && 'apiVersion' in value) return 'grafana-datasources';
  if (isObject(value['dashboard']) && Array.isArray((value['dashboard'] as Record<string, unknown>)['panels'])) return 'grafana-dashboard';
  if (Array.isArray(value['panels']) || (Array.isArray(value['rows']) && 'schemaVersion' in value)) return 'grafana-dashboard';
  return undefined;
}

/** Reads one input file's text: its documents with their kinds, and what could not be read. */
export function detectDocuments(file: string, text: string): DetectResult {
  const documents: InputDocument[] = [];
  const problems: ImportItem[] = [];
  const parsed = parseAllDocuments(text, { uniqueKeys: false });
  const all = Array.isArray(parsed) ? parsed : [parsed];
  all.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      problems.push({ status: 'error', file, what: `document ${index + 1}`, reason: `not valid YAML or JSON: ${doc.errors[0]!.message.split('\n')[0]}` });
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return; // an empty document (a trailing `---`)
    const kind = isObject(value) ? kindOf(value) : undefined;
    if (!kind || !isObject(value)) {
      problems.push({
        status: 'unsupported',
        file,
        what: all.length > 1 ? `document ${index + 1}` : 'file',
        reason: `not a kind import reads (${Object.values(INPUT_KINDS).join(', ')})`,
      });
      return;
    }
    documents.push({ kind, file, index, value });
  });
  return { documents, problems };
}
