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
import * as histogram from '@grafana/grafana-foundation-sdk/histogram';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as statushistory from '@grafana/grafana-foundation-sdk/statushistory';
import * as text from '@grafana/grafana-foundation-sdk/text';
import type { PanelModel, TargetModel } from '../../model/dashboard.js';
import { VARIABLE_DATASOURCE } from '../../model/dashboard.js';
import type * as logs from '@grafana/grafana-foundation-sdk/logs';
import { panelLinkBuilder } from './links.js';
import { logsPanelBuilder, tracesPanelBuilder } from './logs-traces-panels.js';
import { panelDatasource } from '../../model/logs-traces.js';
import { fieldOverride, thresholdsConfig, transformation, valueMapping } from './field-config.js';

type AnyPanelBuilder =
  | timeseries.PanelBuilder
  | gauge.PanelBuilder
  | stat.PanelBuilder
  | table.PanelBuilder
  | bargauge.PanelBuilder
  | heatmap.PanelBuilder
  | histogram.PanelBuilder
  | piechart.PanelBuilder
  | statetimeline.PanelBuilder
  | statushistory.PanelBuilder
  | text.PanelBuilder
  | logs.PanelBuilder
  | dashboard.PanelBuilder;

function target(t: TargetModel): prometheus.DataqueryBuilder {
  const query = new prometheus.DataqueryBuilder()
    .refId(t.refId)
    .datasource({ ...(t.datasource ?? VARIABLE_DATASOURCE) })
    .expr(t.expr)
    .format(t.format as prometheus.PromQueryFormat);
  if (t.legendFormat !== undefined) query.legendFormat(t.legendFormat);
  if (t.exemplar) query.exemplar(true);
  return t.instant ? query.instant() : query.range();
}

function legend(panel: PanelModel): common.VizLegendOptionsBuilder {
  const l = panel.legend ?? {};
  return new common.VizLegendOptionsBuilder()
    .showLegend(l.show ?? true)
    .displayMode(l.mode === 'table' ? common.LegendDisplayMode.Table : common.LegendDisplayMode.List)
    .placement(l.placement === 'right' ? common.LegendPlacement.Right : common.LegendPlacement.Bottom)
    .calcs([...(l.calcs ?? [])]);
}

/** How a single-value panel reduces a series (default: its last non-null value). */
const reduced = (panel: PanelModel) => new common.ReduceDataOptionsBuilder().calcs([panel.reduce ?? 'lastNotNull']).values(false);

const COLOR_MODE = { value: common.BigValueColorMode.Value, background: common.BigValueColorMode.Background, none: common.BigValueColorMode.None } as const;

function typed(panel: PanelModel): AnyPanelBuilder {
  switch (panel.type) {
    case 'timeseries': {
      const b = new timeseries.PanelBuilder().legend(legend(panel)).lineWidth(1).fillOpacity(10).showPoints(common.VisibilityMode.Never);
      if (panel.stack) b.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
      return b;
    }
    case 'gauge':
      return new gauge.PanelBuilder().reduceOptions(reduced(panel)).showThresholdMarkers(true);
    case 'stat': {
      const b = new stat.PanelBuilder()
        .reduceOptions(reduced(panel))
        .graphMode(panel.graphMode === 'none' ? common.BigValueGraphMode.None : common.BigValueGraphMode.Area);
      if (panel.colorMode !== undefined) b.colorMode(COLOR_MODE[panel.colorMode]);
      return b;
    }
    case 'table':
      return new table.PanelBuilder();
    case 'bargauge':
      return new bargauge.PanelBuilder().reduceOptions(reduced(panel)).displayMode(common.BarGaugeDisplayMode.Gradient).legend(legend(panel));
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
    case 'histogram':
      return new histogram.PanelBuilder().legend(legend(panel)).fillOpacity(80);
    case 'piechart':
      return new piechart.PanelBuilder()
        .reduceOptions(reduced(panel))
        .pieType(panel.pieType === 'donut' ? piechart.PieChartType.Donut : piechart.PieChartType.Pie);
    case 'state-timeline':
      return new statetimeline.PanelBuilder().showValue(common.VisibilityMode.Auto).mergeValues(true).legend(legend(panel));
    case 'status-history':
      return new statushistory.PanelBuilder().showValue(common.VisibilityMode.Auto).legend(legend(panel));
    case 'text':
      return new text.PanelBuilder().mode(panel.mode === 'html' ? text.TextMode.HTML : text.TextMode.Markdown).content(panel.content ?? '');
    case 'logs':
      return logsPanelBuilder(panel);
    case 'traces':
      return tracesPanelBuilder(panel);
    case 'sdk': {
      // The escape hatch: what the SDK built in the definitions, kept as it is.
      const plugin = panel.plugin!;
      const b = new dashboard.PanelBuilder().type(plugin.type);
      if (plugin.options !== undefined) b.options(plugin.options);
      if (plugin.fieldConfig !== undefined) b.fieldConfig(plugin.fieldConfig as dashboard.FieldConfigSource);
      if (plugin.transformations !== undefined) b.transformations([...plugin.transformations] as dashboard.DataTransformerConfig[]);
      return b;
    }
  }
}

/** One panel, every field from the model; the position is the model's (laid out in src/model/). */
export function panelBuilder(panel: PanelModel): AnyPanelBuilder {
  const b = typed(panel);
  b.id(panel.id).title(panel.title).datasource({ ...panelDatasource(panel) }).gridPos({ ...panel.gridPos });
  if (panel.description !== undefined) b.description(panel.description);
  if (panel.transparent) b.transparent(true);
  if (panel.timeFrom !== undefined) b.timeFrom(panel.timeFrom);
  if (panel.unit !== undefined) b.unit(panel.unit);
  if (panel.min !== undefined) b.min(panel.min);
  if (panel.max !== undefined) b.max(panel.max);
  if (panel.decimals !== undefined) b.decimals(panel.decimals);
  const t = thresholdsConfig(panel.thresholds, panel.thresholdsMode);
  if (t) b.thresholds(t);
  if (panel.mappings?.length) b.mappings(panel.mappings.map(valueMapping));
  for (const o of panel.overrides ?? []) b.withOverride(fieldOverride(o));
  if (panel.links.length > 0) b.links(panel.links.map(panelLinkBuilder));
  if (panel.dataLinks.length > 0) b.dataLinks(panel.dataLinks.map(panelLinkBuilder));
  for (const x of panel.transformations ?? []) b.withTransformation(transformation(x));
  if (panel.repeat) {
    b.repeat(panel.repeat.variable).repeatDirection(panel.repeat.direction === 'vertical' ? 'v' : 'h');
    if (panel.repeat.maxPerRow !== undefined) b.maxPerRow(panel.repeat.maxPerRow);
  }
  for (const q of panel.targets) b.withTarget(target(q));
  return b;
}
