// dashboard/unit-mismatch on counts, rates of counts, rates of series without a unit, and seconds
// per second. A counter whose name and unit say nothing of a quantity counts events (Prometheus'
// naming: a unit is the name's suffix), so its rate is a count per second: never a size, a
// duration, a share or a data rate. Seconds per second (CPU or busy time) are a ratio that may pass 1.
// A rate of a series with no unit is judged only against what no quantity per second can be.
import { describe, expect, it } from 'vitest';
import { counter, dashboard, defineProject, gauge, scrapeJob, timeseriesPanel } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const ID = 'dashboard/unit-mismatch';

const metrics = [
  counter({ name: 'api_requests_total', help: 'Requests.', labels: ['code'] }),
  counter({ name: 'api_jobs_done', help: 'Jobs done (a counter of the old style, without _total).' }),
  counter({ name: 'process_cpu_seconds_total', help: 'CPU time.' }),
  counter({ name: 'api_busy_total', help: 'Time spent busy.', unit: 'seconds' }),
  counter({ name: 'api_response_bytes_total', help: 'Bytes sent.' }),
  // Its name says a quantity that is no count (an exporter that leaves the unit out): not judged as a count.
  counter({ name: 'windows_cpu_time_total', help: 'CPU time, in seconds.' }),
  counter({ name: 'haproxy_backend_bytes_in_total', help: 'Bytes in.' }),
  counter({ name: 'api_energy_joules_total', help: 'Energy.' }),
  gauge({ name: 'api_queue_length', help: 'Queue length.' }),
  gauge({ name: 'api_heap_bytes', help: 'Heap.' }),
];

const Q = {
  requests: 'sum(rate(api_requests_total[5m]))',
  jobs: 'sum(irate(api_jobs_done[5m]))',
  requestsInHour: 'sum(increase(api_requests_total[1h]))',
  series: 'count(api_heap_bytes)',
  cpu: 'sum(rate(process_cpu_seconds_total[5m]))',
  busy: 'rate(api_busy_total[5m])',
  cpuPercent: '100 * sum(rate(process_cpu_seconds_total[5m]))',
  queueGrowth: 'deriv(api_queue_length[10m])',
  sent: 'sum(rate(api_response_bytes_total[5m]))',
};

const panel = (title: string, unit: string, expr: string) => timeseriesPanel({ title, unit, targets: [{ expr }] });

function messages(panels: Parameters<typeof dashboard>[0]['panels']): string[] {
  const project = defineProject({
    name: 'api',
    metrics,
    prometheus: { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'api', targets: ['api:8080'] })] },
    dashboards: [dashboard({ title: 'API', panels })],
  });
  return runOn(project, [ID]).map((d) => `${d.message} | ${d.hint}`);
}

describe(`${ID}: counts and rates of counts`, () => {
  it('fires on a count per second shown as a size, a duration, a share, a data rate or per minute, and on a count shown as any of those', () => {
    expect(messages([
      panel('ReqAsBytes', 'bytes', Q.requests),
      panel('ReqAsSeconds', 's', Q.requests),
      panel('ReqAsShare', 'percentunit', Q.requests),
      panel('ReqAsDataRate', 'Bps', Q.requests),
      panel('ReqPerMinute', 'reqpm', Q.requests),
      panel('OldCounterAsMs', 'ms', Q.jobs),
      panel('IncreaseAsBytes', 'bytes', Q.requestsInHour),
      panel('CountAsPercent', 'percent', Q.series),
      panel('CountAsDate', 'dateTimeAsIso', Q.series),
    ])).toEqual([
      'panel ReqAsBytes: unit "bytes" does not fit targets[0]: its values are counts per second, and unit "bytes" shows them as a data size | use unit: \'reqps\'',
      'panel ReqAsSeconds: unit "s" does not fit targets[0]: its values are counts per second, and unit "s" shows them as a duration | use unit: \'reqps\'',
      'panel ReqAsShare: unit "percentunit" does not fit targets[0]: its values are counts per second, and unit "percentunit" shows them as a share | use unit: \'reqps\'',
      'panel ReqAsDataRate: unit "Bps" does not fit targets[0]: its values are counts per second, and unit "Bps" shows them as a data rate | use unit: \'reqps\'',
      'panel ReqPerMinute: unit "reqpm" does not fit targets[0]: its values are counts per second, and unit "reqpm" reads them per minute (1 per second would show as 1 per minute) | use unit: \'reqps\'',
      'panel OldCounterAsMs: unit "ms" does not fit targets[0]: its values are counts per second, and unit "ms" shows them as a duration | use unit: \'cps\'',
      'panel IncreaseAsBytes: unit "bytes" does not fit targets[0]: its values are counts, and unit "bytes" shows them as a data size | use unit: \'short\'',
      'panel CountAsPercent: unit "percent" does not fit targets[0]: its values are counts, and unit "percent" shows them as a share | use unit: \'short\'',
      'panel CountAsDate: unit "dateTimeAsIso" does not fit targets[0]: its values are counts, and unit "dateTimeAsIso" reads them as a date, in milliseconds since 1970 | use unit: \'short\'',
    ]);
  });

  it('is quiet on rates of counts in units of events per second, units without a dimension, and on counts in units of events', () => {
    expect(messages([
      panel('Reqps', 'reqps', Q.requests),
      panel('Ops', 'ops', Q.requests),
      panel('Cps', 'cps', Q.requests),
      panel('Short', 'short', Q.requests),
      panel('None', 'none', Q.requests),
      panel('Custom', 'suffix: req/s', Q.requests),
      panel('Hertz', 'hertz', Q.requests),
      panel('PerMinute', 'reqpm', `${Q.requests} * 60`),
      // An increase over a minute is per minute: a count alone does not say over how long.
      panel('IncreasePerMinute', 'opm', 'sum(increase(api_requests_total[1m]))'),
      panel('Count', 'short', Q.series),
      panel('ErrorShare', 'percentunit', `sum(rate(api_requests_total{code=~"5.."}[5m])) / ${Q.requests}`),
      // Names that say a quantity, or a unit the check does not know: not counts.
      panel('WindowsCpu', 'percentunit', 'sum(rate(windows_cpu_time_total[5m]))'),
      panel('BytesIn', 'Bps', 'sum(rate(haproxy_backend_bytes_in_total[5m]))'),
      panel('Power', 'watt', 'sum(rate(api_energy_joules_total[5m]))'),
      panel('Sent', 'binBps', Q.sent),
    ])).toEqual([]);
  });
});

describe(`${ID}: seconds per second and rates of series without a unit`, () => {
  it('fires on seconds per second shown as a duration or in percent, on its percentage shown as a ratio', () => {
    expect(messages([
      panel('CpuAsSeconds', 's', Q.cpu),
      panel('CpuAsMs', 'ms', Q.cpu),
      panel('CpuAsPercent', 'percent', Q.cpu),
      panel('BusyAsClock', 'dthms', Q.busy),
      panel('CpuPercentAsRatio', 'percentunit', Q.cpuPercent),
    ])).toEqual([
      'panel CpuAsSeconds: unit "s" does not fit targets[0]: its values are seconds per second, a ratio (0.5 is half of each second, above 1 when several run at once), and unit "s" shows them as a duration | use unit: \'percentunit\'',
      'panel CpuAsMs: unit "ms" does not fit targets[0]: its values are seconds per second, a ratio (0.5 is half of each second, above 1 when several run at once), and unit "ms" shows them as a duration | use unit: \'percentunit\'',
      'panel CpuAsPercent: unit "percent" does not fit targets[0]: its values are seconds per second, a ratio (0.5 is half of each second, above 1 when several run at once), and unit "percent" expects 0 to 100 (5% would show as 0.05%) | use unit: \'percentunit\'',
      'panel BusyAsClock: unit "dthms" does not fit targets[0]: its values are seconds per second, a ratio (0.5 is half of each second, above 1 when several run at once), and unit "dthms" shows them as a duration | use unit: \'percentunit\'',
      'panel CpuPercentAsRatio: unit "percentunit" does not fit targets[0]: its values are percentages (0 to 100), and unit "percentunit" expects 0 to 1 (5% would show as 500%) | use unit: \'percent\'',
    ]);
  });

  it('is quiet on seconds per second as a share, in cores (no dimension), and scaled to percent', () => {
    expect(messages([
      panel('Cpu', 'percentunit', Q.cpu),
      panel('Cores', 'short', Q.cpu),
      panel('CpuPercent', 'percent', Q.cpuPercent),
      panel('CpuPercentAfter', 'percent', `${Q.cpu} * 100`),
      panel('Idle', 'percent', '100 - 100 * sum(rate(process_cpu_seconds_total[5m]))'),
      panel('Busy', 'percentunit', Q.busy),
      // Seconds per second per core: still a ratio.
      panel('PerCore', 'percentunit', `${Q.cpu} / count(api_heap_bytes)`),
    ])).toEqual([]);
  });

  it('fires on a rate of a series without a unit shown as a size, a duration or a date, and is quiet otherwise', () => {
    expect(messages([
      panel('GrowthAsBytes', 'bytes', Q.queueGrowth),
      panel('GrowthAsSeconds', 's', Q.queueGrowth),
      panel('GrowthAsDate', 'dateTimeAsIso', Q.queueGrowth),
      // What it is a rate of, no name says: any rate may be right.
      panel('GrowthAsDataRate', 'Bps', Q.queueGrowth),
      panel('GrowthAsShare', 'percentunit', Q.queueGrowth),
      panel('GrowthAsOps', 'ops', Q.queueGrowth),
      // The series itself: its unit is not known.
      panel('Queue', 'bytes', 'sum(api_queue_length)'),
    ])).toEqual([
      'panel GrowthAsBytes: unit "bytes" does not fit targets[0]: its values are a rate per second of a series without a unit, and unit "bytes" shows them as a data size | use unit: \'short\'',
      'panel GrowthAsSeconds: unit "s" does not fit targets[0]: its values are a rate per second of a series without a unit, and unit "s" shows them as a duration | use unit: \'short\'',
      'panel GrowthAsDate: unit "dateTimeAsIso" does not fit targets[0]: its values are a rate per second of a series without a unit, and unit "dateTimeAsIso" reads them as a date, in milliseconds since 1970 | use unit: \'short\'',
    ]);
  });
});
