// Model variables → V2 variable kinds, through the SDK's dashboardv2 builders. The values chosen
// (current, options, All) are the classic compiler's (../variables.ts), so both schemas open alike.
import * as dashboardv2 from '@grafana/grafana-foundation-sdk/dashboardv2';
import type { VariableModel } from '../../../model/dashboard.js';
import { DATASOURCE_VARIABLE, VARIABLE_DATASOURCE } from '../../../model/dashboard.js';
import type { GrafanaSettings } from '../../../model/settings.js';
import type { LogsTracesKind } from '../../../model/logs-traces.js';
import { DEFAULT_CONNECTIONS } from '../../../model/datasources.js';
import { chosen, customCurrent, customQuery } from '../variables.js';
import { dataQuery } from './query.js';

type VariableBuilder =
  | dashboardv2.DatasourceVariableBuilder
  | dashboardv2.QueryVariableBuilder
  | dashboardv2.CustomVariableBuilder
  | dashboardv2.IntervalVariableBuilder
  | dashboardv2.ConstantVariableBuilder
  | dashboardv2.TextVariableBuilder
  | dashboardv2.AdhocVariableBuilder;

const SORT: Record<Extract<VariableModel, { type: 'query' }>['sort'], dashboardv2.VariableSort> = {
  none: dashboardv2.VariableSort.Disabled,
  alphabetical: dashboardv2.VariableSort.AlphabeticalAsc,
  'alphabetical-desc': dashboardv2.VariableSort.AlphabeticalDesc,
  numerical: dashboardv2.VariableSort.NumericalAsc,
  'numerical-desc': dashboardv2.VariableSort.NumericalDesc,
  natural: dashboardv2.VariableSort.NaturalAsc,
};

const HIDE = { label: dashboardv2.VariableHide.HideLabel, variable: dashboardv2.VariableHide.HideVariable } as const;

/** An option as V2 types it (the classic compiler's current values). */
const option = (o: { text: string | string[]; value: string | string[]; selected?: boolean }): dashboardv2.VariableOption => ({ selected: o.selected ?? true, text: o.text, value: o.value });
const NONE: dashboardv2.VariableOption = { text: '', value: '' };

export function datasourceVariableV2(settings: GrafanaSettings): dashboardv2.DatasourceVariableBuilder {
  return new dashboardv2.DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label(settings.datasourceVariableLabel)
    .pluginId('prometheus')
    .refresh(dashboardv2.VariableRefresh.OnDashboardLoad)
    .current(option({ text: settings.datasource.name, value: settings.datasource.uid }));
}

/** `${loki}`, `${tempo}`, `${jaeger}` (logs and traces panels), defaulting to the configured data source. */
export function logsTracesDatasourceVariableV2(kind: LogsTracesKind, settings: GrafanaSettings): dashboardv2.DatasourceVariableBuilder {
  const configured = settings[kind];
  const b = new dashboardv2.DatasourceVariableBuilder(kind).label(DEFAULT_CONNECTIONS[kind].name).pluginId(kind).refresh(dashboardv2.VariableRefresh.OnDashboardLoad);
  return b.current(configured ? option({ text: configured.name, value: configured.uid }) : NONE);
}

function typed(v: VariableModel): VariableBuilder {
  switch (v.type) {
    case 'query': {
      // Prometheus's variable query editor keeps the query string under `query`.
      const b = new dashboardv2.QueryVariableBuilder(v.name).label(v.title)
        .query(dataQuery(VARIABLE_DATASOURCE, { query: v.query, refId: 'PrometheusVariableQueryEditor-VariableQuery' }))
        .definition(v.query)
        .refresh(dashboardv2.VariableRefresh.OnTimeRangeChanged)
        .sort(SORT[v.sort])
        .multi(v.multi)
        .includeAll(v.includeAll)
        .current(option(chosen(v.includeAll, undefined) ?? NONE));
      if (v.regex !== undefined) b.regex(v.regex);
      if (v.includeAll) b.allValue('.*');
      return b;
    }
    case 'custom': {
      const b = new dashboardv2.CustomVariableBuilder(v.name).label(v.title)
        .query(customQuery(v))
        .multi(v.multi)
        .includeAll(v.includeAll)
        .options(v.values.map((x) => option({ ...x, selected: false })));
      if (v.includeAll) b.allValue('.*');
      return b.current(option(customCurrent(v)));
    }
    case 'interval': {
      const current = v.current ?? v.values[0]!;
      return new dashboardv2.IntervalVariableBuilder(v.name).label(v.title)
        .query(v.values.join(','))
        .options(v.values.map((x) => option({ text: x, value: x, selected: x === current })))
        .current(option({ text: current, value: current }));
    }
    case 'constant':
      // Grafana hides constants: they are for queries, not for the viewer.
      return new dashboardv2.ConstantVariableBuilder(v.name).label(v.title).query(v.value).current(option({ text: v.value, value: v.value })).hide(dashboardv2.VariableHide.HideVariable);
    case 'textbox':
      return new dashboardv2.TextVariableBuilder(v.name).label(v.title).query(v.value).current(option({ text: v.value, value: v.value, selected: false }));
    case 'adhoc':
      return new dashboardv2.AdhocVariableBuilder(v.name).label(v.title).group(VARIABLE_DATASOURCE.type).datasource({ name: VARIABLE_DATASOURCE.uid });
  }
}

export function variableKind(v: VariableModel): VariableBuilder {
  const b = typed(v);
  if (v.description !== undefined) b.description(v.description);
  if (v.hide !== undefined && v.type !== 'constant') b.hide(HIDE[v.hide]);
  return b;
}
