import type { Model } from '../../model/types.js';
import { dashboardFileName } from '../../model/dashboard.js';
import { jsonFile, type OutputFile } from '../output.js';
import { buildDashboardJson } from './dashboard.js';
import { DASHBOARDS_DIR } from './datasource.js';
import { dashboardProvider, prometheusDatasource } from './provisioning.js';
import { logsTracesDatasources } from './logs-traces-datasources.js';

/**
 * Grafana: one JSON per dashboard (`grafana/dashboards/[<folder>/]<uid>.json`) and the provisioning
 * files: the dashboards' provider and the data sources (Prometheus; Loki, Tempo, Jaeger when configured).
 */
export function compileGrafana(model: Model): OutputFile[] {
  const others = logsTracesDatasources(model);
  if (model.dashboards.length === 0 && others.length === 0) return [];
  return [
    ...model.dashboards.map((d) => jsonFile(`${DASHBOARDS_DIR}/${dashboardFileName(model, d)}`, buildDashboardJson(d, model.entry, model.grafana))),
    ...(model.dashboards.length > 0 ? [dashboardProvider(model)] : []),
    prometheusDatasource(model),
    ...others,
  ];
}
