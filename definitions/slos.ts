// The service level objectives the monitoring document implies: tickets get created, payments go
// through, the API answers fast. Each one generates its recording rules, a page (critical → email
// and Slack) and a ticket alert (warning → Slack) with their tests, routed like the other alerts,
// and a row of the SLO dashboard.
import { slo } from 'totem-mon';
import { requestDuration, ticketCreateAttempts, ticketCreated } from './metrics/application.js';
import { paymentProcessed } from './metrics/business.js';

const runbooks = 'https://runbooks.totem.example.com/slos';

export const ticketCreation = slo({
  name: 'ticket-creation-availability',
  service: 'totem-api',
  objective: 99.5,
  window: '30d',
  description: 'Tentativas de criação de ticket que terminam com o ticket criado.',
  sli: { good: ticketCreated, total: ticketCreateAttempts },
  alerting: {
    name: 'TicketCreationBudgetBurn',
    annotations: {
      summary: 'Criação de tickets falhando',
      description: 'O orçamento de erros da criação de tickets (SLO de 99,5% em 30 dias) está sendo consumido rápido demais.',
      runbook_url: `${runbooks}/ticket-creation-availability`,
    },
  },
});

export const paymentSuccess = slo({
  name: 'payment-success',
  service: 'totem-api',
  objective: 99,
  window: '30d',
  description: 'Pagamentos processados com status "approved" (aprovados).',
  sli: { good: paymentProcessed.select({ status: 'approved' }), total: paymentProcessed },
  alerting: {
    name: 'PaymentSuccessBudgetBurn',
    annotations: {
      summary: 'Pagamentos falhando',
      description: 'O orçamento de erros dos pagamentos (SLO de 99% em 30 dias) está sendo consumido rápido demais.',
      runbook_url: `${runbooks}/payment-success`,
    },
  },
});

// "Latência p95 acima de 1s" as an objective: 95% of the requests answered within 1 s.
export const requestLatency = slo({
  name: 'request-latency',
  service: 'totem-api',
  objective: 95,
  window: '30d',
  description: '95% das requisições respondidas em até 1 s.',
  sli: { latency: requestDuration, threshold: 1, matchers: { job: 'totem-api' } },
  alerting: {
    name: 'RequestLatencyBudgetBurn',
    annotations: {
      summary: 'Requisições lentas',
      description: 'Mais de 5% das requisições levam mais de 1 s: o orçamento de latência (30 dias) está sendo consumido rápido demais.',
      runbook_url: `${runbooks}/request-latency`,
    },
  },
});

export const slos = [ticketCreation, paymentSuccess, requestLatency];
