// Model panels → Grafana panels, through the Foundation SDK's builders (only src/compile/grafana/ imports the SDK).
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import type { PanelModel, TargetModel } from '../../model/dashboard.js';
import { VARIABLE_DATASOURCE } from '../../model/dashboard.js';

type AnyPanelBuilder =
  | timeseries.PanelBuilder
  | gauge.PanelBuilder
  | stat.PanelBuilder
  | table.PanelBuilder
  | bargauge.PanelBuilder
  | heatmap.PanelBuilder;

function target(t: TargetModel): prometheus.DataqueryBuilder {
  const query = new prometheus.DataqueryBuilder()
    .refId(t.refId)
    .datasource({ ...(t.datasource ?? VARIABLE_DATASOURCE) })
    .expr(t.expr)
    .format(t.format as prometheus.PromQueryFormat);
  if (t.legendFormat !== undefined) query.legendFormat(t.legendFormat);
  return t.instant ? query.instant() : query.range();
}

function thresholds(panel: PanelModel): dashboard.ThresholdsConfigBuilder | undefined {
  if (!panel.thresholds || panel.thresholds.length === 0) return undefined;
  const steps = panel.thresholds.map((s) => ({ value: s.value ?? null, color: s.color }));
  // Grafana wants a base step (value null) first.
  if (steps[0]!.value !== null) steps.unshift({ value: null, color: 'green' });
  const mode = panel.thresholdsMode === 'percentage' ? dashboard.ThresholdsMode.Percentage : dashboard.ThresholdsMode.Absolute;
  return new dashboard.ThresholdsConfigBuilder().mode(mode).steps(steps);
}

function legend(panel: PanelModel): common.VizLegendOptionsBuilder {
  const l = panel.legend ?? {};
  return new common.VizLegendOptionsBuilder()
    .showLegend(l.show ?? true)
    .displayMode(l.mode === 'table' ? common.LegendDisplayMode.Table : common.LegendDisplayMode.List)
    .placement(l.placement === 'right' ? common.LegendPlacement.Right : common.LegendPlacement.Bottom)
    .calcs([...(l.calcs ?? [])]);
}

const lastValue = () => new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

function typed(panel: PanelModel): AnyPanelBuilder {
  switch (panel.type) {
    case 'timeseries': {
      const b = new timeseries.PanelBuilder().legend(legend(panel)).lineWidth(1).fillOpacity(10).showPoints(common.VisibilityMode.Never);
      if (panel.stack) b.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
      return b;
    }
    case 'gauge':
      return new gauge.PanelBuilder().reduceOptions(lastValue()).showThresholdMarkers(true);
    case 'stat':
      return new stat.PanelBuilder().reduceOptions(lastValue()).graphMode(common.BigValueGraphMode.Area);
    case 'table':
      return new table.PanelBuilder();
    case 'bargauge':
      return new bargauge.PanelBuilder().reduceOptions(lastValue()).displayMode(common.BarGaugeDisplayMode.Gradient).legend(legend(panel));
    case 'heatmap': {
      // Prometheus histograms are already buckets: show them, don't re-bucket (calculate: false).
      const b = new heatmap.PanelBuilder().calculate(false).cellGap(1);
      const y = new heatmap.YAxisConfigBuilder();
      if (panel.unit !== undefined) y.unit(panel.unit);
      b.yAxis(y);
      if (panel.legend?.show === false) b.hideLegend();
      else b.showLegend();
      return b;
    }
  }
}

/** One panel, every field from the model; the position is the model's (laid out in src/model/). */
export function panelBuilder(panel: PanelModel): AnyPanelBuilder {
  const b = typed(panel);
  b.id(panel.id).title(panel.title).datasource({ ...(panel.datasource ?? VARIABLE_DATASOURCE) }).gridPos({ ...panel.gridPos });
  if (panel.description !== undefined) b.description(panel.description);
  if (panel.unit !== undefined) b.unit(panel.unit);
  if (panel.min !== undefined) b.min(panel.min);
  if (panel.max !== undefined) b.max(panel.max);
  if (panel.decimals !== undefined) b.decimals(panel.decimals);
  const t = thresholds(panel);
  if (t) b.thresholds(t);
  for (const q of panel.targets) b.withTarget(target(q));
  return b;
}
