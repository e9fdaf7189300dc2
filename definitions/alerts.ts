// Alerts of the monitoring document ("Alertas › Configuração"), texts kept in Portuguese.
import { alert, histogramQuantile, rate, ratio, ruleGroup } from 'totem-mon';
import { errors, requestDuration, requests } from './metrics/application.js';

const runbooks = 'https://runbooks.totem.example.com/alerts';

export const totemAlerts = ruleGroup({
  name: 'totem_alerts',
  rules: [
    alert({
      alert: 'HighErrorRate',
      // The document wrote `rate(totem_errors_total[5m]) > 0.1`: errors per second, which fires at
      // 0.1 errors/s whatever the traffic, while its description promises "above 10%". The ratio
      // errors / requests over 5 minutes is what 10% means.
      expr: `${ratio(rate(errors, '5m'), rate(requests, '5m'), ['job'])} > 0.1`,
      for: '5m',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Alta taxa de erros',
        description: 'Taxa de erros acima de 10% nos últimos 5 minutos',
        runbook_url: `${runbooks}/HighErrorRate`,
      },
    }),
    alert({
      alert: 'HighLatency',
      expr: `${histogramQuantile(0.95, requestDuration, { range: '5m', by: ['job'] })} > 1`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Alta latência',
        description: 'Latência p95 acima de 1s nos últimos 5 minutos',
        runbook_url: `${runbooks}/HighLatency`,
      },
    }),
  ],
});
