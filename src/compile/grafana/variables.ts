// Model variables → Grafana template variables, through the SDK's builders.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { VariableModel } from '../../model/dashboard.js';
import { DATASOURCE_VARIABLE, VARIABLE_DATASOURCE } from '../../model/dashboard.js';
import type { GrafanaSettings } from '../../model/settings.js';
import type { LogsTracesKind } from '../../model/logs-traces.js';
import { DEFAULT_CONNECTIONS } from '../../model/datasources.js';

type VariableBuilder =
  | dashboard.DatasourceVariableBuilder
  | dashboard.QueryVariableBuilder
  | dashboard.CustomVariableBuilder
  | dashboard.IntervalVariableBuilder
  | dashboard.ConstantVariableBuilder
  | dashboard.TextBoxVariableBuilder
  | dashboard.AdHocVariableBuilder;

const SORT: Record<Extract<VariableModel, { type: 'query' }>['sort'], dashboard.VariableSort> = {
  none: dashboard.VariableSort.Disabled,
  alphabetical: dashboard.VariableSort.AlphabeticalAsc,
  'alphabetical-desc': dashboard.VariableSort.AlphabeticalDesc,
  numerical: dashboard.VariableSort.NumericalAsc,
  'numerical-desc': dashboard.VariableSort.NumericalDesc,
  natural: dashboard.VariableSort.NaturalAsc,
};

const HIDE = { label: dashboard.VariableHide.HideLabel, variable: dashboard.VariableHide.HideVariable } as const;

export function datasourceVariable(settings: GrafanaSettings): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label(settings.datasourceVariableLabel)
    .type('prometheus')
    .current({ selected: true, text: settings.datasource.name, value: settings.datasource.uid });
}

/** `${loki}`, `${tempo}`, `${jaeger}`: the logs and traces panels' data source, defaulting to the configured one (none: no default). */
export function logsTracesDatasourceVariable(kind: LogsTracesKind, settings: GrafanaSettings): dashboard.DatasourceVariableBuilder {
  const configured = settings[kind];
  const b = new dashboard.DatasourceVariableBuilder(kind).label(DEFAULT_CONNECTIONS[kind].name).type(kind);
  return configured ? b.current({ selected: true, text: configured.name, value: configured.uid }) : b;
}

/** "All" selected when there is one (Grafana then writes `.*`, the allValue), else the given or first value. */
export function chosen(includeAll: boolean, value: string | undefined): dashboard.VariableOption | undefined {
  if (includeAll && value === undefined) return { selected: true, text: 'All', value: '$__all' };
  return value === undefined ? undefined : { selected: true, text: value, value };
}

/** Grafana's custom variable syntax: `text : value` pairs, comma-separated. */
export function customQuery(v: Extract<VariableModel, { type: 'custom' }>): string {
  return v.values.map((x) => (x.text === x.value ? x.value : `${x.text} : ${x.value}`)).join(',');
}

/** A custom variable's value when the dashboard opens: the one given, else All when there is one, else the first. */
export function customCurrent(v: Extract<VariableModel, { type: 'custom' }>): dashboard.VariableOption {
  const picked = v.current !== undefined ? v.values.find((x) => x.value === v.current) : v.includeAll ? undefined : v.values[0];
  return picked ? { selected: true, text: picked.text, value: picked.value } : chosen(true, undefined)!;
}

/** The builder of the variable's type; the label first, as Grafana writes it. */
function typed(v: VariableModel): VariableBuilder {
  switch (v.type) {
    case 'query': {
      const b = new dashboard.QueryVariableBuilder(v.name).label(v.title)
        .datasource({ ...VARIABLE_DATASOURCE })
        .query(v.query)
        .definition(v.query)
        .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
        .sort(SORT[v.sort])
        .multi(v.multi)
        .includeAll(v.includeAll);
      if (v.regex !== undefined) b.regex(v.regex);
      if (v.includeAll) b.allValue('.*');
      const current = chosen(v.includeAll, undefined);
      if (current) b.current(current);
      return b;
    }
    case 'custom': {
      const b = new dashboard.CustomVariableBuilder(v.name).label(v.title)
        .values(customQuery(v))
        .multi(v.multi)
        .includeAll(v.includeAll)
        .options(v.values.map((x) => ({ selected: false, text: x.text, value: x.value })));
      if (v.includeAll) b.allValue('.*');
      b.current(customCurrent(v));
      return b;
    }
    case 'interval': {
      const current = v.current ?? v.values[0]!;
      return new dashboard.IntervalVariableBuilder(v.name).label(v.title)
        .values(v.values.join(','))
        .options(v.values.map((x) => ({ selected: x === current, text: x, value: x })))
        .current({ selected: true, text: current, value: current });
    }
    case 'constant':
      return new dashboard.ConstantVariableBuilder(v.name).label(v.title).value(v.value);
    case 'textbox':
      return new dashboard.TextBoxVariableBuilder(v.name).label(v.title).defaultValue(v.value).current({ selected: false, text: v.value, value: v.value });
    case 'adhoc':
      return new dashboard.AdHocVariableBuilder(v.name).label(v.title).datasource({ ...VARIABLE_DATASOURCE });
  }
}

export function variableBuilder(v: VariableModel): VariableBuilder {
  const b = typed(v);
  if (v.description !== undefined) b.description(v.description);
  if (v.hide !== undefined && !(b instanceof dashboard.ConstantVariableBuilder)) b.hide(HIDE[v.hide]);
  return b;
}
