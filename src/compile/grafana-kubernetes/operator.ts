/**
 * The grafana-operator (v5) profile: GrafanaFolder, GrafanaDashboard and GrafanaDatasource
 * resources (grafana.integreatly.org/v1beta1) for the Grafana instances the selector matches.
 */
import type { Model } from '../../model/types.js';
import type { GrafanaOperatorOutputModel } from '../../model/outputs.js';
import { resourceName } from '../../model/kubernetes-names.js';
import { grafanaOperatorDashboardPath } from '../../model/output-paths.js';
import { headerLines, type OutputFile } from '../output.js';
import { kustomization } from '../kubernetes/kustomization.js';
import { resourceFile, type ResourceFile } from '../kubernetes/resource.js';
import { dashboardParts, datasourceEntries, datasourceFiles } from './parts.js';

export const GRAFANA_OPERATOR_DIR = 'grafana-operator';
const API_VERSION = 'grafana.integreatly.org/v1beta1';

/**
 * Provisioning files escape `$` as `$$` (Grafana expands environment variables there); the
 * operator hands values to Grafana's API, which does not.
 */
function unescapedDollars(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('$$', '$');
  if (Array.isArray(value)) return value.map(unescapedDollars);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unescapedDollars(v)]));
  return value;
}

export function compileGrafanaOperator(model: Model, output: GrafanaOperatorOutputModel): OutputFile[] {
  const instanceSelector = { matchLabels: output.instanceSelector };
  const parts = dashboardParts(model);
  const folders = [...new Set(parts.map((p) => p.folder))].sort();
  const folderName = (title: string) => `folder-${resourceName(title)}`;
  const resources: ResourceFile[] = [
    ...folders.map((title) =>
      resourceFile(
        `${GRAFANA_OPERATOR_DIR}/folders/${folderName(title)}.yaml`,
        output,
        { apiVersion: API_VERSION, kind: 'GrafanaFolder', name: folderName(title), body: { spec: { instanceSelector, title } } },
        output,
        headerLines(model.entry, `Grafana folder ${title}`),
      ),
    ),
    ...parts.map(({ dashboard, folder, json }) => {
      const name = resourceName(dashboard.uid);
      return resourceFile(
        grafanaOperatorDashboardPath(dashboard),
        output,
        { apiVersion: API_VERSION, kind: 'GrafanaDashboard', name, body: { spec: { instanceSelector, folderRef: folderName(folder), json } } },
        dashboard,
        headerLines(dashboard.source?.file ?? model.entry, `dashboard ${dashboard.title}`),
      );
    }),
    ...datasourceEntries(datasourceFiles(model)).map((datasource) => {
      const name = `datasource-${resourceName(String(datasource['uid']))}`;
      return resourceFile(
        `${GRAFANA_OPERATOR_DIR}/datasources/${name}.yaml`,
        output,
        { apiVersion: API_VERSION, kind: 'GrafanaDatasource', name, body: { spec: { instanceSelector, datasource: unescapedDollars(datasource) } } },
        output,
        headerLines(model.entry, `Grafana data source ${String(datasource['name'])}`),
      );
    }),
  ];
  if (resources.length === 0) return [];
  return [...resources, kustomization(GRAFANA_OPERATOR_DIR, resources, model.entry)];
}
