// The metric catalogue: every metric a rule or a dashboard may use, yours and the exporters'.
// `totem-mon validate` checks each expression against it (a metric or a label that does not exist,
// rate() over a gauge, …). Rename a metric here and every rule and panel follows.
import { counter, gauge, histogram } from 'totem-mon';

/** What your service exposes on /metrics (prom-client: `import { promClientMetrics } from 'totem-mon/prom-client'`). */
export const requests = counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by status code.',
  labels: ['code'],
});

export const requestDuration = histogram({
  name: 'http_request_duration_seconds',
  help: 'Time taken to answer an HTTP request.',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  unit: 'seconds',
});

/** Written by Prometheus itself for every target it scrapes: 1 reached, 0 not. */
export const up = gauge({ name: 'up', help: 'Whether the last scrape of the target succeeded.', exporter: 'prometheus' });

export const catalogue = [requests, requestDuration, up];
