// Model dashboard → a Grafana 12/13 dashboard resource in the V2 schema (`dashboard.grafana.app/v2`),
// through the Foundation SDK's dashboardv2 builders. For the API and GitOps (grafanactl, Git Sync):
// Grafana's file provisioning refuses V2 (grafana#122663, #126641); the classic model is for it.
import * as dashboardv2 from '@grafana/grafana-foundation-sdk/dashboardv2';
import type * as resource from '@grafana/grafana-foundation-sdk/resource';
import type { AnnotationModel, DashboardLinkModel, DashboardModel } from '../../../model/dashboard.js';
import { allPanels, VARIABLE_DATASOURCE } from '../../../model/dashboard.js';
import type { GrafanaSettings } from '../../../model/settings.js';
import { annotationLegacyOptions } from '../annotations.js';
import { dashboardDescription } from '../dashboard.js';
import { dataQuery } from './query.js';
import { elementName, layoutOf } from './layout.js';
import { panelKind } from './panel.js';
import { datasourceVariableV2, logsTracesDatasourceVariableV2, variableKind } from './variables.js';
import { logsTracesVariables } from '../../../model/logs-traces.js';

/** The metadata annotation a V2 dashboard resource names its folder's uid by. */
export const FOLDER_ANNOTATION = 'grafana.app/folder';

/** Grafana's own refresh choices, written out when the definition gives none (V2 has no default). */
const GRAFANA_REFRESH_INTERVALS = ['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d'];

const CURSOR_SYNC = {
  none: dashboardv2.DashboardCursorSync.Off,
  crosshair: dashboardv2.DashboardCursorSync.Crosshair,
  tooltip: dashboardv2.DashboardCursorSync.Tooltip,
} as const;

function annotationKind(a: AnnotationModel): dashboardv2.AnnotationQueryBuilder {
  // The query is the Prometheus target; how its series become events (title, text, tags, step) are
  // the Prometheus annotation's own fields, which V2 keeps as the data source's options.
  return new dashboardv2.AnnotationQueryBuilder()
    .name(a.name)
    .enable(a.enabled ?? true)
    .hide(false)
    .iconColor(a.color ?? 'red')
    .query(dataQuery(VARIABLE_DATASOURCE, { expr: a.expr, refId: 'Anno' }))
    .legacyOptions(annotationLegacyOptions(a));
}

function dashboardLink(l: DashboardLinkModel): dashboardv2.DashboardLinkBuilder {
  const b = new dashboardv2.DashboardLinkBuilder().title(l.title).icon('external link').tooltip('tooltip' in l ? (l.tooltip ?? '') : '');
  if ('tags' in l) return b.type(dashboardv2.DashboardLinkType.Dashboards).tags([...l.tags]).asDropdown(l.asDropdown ?? false).includeVars(true).keepTime(true).targetBlank(false);
  return b
    .type(dashboardv2.DashboardLinkType.Link)
    .url(l.url)
    .tags([])
    .asDropdown(false)
    .includeVars(l.includeVars ?? true)
    .keepTime(l.keepTime ?? true)
    .targetBlank('targetBlank' in l ? (l.targetBlank ?? false) : false);
}

function timeSettings(model: DashboardModel): dashboardv2.TimeSettingsBuilder {
  return new dashboardv2.TimeSettingsBuilder()
    .from(model.time.from)
    .to(model.time.to)
    .timezone(model.timezone)
    .autoRefresh(model.refresh)
    .autoRefreshIntervals([...(model.refreshIntervals ?? GRAFANA_REFRESH_INTERVALS)])
    .hideTimepicker(false)
    .fiscalYearStartMonth(0);
}

/** The dashboard's V2 spec. */
export function buildDashboardV2(model: DashboardModel, entry: string, settings: GrafanaSettings): dashboardv2.DashboardBuilder {
  const b = new dashboardv2.DashboardBuilder(model.title)
    .description(dashboardDescription(model, entry))
    .tags([...model.tags])
    .editable(model.editable)
    .cursorSync(CURSOR_SYNC[model.graphTooltip])
    .timeSettings(timeSettings(model))
    .annotations(model.annotations.map(annotationKind))
    .links(model.links.map(dashboardLink))
    .variables([
      datasourceVariableV2(settings),
      ...logsTracesVariables(model).map(({ kind }) => logsTracesDatasourceVariableV2(kind, settings)),
      ...model.variables.map(variableKind),
    ]);
  for (const panel of allPanels(model)) b.element(elementName(panel), panelKind(panel));
  return b.layout(layoutOf(model));
}

/** The dashboard as a resource: named by its uid, in the folder whose uid is given. */
export function dashboardResource(model: DashboardModel, entry: string, settings: GrafanaSettings, folderUid: string): resource.Manifest {
  const manifest = dashboardv2.manifest(model.uid, buildDashboardV2(model, entry, settings)).build();
  return { ...manifest, metadata: { ...manifest.metadata, annotations: { [FOLDER_ANNOTATION]: folderUid } } };
}
