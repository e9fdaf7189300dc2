// dashboard/unit-mismatch across unit families: a duration shown as bytes or as a share, a ratio
// shown as a duration, bytes in another size unit, bytes per second shown as a size. Units without
// a dimension (short, none, custom ones) fit every value. Counts and their rates:
// unit-mismatch-rates.test.ts.
import { describe, expect, it } from 'vitest';
import { counter, dashboard, defineProject, gauge, heatmapPanel, histogram, scrapeJob, sdkPanel, timeseriesPanel } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const ID = 'dashboard/unit-mismatch';

const latency = histogram({ name: 'api_request_duration_seconds', help: 'Latency.', labels: ['route'], buckets: [0.1, 0.5, 1] });
const requests = counter({ name: 'api_requests_total', help: 'Requests.', labels: ['code'] });
const sent = counter({ name: 'api_response_bytes_total', help: 'Bytes sent.', unit: 'bytes' });
const heap = gauge({ name: 'api_heap_bytes', help: 'Heap in use.' });
const started = gauge({ name: 'api_start_time_seconds', help: 'Start time, seconds since 1970.' });

const QUERIES = {
  p90: 'histogram_quantile(0.9, sum by (le) (rate(api_request_duration_seconds_bucket[5m])))',
  errorRatio: 'sum(rate(api_requests_total{code=~"5.."}[5m])) / sum(rate(api_requests_total[5m]))',
  errorPercent: '100 * sum(rate(api_requests_total{code=~"5.."}[5m])) / sum(rate(api_requests_total[5m]))',
  heap: 'sum(api_heap_bytes)',
  sentPerSecond: 'sum(rate(api_response_bytes_total[5m]))',
  requestsPerSecond: 'sum(rate(api_requests_total[5m]))',
  startMs: 'api_start_time_seconds * 1000',
  start: 'api_start_time_seconds',
};

const panel = (title: string, unit: string, expr: string) => timeseriesPanel({ title, unit, targets: [{ expr }] });

function messages(panels: Parameters<typeof dashboard>[0]['panels'], ids: string[] = [ID]): string[] {
  const project = defineProject({
    name: 'api',
    metrics: [latency, requests, sent, heap, started],
    prometheus: { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'api', targets: ['api:8080'] })] },
    dashboards: [dashboard({ title: 'API', panels })],
  });
  return runOn(project, ids).map((d) => `${d.message} | ${d.hint}`);
}

describe(`${ID}: a unit of another family than the query's values`, () => {
  it('fires on a duration, a ratio, a percentage, a size and a data rate each shown as something else', () => {
    expect(messages([
      panel('P90AsBytes', 'bytes', QUERIES.p90),
      panel('P90AsShare', 'percentunit', QUERIES.p90),
      panel('P90AsThroughput', 'reqps', QUERIES.p90),
      panel('P90AsDate', 'dateTimeAsIso', QUERIES.p90),
      panel('RatioAsSeconds', 's', QUERIES.errorRatio),
      panel('RatioAsPpm', 'ppm', QUERIES.errorRatio),
      panel('PercentAsMoney', 'currencyEUR', QUERIES.errorPercent),
      panel('HeapAsKbytes', 'kbytes', QUERIES.heap),
      panel('HeapAsBits', 'bits', QUERIES.heap),
      panel('HeapAsDataRate', 'Bps', QUERIES.heap),
      panel('SentAsSize', 'bytes', QUERIES.sentPerSecond),
      panel('SentAsBits', 'bps', QUERIES.sentPerSecond),
      panel('StartAsDate', 'dateTimeAsIso', QUERIES.start),
    ])).toEqual([
      'panel P90AsBytes: unit "bytes" does not fit targets[0]: its values are seconds, and unit "bytes" shows them as a data size | use unit: \'s\', or scale the query',
      'panel P90AsShare: unit "percentunit" does not fit targets[0]: its values are seconds, and unit "percentunit" shows them as a share | use unit: \'s\', or scale the query',
      'panel P90AsThroughput: unit "reqps" does not fit targets[0]: its values are seconds, and unit "reqps" shows them as a rate of events | use unit: \'s\', or scale the query',
      'panel P90AsDate: unit "dateTimeAsIso" does not fit targets[0]: its values are seconds, and unit "dateTimeAsIso" reads them as a date, in milliseconds since 1970 | use unit: \'s\', or scale the query',
      'panel RatioAsSeconds: unit "s" does not fit targets[0]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration | use unit: \'percentunit\'',
      'panel RatioAsPpm: unit "ppm" does not fit targets[0]: its values are a ratio between 0 and 1, and unit "ppm" reads them on another scale | use unit: \'percentunit\'',
      'panel PercentAsMoney: unit "currencyEUR" does not fit targets[0]: its values are percentages (0 to 100), and unit "currencyEUR" shows them as another quantity | use unit: \'percent\'',
      'panel HeapAsKbytes: unit "kbytes" does not fit targets[0]: its values are bytes, and unit "kbytes" reads them in another size unit (1024 bytes would show as 1024 kbytes) | use unit: \'bytes\'',
      'panel HeapAsBits: unit "bits" does not fit targets[0]: its values are bytes, and unit "bits" reads them in another size unit (1024 bytes would show as 1024 bits) | use unit: \'bytes\'',
      'panel HeapAsDataRate: unit "Bps" does not fit targets[0]: its values are bytes, and unit "Bps" shows them as a data rate | use unit: \'bytes\'',
      'panel SentAsSize: unit "bytes" does not fit targets[0]: its values are bytes per second, and unit "bytes" shows them as a data size | use unit: \'Bps\'',
      'panel SentAsBits: unit "bps" does not fit targets[0]: its values are bytes per second, and unit "bps" reads them in another size unit (1024 bytes per second would show as 1024 bps) | use unit: \'Bps\'',
      'panel StartAsDate: unit "dateTimeAsIso" does not fit targets[0]: its values are seconds, and unit "dateTimeAsIso" reads them as a date, in milliseconds since 1970 | use unit: \'s\', or scale the query',
    ]);
  });

  it('judges a heatmap by its buckets\' bounds across families too', () => {
    expect(messages([
      heatmapPanel({ title: 'HeatmapBytes', unit: 'bytes', targets: [{ expr: 'sum by (le) (rate(api_request_duration_seconds_bucket[5m]))', format: 'heatmap' }] }),
    ])).toEqual([
      'panel HeatmapBytes: unit "bytes" does not fit targets[0]: its buckets\' bounds (le, the y axis) are seconds, and unit "bytes" shows them as a data size | use unit: \'s\', or scale the query',
    ]);
  });

  it('is quiet on the units that fit, on units without a dimension, and where the catalogue cannot tell', () => {
    expect(messages([
      panel('P90', 's', QUERIES.p90),
      panel('P90Clock', 'dthms', QUERIES.p90),
      panel('P90Short', 'short', QUERIES.p90),
      panel('P90None', 'none', QUERIES.p90),
      panel('P90Custom', 'suffix: sec', QUERIES.p90),
      panel('Ratio', 'percentunit', QUERIES.errorRatio),
      panel('Percent', 'percent', QUERIES.errorPercent),
      panel('Heap', 'bytes', QUERIES.heap),
      panel('HeapDecimal', 'decbytes', QUERIES.heap),
      panel('Sent', 'Bps', QUERIES.sentPerSecond),
      panel('SentBinary', 'binBps', QUERIES.sentPerSecond),
      panel('Requests', 'reqps', QUERIES.requestsPerSecond),
      // Seconds × 1000 are milliseconds: what Grafana's date units read.
      panel('StartMs', 'dateTimeAsIso', QUERIES.startMs),
      panel('StartFromNow', 'dateTimeFromNow', QUERIES.startMs),
      // Scaled by a factor no unit is known for: not judged.
      panel('HeapInBits', 'bits', `${QUERIES.heap} * 8`),
      // Busy time: seconds per second.
      panel('Busy', 'percentunit', 'sum(rate(api_request_duration_seconds_sum[5m]))'),
      // A rate of a rate.
      panel('Acceleration', 'Bps', `deriv(${QUERIES.sentPerSecond}[10m:1m])`),
    ])).toEqual([]);
  });
});

describe(`${ID}: overrides and panels from the Grafana SDK`, () => {
  const twoQueries = [{ expr: QUERIES.p90 }, { expr: QUERIES.errorRatio }];

  it('judges each query by the override that takes it (by query), else by the panel\'s unit', () => {
    expect(messages([
      timeseriesPanel({ title: 'Fits', unit: 's', targets: twoQueries, overrides: [{ match: { query: 'B' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'OverrideWrong', unit: 's', targets: twoQueries, overrides: [{ match: { query: 'B' }, unit: 'ms' }] }),
      timeseriesPanel({ title: 'NoOverride', unit: 's', targets: twoQueries }),
    ])).toEqual([
      'panel OverrideWrong override 1 (query B): unit "ms" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "ms" shows them as a duration | use unit: \'percentunit\'',
      'panel NoOverride: unit "s" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "s" shows them as a duration | use unit: \'percentunit\'',
    ]);
  });

  it('stays quiet when an override by name or regex takes series no query alone tells', () => {
    expect(messages([
      timeseriesPanel({ title: 'ByName', unit: 's', targets: twoQueries, overrides: [{ match: { name: 'errors' }, unit: 'percentunit' }] }),
      timeseriesPanel({ title: 'ByRegex', unit: 's', targets: twoQueries, overrides: [{ match: { regex: 'err.*' }, unit: 'percentunit' }] }),
    ])).toEqual([]);
  });

  it('reads an SDK panel\'s fieldConfig: its default unit and its overrides by query', () => {
    const sdk = (title: string, fieldConfig: unknown) => sdkPanel({ type: 'xychart', title, fieldConfig, targets: [{ refId: 'A', expr: QUERIES.p90 }, { refId: 'B', expr: QUERIES.errorRatio }] });
    expect(messages([
      sdk('SdkDefault', { defaults: { unit: 'bytes' }, overrides: [] }),
      sdk('SdkOverride', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byFrameRefID', options: 'B' }, properties: [{ id: 'unit', value: 'dtdurations' }] }] }),
      sdk('SdkFits', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byFrameRefID', options: 'B' }, properties: [{ id: 'unit', value: 'percentunit' }] }] }),
      sdk('SdkByName', { defaults: { unit: 's' }, overrides: [{ matcher: { id: 'byName', options: 'errors' }, properties: [{ id: 'unit', value: 'percentunit' }] }] }),
      sdkPanel({ type: 'heatmap', title: 'SdkHeatmap', fieldConfig: { defaults: { unit: 'ms' } }, targets: [{ expr: 'sum by (le) (rate(api_request_duration_seconds_bucket[5m]))', format: 'heatmap' }] }),
    ])).toEqual([
      'panel SdkDefault: unit "bytes" does not fit targets[0]: its values are seconds, and unit "bytes" shows them as a data size | use unit: \'s\', or scale the query',
      'panel SdkDefault: unit "bytes" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "bytes" shows them as a data size | use unit: \'percentunit\'',
      'panel SdkOverride override 1 (byFrameRefID B): unit "dtdurations" does not fit targets[1]: its values are a ratio between 0 and 1, and unit "dtdurations" shows them as a duration | use unit: \'percentunit\'',
      'panel SdkHeatmap: unit "ms" does not fit targets[0]: its buckets\' bounds (le, the y axis) are seconds, and unit "ms" reads them as another time unit (0.25 s would show as 0.25 ms) | use unit: \'s\', or scale the query',
    ]);
  });

  it('dashboard/unknown-unit reads an SDK panel\'s units too', () => {
    const panel = sdkPanel({ type: 'xychart', title: 'Sdk', fieldConfig: { defaults: { unit: 'seconds' }, overrides: [{ matcher: { id: 'byFrameRefID', options: 'A' }, properties: [{ id: 'unit', value: 'byte' }] }] }, targets: [{ refId: 'A', expr: QUERIES.heap }] });
    expect(messages([panel], ['dashboard/unknown-unit'])).toEqual([
      'panel Sdk: unit "seconds" is not a Grafana unit: Grafana prints it as text after the raw number, with no scaling. Did you mean "s"? | use a Grafana unit id (s, ms, bytes, percent, percentunit, reqps, ops, short, …) or a custom unit written \'suffix: tickets\'',
      'panel Sdk override 1 (byFrameRefID A): unit "byte" is not a Grafana unit: Grafana prints it as text after the raw number, with no scaling. Did you mean "bytes"? | use a Grafana unit id (s, ms, bytes, percent, percentunit, reqps, ops, short, …) or a custom unit written \'suffix: tickets\'',
    ]);
  });
});
