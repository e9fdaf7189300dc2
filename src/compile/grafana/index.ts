import type { Model } from '../../model/types.js';
import { dashboardFileName } from '../../model/dashboard.js';
import { jsonFile, type OutputFile } from '../output.js';
import { buildDashboardJson } from './dashboard.js';
import { DASHBOARDS_DIR } from './datasource.js';
import { dashboardProvider, prometheusDatasource } from './provisioning.js';

/** Grafana: one JSON per dashboard (`grafana/dashboards/[<folder>/]<uid>.json`) and the provisioning files. */
export function compileGrafana(model: Model): OutputFile[] {
  if (model.dashboards.length === 0) return [];
  return [
    ...model.dashboards.map((d) => jsonFile(`${DASHBOARDS_DIR}/${dashboardFileName(model, d)}`, buildDashboardJson(d, model.entry, model.grafana))),
    dashboardProvider(model),
    prometheusDatasource(model),
  ];
}
