/**
 * prometheus.yml → the project's `prometheus` settings: the global intervals and external labels,
 * and the Alertmanagers of static configs. Its rule files are imported as inputs of their own;
 * everything else (scrape configurations, `alerting.alert_relabel_configs`, Alertmanager discovery,
 * unknown keys) is reported as not supported, key by key: nothing is left out silently.
 */
import type { InputDocument } from './detect.js';
import type { ImportItem } from './report.js';
import { isObject } from './yaml-values.js';

export interface ImportedPrometheus {
  scrapeInterval?: string;
  scrapeTimeout?: string;
  evaluationInterval?: string;
  externalLabels?: Record<string, string>;
  alertmanagers?: string[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const GLOBAL: ReadonlyArray<readonly [string, 'scrapeInterval' | 'scrapeTimeout' | 'evaluationInterval']> = [
  ['scrape_interval', 'scrapeInterval'],
  ['scrape_timeout', 'scrapeTimeout'],
  ['evaluation_interval', 'evaluationInterval'],
];

/** Why a key of `alerting` beside `alertmanagers` matters when it is left out. */
const ALERTING_REASONS: Record<string, string> = {
  alert_relabel_configs:
    'alert relabeling is not supported: the regenerated configuration sends alerts with every label it changed or dropped (a dropped replica label: Alertmanager no longer de-duplicates an HA pair); left out',
};

/** The Prometheus settings of a prometheus.yml document, and what of it is not imported. */
export function readPrometheusConfig(doc: InputDocument): { prometheus: ImportedPrometheus; items: ImportItem[] } {
  const items: ImportItem[] = [];
  const prometheus: ImportedPrometheus = {};
  const global = isObject(doc.value['global']) ? doc.value['global'] : {};
  for (const [key, field] of GLOBAL) {
    const value = text(global[key]);
    if (value !== undefined) prometheus[field] = value;
  }
  if (isObject(global['external_labels'])) {
    prometheus.externalLabels = Object.fromEntries(Object.entries(global['external_labels']).map(([k, v]) => [k, String(v)]));
  }
  const alerting = isObject(doc.value['alerting']) ? doc.value['alerting'] : {};
  const managers = Array.isArray(alerting['alertmanagers']) ? alerting['alertmanagers'] : [];
  const targets: string[] = [];
  managers.forEach((m, i) => {
    const statics = isObject(m) && Array.isArray(m['static_configs']) ? m['static_configs'] : [];
    const others = isObject(m) ? Object.keys(m).filter((k) => k !== 'static_configs') : [];
    statics.forEach((s, j) => {
      if (isObject(s) && Array.isArray(s['targets'])) targets.push(...s['targets'].map(String));
      for (const key of isObject(s) ? Object.keys(s).filter((k) => k !== 'targets') : []) {
        items.push({ status: 'unsupported', file: doc.file, path: ['alerting', 'alertmanagers', String(i), 'static_configs', String(j), key], what: `Alertmanager static config ${key}`, reason: 'only the targets of a static config are imported; left out' });
      }
    });
    if (others.length > 0 || statics.length === 0) {
      items.push({ status: 'unsupported', file: doc.file, path: ['alerting', 'alertmanagers', String(i)], what: 'Alertmanager discovery', reason: `only static targets are imported (${others.join(', ') || 'no static_configs'})` });
    }
  });
  if (targets.length > 0) prometheus.alertmanagers = targets;
  for (const key of Object.keys(alerting).filter((k) => k !== 'alertmanagers')) {
    items.push({ status: 'unsupported', file: doc.file, path: ['alerting', key], what: `alerting ${key}`, reason: ALERTING_REASONS[key] ?? 'not imported; left out' });
  }
  const imported = new Set(['global', 'alerting', 'rule_files']);
  for (const key of Object.keys(doc.value).filter((k) => !imported.has(k))) {
    items.push({ status: 'unsupported', file: doc.file, path: [key], what: `prometheus.yml ${key}`, reason: key === 'scrape_configs' ? 'scrape jobs are not imported yet' : 'not imported' });
  }
  const known = new Set(['scrape_interval', 'scrape_timeout', 'evaluation_interval', 'external_labels']);
  for (const key of Object.keys(global).filter((k) => !known.has(k))) {
    items.push({ status: 'unsupported', file: doc.file, path: ['global', key], what: `global ${key}`, reason: 'not imported' });
  }
  items.push({ status: 'converted', file: doc.file, what: 'Prometheus global settings', reason: 'the project\'s prometheus settings' });
  return { prometheus, items };
}
