/**
 * Options the panel helpers write on every panel of their type (the Grafana SDK builders' defaults,
 * which the helpers do not expose): a dashboard that says exactly these says nothing the helper
 * cannot, so it fits the helper. Totem's own dashboards carry them all.
 */
import type { Json } from './field-config.js';

const VIZ = { sizing: 'auto', orientation: 'auto' };

export const WRITTEN_OPTIONS: Record<string, Json> = {
  timeseries: { tooltip: { mode: 'single', sort: 'asc' } },
  stat: { wideLayout: true, showPercentChange: false, percentChangeColorMode: 'standard' },
  gauge: { ...VIZ, showThresholdLabels: false, showThresholdMarkers: true, minVizWidth: 75, minVizHeight: 75 },
  bargauge: { ...VIZ, displayMode: 'gradient', valueMode: 'color', namePlacement: 'auto', showUnfilled: true, minVizWidth: 8, minVizHeight: 16, maxVizHeight: 300 },
  table: { frameIndex: 0, showHeader: true, showTypeIcons: false, footer: { show: false, reducer: [], countRows: false }, cellHeight: 'sm' },
};

/** `fieldConfig.defaults.custom` keys the helpers write, by panel type. */
export const WRITTEN_CUSTOM: Record<string, Json> = {
  table: { align: 'auto', inspect: false },
};
