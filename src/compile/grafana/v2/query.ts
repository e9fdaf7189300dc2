// Queries in the V2 schema: a DataQuery names its data source by plugin type (`group`) and uid
// (`datasource.name`, `${datasource}` for the variable); its spec is the plugin's own query.
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboardv2 from '@grafana/grafana-foundation-sdk/dashboardv2';
import { VARIABLE_DATASOURCE } from '../../../model/dashboard.js';

type DatasourceRef = typeof VARIABLE_DATASOURCE;

/** A DataQuery on a data source; `spec` is what the classic model writes for the same query, less its `datasource` and `refId`. */
export function dataQuery(ref: DatasourceRef, spec: Record<string, unknown>): cog.Builder<dashboardv2.DataQueryKind> {
  const query: dashboardv2.DataQueryKind = { kind: 'DataQuery', group: ref.type, version: 'v0', datasource: { name: ref.uid }, spec };
  return { build: () => query };
}

/** A classic panel target (as the SDK built it) as a V2 panel query: the same query, the same refId (the SDK's variant marker, a function, is not data). */
export function panelQuery(target: Record<string, unknown>): dashboardv2.TargetBuilder {
  const { datasource, refId, hide, ...spec } = target as { datasource?: DatasourceRef; refId?: string; hide?: boolean } & Record<string, unknown>;
  return new dashboardv2.TargetBuilder()
    .refId(refId ?? 'A')
    .hidden(hide ?? false)
    .query(dataQuery(datasource ?? VARIABLE_DATASOURCE, Object.fromEntries(Object.entries(spec).filter(([, v]) => typeof v !== 'function'))));
}
