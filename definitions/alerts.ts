// Alerts of the monitoring document ("Alertas › Configuração"), texts kept in Portuguese.
// Each alert carries unit tests (run by `promtool test rules` in `totem-mon validate`): one input
// that makes it fire and inputs that must not.
import { alert, healthAlert, histogramQuantile, rate, ratio, ruleGroup } from 'totem-mon';
import { errors, requestDuration, requests } from './metrics/application.js';
import { probeSuccess } from './metrics/system.js';
import { apiHealth } from './health.js';

// The runbooks are generated (out/docs/alerts/, definitions/docs.ts) and published there; each alert's
// runbook_url is filled in from `docs.runbookBase`. The tests compare whole annotation sets, so they name it.
const runbooks = 'https://runbooks.totem.example.com/docs/alerts';
const api = { job: 'totem-api' } as const;

// Request traffic used by the tests: 100 requests a minute for 20 minutes.
const steadyTraffic = { series: requests.select(api), values: '0+100x20' };

export const highErrorRate = alert({
  name: 'HighErrorRate',
  // The document wrote `rate(totem_errors_total[5m]) > 0.1`: errors per second, which fires at
  // 0.1 errors/s whatever the traffic, while its description promises "above 10%". The ratio
  // errors / requests over 5 minutes is what 10% means.
  expr: `${ratio(rate(errors, '5m'), rate(requests, '5m'), ['job'])} > 0.1`,
  for: '5m',
  labels: { severity: 'critical' },
  annotations: {
    summary: 'Alta taxa de erros',
    description: 'Taxa de erros acima de 10% nos últimos 5 minutos',
    value: 'Taxa de erros de {{ $value | humanizePercentage }} no job {{ $labels.job }}',
  },
  tests: [
    {
      name: '12% errors for 10 minutes fires',
      input: [steadyTraffic, { series: errors.select(api), values: '0+12x20' }],
      at: '10m',
      expect: [
        {
          labels: { job: 'totem-api' },
          annotations: {
            summary: 'Alta taxa de erros',
            description: 'Taxa de erros acima de 10% nos últimos 5 minutos',
            value: 'Taxa de erros de 12% no job totem-api',
            runbook_url: `${runbooks}/HighErrorRate.md`,
          },
        },
      ],
    },
    {
      name: '5% errors does not fire',
      input: [steadyTraffic, { series: errors.select(api), values: '0+5x20' }],
      at: '10m',
      expect: [],
    },
    {
      // 60 errors between minutes 5 and 8: above 10% of the 5-minute window for 3 minutes only.
      name: 'a 3-minute burst does not fire (for: 5m)',
      input: [steadyTraffic, { series: errors.select(api), values: '0x5 20+20x2 60x12' }],
      at: '10m',
      expect: [],
    },
  ],
});

export const highLatency = alert({
  name: 'HighLatency',
  expr: `${histogramQuantile(0.95, requestDuration, { range: '5m', by: ['job'] })} > 1`,
  for: '5m',
  labels: { severity: 'warning' },
  annotations: {
    summary: 'Alta latência',
    description: 'Latência p95 acima de 1s nos últimos 5 minutos',
    value: 'Latência p95 de {{ $value | humanizeDuration }} no job {{ $labels.job }}',
  },
  tests: [
    {
      name: 'requests between 1 s and 2.5 s fire',
      // The buckets as the API (prometheus_client) exposes them: the bound 1 is le="1.0".
      input: [
        { series: requestDuration.bucket({ ...api, le: '0.5' }), values: '0+0x20' },
        { series: requestDuration.bucket({ ...api, le: '1.0' }), values: '0+0x20' },
        { series: requestDuration.bucket({ ...api, le: '2.5' }), values: '0+100x20' },
        { series: requestDuration.bucket({ ...api, le: '+Inf' }), values: '0+100x20' },
      ],
      at: '10m',
      expect: [
        {
          labels: { job: 'totem-api' },
          annotations: {
            summary: 'Alta latência',
            description: 'Latência p95 acima de 1s nos últimos 5 minutos',
            value: 'Latência p95 de 2.425s no job totem-api',
            runbook_url: `${runbooks}/HighLatency.md`,
          },
        },
      ],
    },
    {
      name: 'requests under 0.5 s do not fire',
      input: [
        { series: requestDuration.bucket({ ...api, le: '0.5' }), values: '0+100x20' },
        { series: requestDuration.bucket({ ...api, le: '1.0' }), values: '0+100x20' },
        { series: requestDuration.bucket({ ...api, le: '2.5' }), values: '0+100x20' },
        { series: requestDuration.bucket({ ...api, le: '+Inf' }), values: '0+100x20' },
      ],
      at: '10m',
      expect: [],
    },
  ],
});

// The API's health check failing: the document's Docker healthcheck (every 30s, 3 retries) marks the
// container unhealthy after 3 failed checks in a row; the alert fires after the same 3 failed probes
// (`for` = 2 intervals = 1m, from the check).
const probe = probeSuccess.select({ job: 'totem-api-health', instance: 'http://api:8000/health' });
const unhealthyAnnotations = {
  summary: 'API do Totem com problemas',
  description: 'O health check da API falhou em 3 verificações seguidas (status diferente de healthy, componente com falha ou sem resposta)',
  value: 'Health check de {{ $labels.instance }} falhando',
};

export const totemApiUnhealthy = healthAlert(apiHealth, {
  name: 'TotemApiUnhealthy',
  labels: { severity: 'critical' },
  annotations: unhealthyAnnotations,
  tests: [
    {
      name: 'failing probes for 3 checks fire',
      interval: '30s',
      // Probed every 30s: healthy for 2 minutes, then failing from 2m (3 failed probes by 3m).
      input: [{ series: probe, values: '1 1 1 1 0 0 0 0 0 0' }],
      // Two failed probes (2m, 2m30s): not yet, on the same input.
      quietAt: ['2m30s'],
      at: '4m',
      expect: [
        {
          labels: { job: 'totem-api-health', instance: 'http://api:8000/health' },
          annotations: { ...unhealthyAnnotations, value: 'Health check de http://api:8000/health falhando', runbook_url: `${runbooks}/TotemApiUnhealthy.md` },
        },
      ],
    },
    {
      name: 'two failed probes in a row do not fire',
      interval: '30s',
      input: [{ series: probe, values: '1 1 1 1 0 0 1 1 1 1' }],
      at: '4m',
      expect: [],
    },
    {
      name: 'a healthy API does not fire',
      interval: '30s',
      input: [{ series: probe, values: '1x10' }],
      at: '4m',
      expect: [],
    },
  ],
});

export const totemAlerts = ruleGroup({
  name: 'totem_alerts',
  rules: [highErrorRate, highLatency, totemApiUnhealthy],
});
