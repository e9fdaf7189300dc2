// Business metrics ("Métricas de Negócio" in the monitoring document).
import { counter, histogram } from 'totem-mon';

export const paymentProcessed = counter({
  name: 'totem_payment_processed_total',
  help: 'Total de pagamentos processados',
  labels: ['status', 'method'],
});

export const paymentAmount = histogram({
  name: 'totem_payment_amount',
  help: 'Valor dos pagamentos',
  buckets: [10, 50, 100, 500, 1000],
});

export const serviceUsage = counter({
  name: 'totem_service_usage_total',
  help: 'Uso dos serviços',
  labels: ['service', 'status'],
});
