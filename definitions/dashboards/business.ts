// "Negócio" of the monitoring document: payment volume and popular services, plus payments by status and method.
import { barGaugePanel, dashboard, increase, ratePanel, statPanel, sumBy, tablePanel, timeseriesPanel } from 'totem-mon';
import { paymentAmount, paymentProcessed, serviceUsage } from '../metrics/business.js';
import { links, tags } from './common.js';

export const business = dashboard({
  title: 'Métricas de Negócio',
  tags,
  links,
  description: 'Pagamentos e uso dos serviços do Totem.',
  panels: [
    // The document summed the raw `_sum` (a total since the process started); the last hour's increase is the volume.
    timeseriesPanel({
      title: 'Volume de Pagamentos',
      description: 'Valor pago na última hora.',
      unit: 'currencyBRL',
      targets: [{ expr: sumBy([], `increase(${paymentAmount.sum()}[1h])`), legendFormat: 'Total' }],
    }),
    // The document ranked raw counter values (totals since restart); this ranks the use in the selected time range.
    tablePanel({
      title: 'Serviços Populares',
      description: 'Os 5 serviços mais usados no período selecionado.',
      targets: [{ expr: `topk(5, ${sumBy(['service'], increase(serviceUsage, '$__range'))})`, legendFormat: '{{service}}' }],
    }),
    ratePanel(paymentProcessed, { title: 'Pagamentos por status', by: ['status'], stack: true }),
    barGaugePanel({
      title: 'Pagamentos por método',
      description: 'Pagamentos no período selecionado, por método.',
      unit: 'short',
      targets: [{ expr: sumBy(['method'], increase(paymentProcessed, '$__range')), legendFormat: '{{method}}', instant: true }],
    }),
    statPanel({
      title: 'Valor médio por pagamento',
      unit: 'currencyBRL',
      decimals: 2,
      targets: [
        {
          expr: `${sumBy([], `rate(${paymentAmount.sum()}[$__rate_interval])`)} / ${sumBy([], `rate(${paymentAmount.count()}[$__rate_interval])`)}`,
          legendFormat: 'Média',
        },
      ],
    }),
  ],
});
