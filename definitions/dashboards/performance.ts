// "Performance" of the monitoring document: response time and CPU, plus errors, memory and disk.
import {
  barGaugePanel, dashboard, gaugePanel, logsPanel, quantilesPanel, rate, ratePanel, ratio, row, timeseriesPanel, tracesPanel,
} from 'totem-mon';
import { errors, requestDuration, requests } from '../metrics/application.js';
import { nodeCpuSeconds, nodeFilesystemAvailable, nodeFilesystemSize, nodeMemoryAvailable, nodeMemoryTotal } from '../metrics/system.js';
import { byInstance, byJob, instanceVariable, jobVariable, links, tags } from './common.js';

// Real filesystems only: tmpfs and overlay come and go with containers.
const disks = { ...byInstance, fstype: { op: '!~', value: 'tmpfs|overlay' } } as const;

export const performance = dashboard({
  title: 'Performance',
  tags,
  links,
  description: 'Tempo de resposta, erros e recursos das máquinas do Totem.',
  variables: [jobVariable, instanceVariable],
  panels: [
    row({
      title: 'API',
      panels: [
        // The document's p95 (now with p50 and p99), summed by `le` so the quantile keeps its buckets.
        // Exemplars: the trace ids of slow requests, each a link to its trace in Tempo.
        quantilesPanel(requestDuration, { title: 'Tempo de Resposta', matchers: byJob, exemplars: true }),
        ratePanel(requests, { title: 'Requisições por segundo', by: ['job'], matchers: byJob, unit: 'reqps' }),
        timeseriesPanel({
          title: 'Taxa de erros',
          description: 'Fração das requisições que terminaram em erro (o alerta HighErrorRate dispara acima de 10%).',
          unit: 'percentunit',
          min: 0,
          thresholds: [{ color: 'green' }, { value: 0.1, color: 'red' }],
          targets: [
            {
              expr: ratio(rate(errors, '$__rate_interval', byJob), rate(requests, '$__rate_interval', byJob), ['job']),
              legendFormat: '{{job}}',
            },
          ],
        }),
      ],
    }),
    row({
      title: 'Sistema',
      panels: [
        gaugePanel({
          title: 'Uso de CPU',
          unit: 'percent',
          min: 0,
          max: 100,
          thresholds: [{ color: 'green' }, { value: 70, color: 'orange' }, { value: 90, color: 'red' }],
          targets: [
            {
              expr: `100 - (avg by (instance) (rate(${nodeCpuSeconds.select({ mode: 'idle', ...byInstance })}[$__rate_interval])) * 100)`,
              legendFormat: 'CPU',
            },
          ],
        }),
        timeseriesPanel({
          title: 'Uso de memória',
          unit: 'percentunit',
          min: 0,
          max: 1,
          width: 18,
          targets: [
            {
              expr: `1 - (${nodeMemoryAvailable.select(byInstance)} / ${nodeMemoryTotal.select(byInstance)})`,
              legendFormat: '{{instance}}',
            },
          ],
        }),
        barGaugePanel({
          title: 'Uso de disco',
          unit: 'percentunit',
          min: 0,
          max: 1,
          width: 24,
          thresholds: [{ color: 'green' }, { value: 0.8, color: 'orange' }, { value: 0.9, color: 'red' }],
          targets: [
            {
              expr: `1 - (${nodeFilesystemAvailable.select(disks)} / ${nodeFilesystemSize.select(disks)})`,
              legendFormat: '{{instance}} {{mountpoint}}',
              instant: true,
            },
          ],
        }),
      ],
    }),
    // The document's Logs and Rastreamento sections: JSON log lines of service "totem-api" (the log
    // shipper sets the stream label `service` from it) in Loki, the OpenTelemetry spans in Tempo.
    // A log line links to its trace, a span to its logs (the data sources in definitions/index.ts).
    row({
      title: 'Logs e Traces do Totem',
      panels: [
        logsPanel({
          title: 'Erros nos logs',
          description: 'Linhas de log da API com nível ERROR (logging do Python: levelname), mais recentes primeiro.',
          expr: '{service="totem-api"} | json | level="ERROR"',
          dedup: 'signature',
          wrap: true,
        }),
        tracesPanel({
          title: 'Traces lentos de process_payment',
          description: 'Pagamentos acima de 1s, o limite do alerta HighLatency (p95).',
          query: { traceql: '{ .service.name = "totem-api" && name = "process_payment" && duration > 1s }', limit: 20 },
        }),
      ],
    }),
  ],
});
