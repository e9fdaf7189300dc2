// Grafana dashboards. Every query goes through the same checks as the rules. Each dashboard has a
// `datasource` drop-down (the data source is set in totem-mon.config.ts) and lays its panels out
// by itself unless a panel gives a gridPos.
import { currentValuePanel, dashboard, labelVariable, quantilesPanel, ratePanel, re } from 'totem-mon';
import { requestDuration, requests, up } from './metrics.js';

const job = labelVariable({ name: 'job', metric: requests, title: 'Job' });
const byJob = { job: re('$job') }; // the variable may hold several jobs: a regex match

export const webService = dashboard({
  title: 'Web service', // uid "web-service": out/grafana/dashboards/web-service.json
  variables: [job],
  panels: [
    ratePanel(requests, { title: 'Requests per second', by: ['code'], matchers: byJob, unit: 'reqps' }),
    quantilesPanel(requestDuration, { title: 'Response time', matchers: byJob }), // p50, p95, p99
    currentValuePanel(up, { title: 'Targets up', matchers: byJob }),
  ],
});
