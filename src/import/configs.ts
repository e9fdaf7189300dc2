/**
 * The Alertmanager configuration and the Grafana dashboards among the input documents, imported
 * (src/import/alertmanager.ts, grafana.ts) into value trees, each with its report items. A project
 * has one Alertmanager configuration: a second one is reported, not merged.
 */
import { importAlertmanagerDocument } from './alertmanager.js';
import type { InputDocument } from './detect.js';
import { dashboardQueries } from './grafana/queries.js';
import { importDashboard } from './grafana.js';
import { noteItems } from './note.js';
import type { ImportedAlertmanager, ImportedDashboard } from './project.js';
import type { ImportItem } from './report.js';
import { call, isCall, type TsValue } from './ts-source.js';
import { evaluate } from './evaluate.js';
import type { Dashboard } from '../api/dashboard.js';
import type { AlertmanagerDefinition } from '../api/alertmanager.js';
import { compareCodeUnits } from '../text-order.js';

export interface ConfigsRead {
  alertmanager?: ImportedAlertmanager;
  dashboards: ImportedDashboard[];
  /** What the dashboards query, for the catalogue inference. */
  queries: Array<{ dashboard: string; expr: string }>;
  /** Names Grafana variables stand in as in those queries (`_quantile`): no metrics. */
  placeholders: Set<string>;
  items: ImportItem[];
}

const where = (doc: InputDocument) => (doc.index > 0 ? ` (document ${doc.index + 1})` : '');

export function readConfigs(documents: readonly InputDocument[], taken: Set<string>, alertmanagerTarget?: string): ConfigsRead {
  const read: ConfigsRead = { dashboards: [], queries: [], placeholders: new Set(), items: [] };
  for (const doc of documents) {
    if (doc.kind === 'alertmanager') {
      if (read.alertmanager) {
        read.items.push({ status: 'unsupported', file: doc.file, what: `Alertmanager configuration${where(doc)}`, reason: `a project has one Alertmanager configuration: ${read.alertmanager.file}'s was imported` });
        continue;
      }
      const imported = importAlertmanagerDocument(doc.value, { file: doc.file, ...(alertmanagerTarget !== undefined ? { target: alertmanagerTarget } : {}) });
      read.items.push(...noteItems(imported.notes, doc.file, 'Alertmanager configuration'));
      if (imported.value) {
        read.alertmanager = {
          file: doc.file,
          exportName: imported.exportName,
          value: imported.value,
          notes: imported.notes,
          ...(imported.alertmanagerVersion !== undefined ? { version: imported.alertmanagerVersion } : {}),
        };
      }
    } else if (doc.kind === 'grafana-dashboard') {
      const imported = importDashboard(doc.value, { taken });
      const title = String((doc.value['dashboard'] as Record<string, unknown> | undefined)?.['title'] ?? doc.value['title'] ?? '');
      read.items.push(...noteItems(imported.notes, doc.file, `dashboard "${title}"`));
      read.dashboards.push({ ...imported, file: doc.file, title });
      const queries = dashboardQueries(doc.value);
      for (const expr of queries.exprs) read.queries.push({ dashboard: title, expr });
      for (const name of queries.placeholders) read.placeholders.add(name);
    }
  }
  return read;
}

/** A builder call with `ignore` added to its options (sorted, as the rules' are), or as it is. */
export function withIgnore(value: TsValue, ignore: Readonly<Record<string, string>> | undefined): TsValue {
  if (!ignore || Object.keys(ignore).length === 0 || !isCall(value)) return value;
  const [options, ...rest] = value.args;
  const sorted = Object.fromEntries(Object.entries(ignore).sort(([a], [b]) => compareCodeUnits(a, b)));
  return call(value.callee, { ...(options as Record<string, TsValue>), ignore: sorted }, ...rest);
}

/** What the Alertmanager definitions file evaluates to. */
export function alertmanagerValue(am: ImportedAlertmanager, ignore?: Readonly<Record<string, string>>): AlertmanagerDefinition {
  return evaluate(withIgnore(am.value, ignore)) as AlertmanagerDefinition;
}

/** What a dashboard's definitions file evaluates to (its variables first). */
export function dashboardValue(imported: Pick<ImportedDashboard, 'declarations' | 'value'>, ignore?: Readonly<Record<string, string>>): Dashboard {
  const refs = new Map<string, unknown>();
  for (const d of imported.declarations) refs.set(d.name, evaluate(d.value, refs));
  return evaluate(withIgnore(imported.value, ignore), refs) as Dashboard;
}

/** The data source drop-down's label the dashboards agree on (the first one given), for `grafana.datasourceVariableLabel`. */
export function datasourceLabel(dashboards: readonly ImportedDashboard[]): string | undefined {
  return dashboards.find((d) => d.datasourceLabel !== undefined)?.datasourceLabel;
}

/** The project's `grafana` settings: the data sources the provisioning files gave, and the dashboards' data source label. */
export function grafanaSettings(project: { dashboards: readonly ImportedDashboard[]; grafana?: Record<string, TsValue> }): Record<string, TsValue> | undefined {
  const label = datasourceLabel(project.dashboards);
  const settings = { ...(project.grafana ?? {}), ...(label !== undefined ? { datasourceVariableLabel: label } : {}) };
  return Object.keys(settings).length > 0 ? settings : undefined;
}
