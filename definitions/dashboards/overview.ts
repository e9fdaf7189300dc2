// "Visão Geral" of the monitoring document: tickets and payments, plus the queue it left out.
import {
  currentValuePanel, dashboard, histogramHeatmapPanel, quantilesPanel, rate, row, sumBy, timeseriesPanel,
} from 'totem-mon';
import { queueLength, ticketCompleted, ticketCreated, ticketWaitTime } from '../metrics/application.js';
import { paymentProcessed } from '../metrics/business.js';
import { byJob, jobVariable, links, tags } from './common.js';

export const overview = dashboard({
  title: 'Totem Overview',
  tags,
  links,
  description: 'Visão geral do Totem: tickets, pagamentos e fila de atendimento.',
  variables: [jobVariable],
  panels: [
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
        currentValuePanel(queueLength, {
          title: 'Tickets na fila',
          matchers: byJob,
          unit: 'short',
          thresholds: [{ color: 'green' }, { value: 20, color: 'orange' }, { value: 50, color: 'red' }],
        }),
        currentValuePanel(queueLength, { title: 'Tamanho da fila', type: 'timeseries', matchers: byJob, unit: 'short', legendFormat: 'Na fila', width: 18 }),
        quantilesPanel(ticketWaitTime, { title: 'Tempo de espera (p95)', quantiles: [0.95], matchers: byJob }),
        histogramHeatmapPanel(ticketWaitTime, { title: 'Distribuição do tempo de espera', matchers: byJob }),
      ],
    }),
  ],
});
