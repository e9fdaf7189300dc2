import type { Model } from '../../model/types.js';
import { dashboardOutputPath, grafanaFolderOf } from '../../model/dashboard.js';
import { jsonFile, type OutputFile } from '../output.js';
import { buildDashboardJson } from './dashboard.js';
import { RESOURCES_DIR } from './datasource.js';
import { dashboardProvider, prometheusDatasource } from './provisioning.js';
import { logsTracesDatasources } from './logs-traces-datasources.js';
import { dashboardResource } from './v2/dashboard.js';
import { folderResource, foldersOf } from './v2/folders.js';
import { compileGrafanaAlertRules } from './alerting/rules.js';

/** The classic model: one JSON per dashboard (`grafana/dashboards/[<folder>/]<uid>.json`) and the file provider that loads them. */
function classic(model: Model): OutputFile[] {
  return [
    ...model.dashboards.map((d) => jsonFile(dashboardOutputPath(model, d), buildDashboardJson(d, model.entry, model.grafana))),
    dashboardProvider(model),
  ];
}

/** V2 resources (`grafana/resources/{folders,dashboards}/<uid>.json`) for the API or GitOps; file provisioning refuses them. */
function v2(model: Model): OutputFile[] {
  const folders = foldersOf(model.dashboards, model.grafana.folder);
  return [
    ...[...folders.values()].map((f) => jsonFile(`${RESOURCES_DIR}/folders/${f.uid}.json`, folderResource(f, model.entry))),
    ...model.dashboards.map((d) =>
      jsonFile(dashboardOutputPath(model, d), dashboardResource(d, model.entry, model.grafana, folders.get(grafanaFolderOf(model, d))!.uid)),
    ),
  ];
}

/**
 * Grafana: the dashboards in the schema the settings choose (classic JSON and its file provider, or
 * V2 resources), the alert rules as Grafana-managed rules when asked, and the data sources they
 * query (Prometheus; Loki, Tempo, Jaeger when configured).
 */
export function compileGrafana(model: Model): OutputFile[] {
  const others = logsTracesDatasources(model);
  const alertRules = compileGrafanaAlertRules(model);
  if (model.dashboards.length === 0 && others.length === 0 && alertRules.length === 0) return [];
  const dashboards = model.dashboards.length === 0 ? [] : model.grafana.schema === 'v2' ? v2(model) : classic(model);
  return [...dashboards, ...alertRules, prometheusDatasource(model), ...others];
}
