/**
 * Grafana's old Angular panel types, gone since Grafana 11/12 (Angular support removed), and what
 * replaces each. The schema refuses them wherever a panel type is given; `import` converts the
 * ones a helper can say (src/import/grafana/legacy-panels.ts).
 */
export const LEGACY_PANEL_TYPES: Readonly<Record<string, { type: string; helper: string }>> = {
  graph: { type: 'timeseries', helper: 'timeseriesPanel(…)' },
  singlestat: { type: 'stat', helper: 'statPanel(…)' },
  'grafana-singlestat-panel': { type: 'stat', helper: 'statPanel(…)' },
  'table-old': { type: 'table', helper: 'tablePanel(…)' },
  'grafana-piechart-panel': { type: 'piechart', helper: 'pieChartPanel(…)' },
  'grafana-worldmap-panel': { type: 'geomap', helper: 'sdkPanel(new geomap.PanelBuilder()…)' },
};
