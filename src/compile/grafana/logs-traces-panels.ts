// Logs and traces panels → Grafana: the logs panel on a Loki query, a TraceQL or Jaeger search as a
// table of traces, one trace (by id) as the traces panel (Grafana's trace view shows one trace).
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as logs from '@grafana/grafana-foundation-sdk/logs';
import * as loki from '@grafana/grafana-foundation-sdk/loki';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as tempo from '@grafana/grafana-foundation-sdk/tempo';
import type { PanelModel } from '../../model/dashboard.js';
import { panelDatasource } from '../../model/logs-traces.js';

const DEDUP = {
  none: common.LogsDedupStrategy.None,
  exact: common.LogsDedupStrategy.Exact,
  numbers: common.LogsDedupStrategy.Numbers,
  signature: common.LogsDedupStrategy.Signature,
} as const;

/** Every display option written out, Grafana's defaults where the definition says nothing. */
export function logsPanelBuilder(panel: PanelModel): logs.PanelBuilder {
  const q = panel.logs!;
  const query = new loki.DataqueryBuilder().refId('A').datasource({ ...panelDatasource(panel) }).expr(q.expr).queryType(loki.LokiQueryType.Range);
  if (q.maxLines !== undefined) query.maxLines(q.maxLines);
  return new logs.PanelBuilder()
    .showTime(q.showTime ?? true)
    .showLabels(q.showLabels ?? false)
    .showCommonLabels(false)
    .wrapLogMessage(q.wrap ?? false)
    .prettifyLogMessage(q.prettify ?? false)
    .enableLogDetails(true)
    .dedupStrategy(DEDUP[q.dedup ?? 'none'])
    .sortOrder(q.order === 'oldest' ? common.LogsSortOrder.Ascending : common.LogsSortOrder.Descending)
    .withTarget(query);
}

/** Jaeger's query (the SDK has no Jaeger package): a trace id, or a search. */
class JaegerQueryBuilder implements cog.Builder<cog.Dataquery> {
  constructor(private readonly query: Record<string, unknown>) {}
  build(): cog.Dataquery {
    return { ...this.query } as unknown as cog.Dataquery;
  }
}

function tracesTarget(panel: PanelModel): cog.Builder<cog.Dataquery> {
  const q = panel.traces!;
  const datasource = panelDatasource(panel);
  if (datasource.type === 'jaeger') {
    if ('traceId' in q) return new JaegerQueryBuilder({ refId: 'A', datasource: { ...datasource }, query: q.traceId });
    if ('service' in q) {
      return new JaegerQueryBuilder({
        refId: 'A',
        datasource: { ...datasource },
        queryType: 'search',
        service: q.service,
        ...(q.operation !== undefined ? { operation: q.operation } : {}),
        ...(q.minDuration !== undefined ? { minDuration: q.minDuration } : {}),
        ...(q.maxDuration !== undefined ? { maxDuration: q.maxDuration } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      });
    }
  }
  // Tempo: the TraceQL editor takes a query or a trace id.
  const query = new tempo.DataqueryBuilder().refId('A').datasource({ ...datasource }).queryType('traceql');
  if ('traceql' in q) {
    query.query(q.traceql).tableType(tempo.SearchTableType.Traces);
    if (q.limit !== undefined) query.limit(q.limit);
  } else if ('traceId' in q) query.query(q.traceId);
  return query;
}

/** A search lists traces in a table (each opens in the trace view); a trace id is drawn by the traces panel. */
export function tracesPanelBuilder(panel: PanelModel): table.PanelBuilder | dashboard.PanelBuilder {
  const b = panel.traces && 'traceId' in panel.traces ? new dashboard.PanelBuilder().type('traces') : new table.PanelBuilder();
  return b.withTarget(tracesTarget(panel));
}
