import type { Model } from '../../model/types.js';
import { dashboardFolder } from '../../model/dashboard.js';
import { headerLines, yamlFile, type OutputFile } from '../output.js';
import { DASHBOARDS_DIR, PROVISIONING_DIR } from './datasource.js';
import { OUT_ELSEWHERE } from '../../model/settings.js';
import { TRACE_LINK_LABEL } from './logs-traces-datasources.js';

/** provisioning/dashboards/totem-mon.yml: a file provider for the generated dashboards. */
export function dashboardProvider(model: Model): OutputFile {
  const foldersUsed = model.dashboards.some((d) => dashboardFolder(model, d) !== undefined);
  const mount = model.grafana.provisioningPath;
  const dashboards = `${model.outDir}/${DASHBOARDS_DIR}`;
  return yamlFile(
    `${PROVISIONING_DIR}/dashboards/totem-mon.yml`,
    {
      apiVersion: 1,
      providers: [
        {
          name: `${model.name} (totem-mon)`,
          orgId: 1,
          // With folders, each subfolder of the mount is a Grafana folder (and `folder` must be unset).
          ...(foldersUsed ? {} : { folder: model.grafana.folder }),
          type: 'file',
          disableDeletion: false,
          allowUiUpdates: false,
          updateIntervalSeconds: 30,
          options: { path: mount, foldersFromFilesStructure: foldersUsed },
        },
      ],
    },
    [
      ...headerLines(model.entry, 'dashboards'),
      `Grafana loads every JSON file under ${mount}: mount ${dashboards} there`,
      `(Docker Compose: ${model.outDir === OUT_ELSEWHERE ? '' : './'}${dashboards}:${mount}:ro), and this folder at`,
      '/etc/grafana/provisioning/dashboards. Changes made in the UI are not kept (allowUiUpdates: false).',
    ],
  );
}

/** provisioning/datasources/prometheus.yml: the data source the dashboards' `datasource` variable defaults to. */
export function prometheusDatasource(model: Model): OutputFile {
  const datasource = model.grafana.datasource;
  const exemplars = datasource.exemplars;
  return yamlFile(
    `${PROVISIONING_DIR}/datasources/prometheus.yml`,
    {
      apiVersion: 1,
      datasources: [
        {
          name: datasource.name,
          uid: datasource.uid,
          type: 'prometheus',
          access: 'proxy',
          url: datasource.url,
          isDefault: true,
          editable: false,
          jsonData: {
            timeInterval: model.prometheus.scrapeInterval,
            httpMethod: 'POST',
            // An exemplar's trace id label → the trace, in the traces data source.
            ...(exemplars
              ? { exemplarTraceIdDestinations: [{ name: exemplars.label, datasourceUid: exemplars.datasource.uid, urlDisplayLabel: TRACE_LINK_LABEL }] }
              : {}),
          },
        },
      ],
    },
    [
      ...headerLines(model.entry, 'Grafana data source'),
      `Mount this folder at /etc/grafana/provisioning/datasources. The dashboards select the data source`,
      `through their \`datasource\` variable, which defaults to uid "${datasource.uid}".`,
    ],
  );
}
