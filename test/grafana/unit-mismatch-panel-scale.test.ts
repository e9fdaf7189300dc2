// dashboard/unit-mismatch beyond the queries: what a single-value panel shows when it reduces a
// series with `count` (how many values: a count, shown in the panel's unit), and limits (min, max)
// and thresholds written on the 0-100 scale of a panel whose unit `percentunit` reads 0 to 1.
import { describe, expect, it } from 'vitest';
import { barGaugePanel, counter, dashboard, defineProject, gauge, gaugePanel, histogram, scrapeJob, sdkPanel, statPanel, timeseriesPanel } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const ID = 'dashboard/unit-mismatch';

const metrics = [
  counter({ name: 'api_requests_total', help: 'Requests.', labels: ['code'] }),
  gauge({ name: 'api_free_ratio', help: 'Free share.' }),
  gauge({ name: 'api_heap_bytes', help: 'Heap.' }),
  histogram({ name: 'api_request_duration_seconds', help: 'Latency.', buckets: [0.1, 0.5, 1] }),
];
const P90 = 'histogram_quantile(0.9, sum by (le) (rate(api_request_duration_seconds_bucket[5m])))';
const ERRORS = 'sum(rate(api_requests_total{code=~"5.."}[5m])) / sum(rate(api_requests_total[5m]))';

function messages(panels: Parameters<typeof dashboard>[0]['panels']): string[] {
  const project = defineProject({
    name: 'api',
    metrics,
    prometheus: { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'api', targets: ['api:8080'] })] },
    dashboards: [dashboard({ title: 'API', panels })],
  });
  return runOn(project, [ID]).map((d) => `${d.message} | ${d.hint}`);
}

describe(`${ID}: a single-value panel reduced with count`, () => {
  it('fires on a unit with a dimension: the panel shows how many values each series has, in that unit', () => {
    expect(messages([
      statPanel({ title: 'Samples', unit: 's', reduce: 'count', targets: [{ expr: P90 }] }),
      gaugePanel({ title: 'GaugeCount', unit: 'percentunit', reduce: 'count', targets: [{ expr: ERRORS }] }),
      sdkPanel({ type: 'stat', title: 'SdkCount', fieldConfig: { defaults: { unit: 'bytes' } }, options: { reduceOptions: { calcs: ['distinctCount'], values: false } }, targets: [{ refId: 'A', expr: 'api_heap_bytes' }] }),
    ])).toEqual([
      'panel Samples: unit "s" does not fit targets[0]: the panel reduces each series with count: its values are counts, and unit "s" shows them as a duration | use unit: \'short\'',
      'panel GaugeCount: unit "percentunit" does not fit targets[0]: the panel reduces each series with count: its values are counts, and unit "percentunit" shows them as a share | use unit: \'short\'',
      'panel SdkCount: unit "bytes" does not fit targets[0]: the panel reduces each series with distinctCount: its values are counts, and unit "bytes" shows them as a data size | use unit: \'short\'',
    ]);
  });

  it('is quiet without a count, with a unit without a dimension, on a timeseries panel, and on all values shown', () => {
    expect(messages([
      statPanel({ title: 'Last', unit: 's', targets: [{ expr: P90 }] }),
      statPanel({ title: 'Max', unit: 's', reduce: 'max', targets: [{ expr: P90 }] }),
      statPanel({ title: 'Short', unit: 'short', reduce: 'count', targets: [{ expr: P90 }] }),
      barGaugePanel({ title: 'Events', unit: 'none', reduce: 'count', targets: [{ expr: ERRORS }] }),
      timeseriesPanel({ title: 'Series', unit: 's', reduce: 'count', targets: [{ expr: P90 }] }),
      sdkPanel({ type: 'stat', title: 'AllValues', fieldConfig: { defaults: { unit: 'bytes' } }, options: { reduceOptions: { calcs: ['count'], values: true } }, targets: [{ refId: 'A', expr: 'api_heap_bytes' }] }),
    ])).toEqual([]);
  });
});

describe(`${ID}: limits and thresholds of a percentunit panel on the 0-100 scale`, () => {
  it('fires on min, max or a threshold above 1 where the values are ratios, and on 100 whatever they are', () => {
    expect(messages([
      timeseriesPanel({ title: 'Max100', unit: 'percentunit', max: 100, targets: [{ expr: ERRORS }] }),
      gaugePanel({ title: 'Thresholds', unit: 'percentunit', min: 0, max: 1, thresholds: [{ color: 'green' }, { value: 80, color: 'red' }], targets: [{ expr: 'api_free_ratio' }] }),
      // Whatever the query is: 100 on a scale of 0 to 1 is 10000%.
      statPanel({ title: 'Unknown', unit: 'percentunit', max: 100, targets: [{ expr: 'unknown_series' }] }),
      sdkPanel({ type: 'gauge', title: 'SdkMax', fieldConfig: { defaults: { unit: 'percentunit', max: 100 } }, targets: [{ refId: 'A', expr: ERRORS }] }),
    ])).toEqual([
      'panel Max100: max 100 is on the scale of 0 to 100, but unit "percentunit" reads 0 to 1 (100 is 10000%): its values are a ratio between 0 and 1 | write max: 1',
      'panel Thresholds: thresholds[1] 80 is on the scale of 0 to 100, but unit "percentunit" reads 0 to 1 (80 is 8000%): its values are a ratio between 0 and 1 | write thresholds[1]: 0.8',
      'panel Unknown: max 100 is on the scale of 0 to 100, but unit "percentunit" reads 0 to 1 (100 is 10000%) | write max: 1',
      'panel SdkMax: max 100 is on the scale of 0 to 100, but unit "percentunit" reads 0 to 1 (100 is 10000%): its values are a ratio between 0 and 1 | write max: 1',
    ]);
  });

  it('is quiet on limits of 0 to 1, on thresholds in percentage mode, on values that may pass 1, and on percent', () => {
    expect(messages([
      timeseriesPanel({ title: 'Fine', unit: 'percentunit', min: 0, max: 1, thresholds: [{ color: 'green' }, { value: 0.8, color: 'red' }], targets: [{ expr: ERRORS }] }),
      gaugePanel({ title: 'PercentageMode', unit: 'percentunit', thresholdsMode: 'percentage', thresholds: [{ color: 'green' }, { value: 80, color: 'red' }], targets: [{ expr: ERRORS }] }),
      // Seconds per second pass 1 with several cores.
      timeseriesPanel({ title: 'Cores', unit: 'percentunit', max: 4, targets: [{ expr: 'sum(rate(api_request_duration_seconds_sum[5m]))' }] }),
      // Unknown values: only 100 is surely off.
      timeseriesPanel({ title: 'UnknownMax2', unit: 'percentunit', max: 2, targets: [{ expr: 'unknown_series' }] }),
      timeseriesPanel({ title: 'Percent', unit: 'percent', max: 100, thresholds: [{ color: 'green' }, { value: 80, color: 'red' }], targets: [{ expr: `100 * ${ERRORS}` }] }),
    ])).toEqual([]);
  });
});

describe(`${ID}: where a limit's finding points`, () => {
  it('points at the threshold step written', () => {
    const project = defineProject({
      name: 'api',
      metrics,
      prometheus: { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'api', targets: ['api:8080'] })] },
      dashboards: [dashboard({ title: 'API', panels: [gaugePanel({ title: 'T', unit: 'percentunit', thresholds: [{ color: 'green' }, { value: 90, color: 'red' }], targets: [{ expr: ERRORS }] })] })],
    });
    expect(runOn(project, [ID]).map((d) => d.path?.slice(-2))).toEqual([['thresholds[1]', 'value']]);
  });
});
