// Application metrics of the Totem API ("Métricas de Aplicação" in the monitoring document).
import { counter, gauge, histogram } from 'totem-mon';

export const ticketCreated = counter({
  name: 'totem_ticket_created_total',
  help: 'Total de tickets criados',
});

// The document counts the tickets created, not the attempts: without the attempts no SLO can say
// which share of them failed (the ticket-creation availability SLO in slos.ts). The API counts an
// attempt before it creates the ticket.
export const ticketCreateAttempts = counter({
  name: 'totem_ticket_create_attempts_total',
  help: 'Total de tentativas de criação de tickets',
});

export const ticketCompleted = counter({
  name: 'totem_ticket_completed_total',
  help: 'Total de tickets completados',
});

export const ticketWaitTime = histogram({
  name: 'totem_ticket_wait_time_seconds',
  help: 'Tempo de espera dos tickets',
  buckets: [30, 60, 120, 300, 600],
  unit: 'seconds',
});

export const queueLength = gauge({
  name: 'totem_queue_length',
  help: 'Número de tickets na fila',
});

// The document's alerts use the next three metrics but never declare them; without a declaration
// the alerts would query series nobody exports (promql/unknown-metric catches exactly that).
// The API must expose them next to the metrics above.

export const requests = counter({
  name: 'totem_requests_total',
  help: 'Total de requisições recebidas pela API',
});

export const errors = counter({
  name: 'totem_errors_total',
  help: 'Total de requisições que terminaram em erro',
});

export const requestDuration = histogram({
  name: 'totem_request_duration_seconds',
  help: 'Tempo de resposta das requisições',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  unit: 'seconds',
});
