/**
 * The Grafana sidecar profile: ConfigMaps the sidecars of the Grafana Helm chart load — one per
 * dashboard (label `grafana_dashboard: "1"`, its folder in an annotation) and one of data sources
 * (label `grafana_datasource: "1"`, the provisioning files as the files profile writes them).
 */
import type { Model } from '../../model/types.js';
import type { GrafanaSidecarOutputModel } from '../../model/outputs.js';
import { resourceName } from '../../model/kubernetes-names.js';
import { grafanaSidecarDashboardName, grafanaSidecarDashboardPath } from '../../model/output-paths.js';
import { headerLines, type OutputFile } from '../output.js';
import { kustomization } from '../kubernetes/kustomization.js';
import { resourceFile, type ResourceFile } from '../kubernetes/resource.js';
import { dashboardParts, datasourceFiles } from './parts.js';

export const GRAFANA_SIDECAR_DIR = 'grafana-sidecar';
/** The labels the chart's sidecars look for by default (`sidecar.dashboards.label`, `sidecar.datasources.label`, value "1"). */
export const DASHBOARD_LABEL = { grafana_dashboard: '1' };
export const DATASOURCE_LABEL = { grafana_datasource: '1' };

export function compileGrafanaSidecar(model: Model, output: GrafanaSidecarOutputModel): OutputFile[] {
  const dashboards = dashboardParts(model).map(({ dashboard, folder, json }): ResourceFile => {
    const name = grafanaSidecarDashboardName(dashboard);
    return resourceFile(
      grafanaSidecarDashboardPath(dashboard),
      { ...output, annotations: { ...output.annotations, [output.folderAnnotation]: folder } },
      { apiVersion: 'v1', kind: 'ConfigMap', name, labels: DASHBOARD_LABEL, body: { data: { [`${dashboard.uid}.json`]: json } } },
      dashboard,
      headerLines(dashboard.source?.file ?? model.entry, `dashboard ${dashboard.title}`),
    );
  });
  const provisioning = datasourceFiles(model);
  const datasources: ResourceFile[] = provisioning.length === 0 ? [] : [
    resourceFile(
      `${GRAFANA_SIDECAR_DIR}/datasources.yaml`,
      output,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: `${resourceName(model.name)}-datasources`,
        labels: DATASOURCE_LABEL,
        body: { data: Object.fromEntries(provisioning.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f.content])) },
      },
      output,
      headerLines(model.entry, 'Grafana data sources'),
    ),
  ];
  const resources = [...dashboards, ...datasources];
  if (resources.length === 0) return [];
  return [...resources, kustomization(GRAFANA_SIDECAR_DIR, resources, model.entry)];
}
