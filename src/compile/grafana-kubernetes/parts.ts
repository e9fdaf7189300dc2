/**
 * What both Grafana profiles for Kubernetes take from the files profile's Grafana output: each
 * dashboard's classic JSON with its folder, and the data sources as provisioning files.
 */
import { parse } from 'yaml';
import type { Model } from '../../model/types.js';
import { grafanaFolderOf, type DashboardModel } from '../../model/dashboard.js';
import type { OutputFile } from '../output.js';
import { buildDashboardJson } from '../grafana/dashboard.js';
import { prometheusDatasource } from '../grafana/provisioning.js';
import { logsTracesDatasources } from '../grafana/logs-traces-datasources.js';

export interface DashboardPart {
  dashboard: DashboardModel;
  /** The Grafana folder's title. */
  folder: string;
  /** The classic dashboard JSON, as the files profile writes it. */
  json: string;
}

export function dashboardParts(model: Model): DashboardPart[] {
  return model.dashboards.map((d) => ({
    dashboard: d,
    folder: grafanaFolderOf(model, d),
    json: `${JSON.stringify(buildDashboardJson(d, model.entry, model.grafana), null, 2)}\n`,
  }));
}

/** The provisioning files of the data sources (Prometheus; Loki, Tempo, Jaeger when configured), when there is anything to show. */
export function datasourceFiles(model: Model): OutputFile[] {
  const others = logsTracesDatasources(model);
  if (model.dashboards.length === 0 && others.length === 0) return [];
  return [prometheusDatasource(model), ...others];
}

/** The data sources of those files, as Grafana's provisioning declares them. */
export function datasourceEntries(files: readonly OutputFile[]): Record<string, unknown>[] {
  return files.flatMap((f) => (parse(f.content) as { datasources: Record<string, unknown>[] }).datasources);
}
