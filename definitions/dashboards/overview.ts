// "Visão Geral" of the monitoring document: tickets and payments, plus the queue it left out.
import {
  alertAnnotations, currentValuePanel, dashboard, healthJob, histogramHeatmapPanel, increase, quantilesPanel, rate, ratio, row, statPanel,
  sumBy, timeseriesPanel, upDownMappings,
} from 'totem-mon';
import { queueLength, ticketCompleted, ticketCreated, ticketWaitTime } from '../metrics/application.js';
import { paymentProcessed } from '../metrics/business.js';
import { probeDuration, probeSuccess, up } from '../metrics/system.js';
import { apiHealth } from '../health.js';
import { byJob, jobVariable, links, PAYMENT_APPROVED, tags } from './common.js';

export const overview = dashboard({
  title: 'Totem Overview',
  tags,
  links,
  description: 'Visão geral do Totem: tickets, pagamentos e fila de atendimento.',
  variables: [jobVariable],
  annotations: [alertAnnotations({ name: 'Alertas' })],
  panels: [
    // What the document's panels imply at a glance: the queue now, today's tickets, the payments that
    // went through, and whether every exporter is scraped.
    row({
      title: 'Resumo',
      panels: [
        currentValuePanel(queueLength, {
          title: 'Tickets na fila',
          matchers: byJob,
          unit: 'short',
          thresholds: [{ color: 'green' }, { value: 20, color: 'orange' }, { value: 50, color: 'red' }],
        }),
        statPanel({
          title: 'Tickets hoje',
          description: 'Tickets criados desde a meia-noite.',
          unit: 'short',
          decimals: 0,
          timeFrom: 'now/d',
          graphMode: 'none',
          targets: [{ expr: sumBy([], increase(ticketCreated, '$__range', byJob)), legendFormat: 'Hoje' }],
        }),
        statPanel({
          title: 'Pagamentos aprovados',
          description: `Fração dos pagamentos com status "${PAYMENT_APPROVED}" no período.`,
          unit: 'percentunit',
          decimals: 1,
          thresholds: [{ color: 'red' }, { value: 0.95, color: 'orange' }, { value: 0.99, color: 'green' }],
          targets: [
            {
              expr: ratio(
                increase(paymentProcessed, '$__range', { ...byJob, status: PAYMENT_APPROVED }),
                increase(paymentProcessed, '$__range', byJob),
                [],
              ),
              legendFormat: 'Aprovados',
            },
          ],
        }),
        statPanel({
          title: 'Exportadores',
          description: 'Cada alvo de coleta: NO AR quando o Prometheus o alcança, FORA quando não.',
          mappings: upDownMappings({ up: 'NO AR', down: 'FORA' }),
          colorMode: 'background',
          graphMode: 'none',
          reduce: 'last',
          targets: [{ expr: `min by (job) (${up})`, legendFormat: '{{job}}' }],
        }),
      ],
    }),
    // The document's two "graph" panels (Grafana removed that type): now timeseries.
    timeseriesPanel({
      title: 'Tickets',
      description: 'Tickets criados e completados por segundo.',
      unit: 'ops',
      targets: [
        { expr: sumBy([], rate(ticketCreated, '$__rate_interval', byJob)), legendFormat: 'Criados' },
        { expr: sumBy([], rate(ticketCompleted, '$__rate_interval', byJob)), legendFormat: 'Completados' },
      ],
    }),
    timeseriesPanel({
      title: 'Pagamentos',
      description: 'Pagamentos processados por segundo.',
      unit: 'ops',
      targets: [{ expr: sumBy([], rate(paymentProcessed, '$__rate_interval', byJob)), legendFormat: 'Processados' }],
    }),
    row({
      title: 'Fila de atendimento',
      panels: [
        currentValuePanel(queueLength, { title: 'Tamanho da fila', type: 'timeseries', matchers: byJob, unit: 'short', legendFormat: 'Na fila', width: 24 }),
        quantilesPanel(ticketWaitTime, { title: 'Tempo de espera (p95)', quantiles: [0.95], matchers: byJob }),
        histogramHeatmapPanel(ticketWaitTime, { title: 'Distribuição do tempo de espera', matchers: byJob }),
      ],
    }),
    // The health check of the API (definitions/health.ts), as the blackbox exporter sees it.
    row({
      title: 'Saúde da API',
      panels: [
        currentValuePanel(probeSuccess, {
          title: 'Status da API',
          description: 'Último health check de /health: 1 = saudável, 0 = com problemas.',
          matchers: { job: healthJob(apiHealth) },
          aggregate: 'min',
          unit: 'short',
          min: 0,
          max: 1,
          thresholds: [{ color: 'red' }, { value: 1, color: 'green' }],
          mappings: upDownMappings({ up: 'SAUDÁVEL', down: 'COM PROBLEMAS' }),
          width: 6,
        }),
        currentValuePanel(probeDuration, {
          title: 'Duração do health check',
          description: 'Quanto tempo o /health levou para responder a cada verificação.',
          type: 'timeseries',
          matchers: { job: healthJob(apiHealth) },
          aggregate: 'max',
          legendFormat: 'Duração',
          width: 18,
        }),
      ],
    }),
  ],
});
