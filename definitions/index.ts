// The Totem system's monitoring, from its monitoring document. `totem-mon generate` compiles this.
import { defineProject, scrapeJob } from 'totem-mon';
import { catalogue } from './metrics/index.js';
import { totemAlerts } from './alerts.js';
import { totemAlertmanager } from './alertmanager.js';
import { dashboards } from './dashboards/index.js';
import { healthChecks } from './health.js';
import { slos } from './slos.js';
import { docs } from './docs.js';

export default defineProject({
  name: 'totem',
  metrics: catalogue,
  prometheus: {
    global: { scrapeInterval: '15s', evaluationInterval: '15s' },
    alertmanagers: ['alertmanager:9093'],
    // The blackbox exporter that probes the health checks (a container next to Prometheus).
    blackboxExporter: 'blackbox-exporter:9115',
    scrapeJobs: [
      // The API container of the document's Docker Compose file serves /metrics on port 8000.
      scrapeJob({ name: 'totem-api', targets: ['api:8000'], path: '/metrics' }),
      scrapeJob({ name: 'node', targets: ['node-exporter:9100'] }),
    ],
  },
  ruleGroups: [totemAlerts],
  alertmanager: totemAlertmanager,
  dashboards,
  healthChecks,
  slos,
  docs,
  // The API is Python (prometheus_client): out/instrument/python/totem_metrics.py declares its metrics.
  instrument: { python: {} },
  grafana: {
    // The team reads Portuguese: the dashboards' data source drop-down says so (English default: "Data source").
    datasourceVariableLabel: 'Fonte de dados',
    // The document's logs (JSON lines with trace_id and span_id, service "totem-api") go to Loki and its
    // OpenTelemetry traces (OTLP) to Tempo: with the defaults a log line links to its trace, a span to
    // the logs of its service, and an exemplar on the latency histograms to its trace.
    loki: {},
    tempo: {},
  },
});
