import type { Model } from '../../model/types.js';
import { jsonFile, type OutputFile } from '../output.js';
import { buildDashboardJson } from './dashboard.js';
import { DASHBOARDS_DIR } from './datasource.js';
import { dashboardProvider, prometheusDatasource } from './provisioning.js';

/** Grafana: one JSON per dashboard (`grafana/dashboards/<uid>.json`) and the provisioning files. */
export function compileGrafana(model: Model): OutputFile[] {
  if (model.dashboards.length === 0) return [];
  return [
    ...model.dashboards.map((d) => jsonFile(`${DASHBOARDS_DIR}/${d.uid}.json`, buildDashboardJson(d, model.entry))),
    dashboardProvider(model),
    prometheusDatasource(model),
  ];
}
