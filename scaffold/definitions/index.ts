// The project: what `totem-mon generate` compiles into out/ and `totem-mon validate` proves.
// See https://github.com/totem-mon/totem-mon#readme for every builder and option.
import { defineProject, scrapeJob } from 'totem-mon';
import { catalogue } from './metrics.js';
import { webAlerts } from './alerts.js';
import { webAlertmanager } from './alertmanager.js';
import { webService } from './dashboards.js';

export default defineProject({
  name: '__PROJECT_NAME__',
  metrics: catalogue,
  prometheus: {
    global: { scrapeInterval: '15s', evaluationInterval: '15s' },
    alertmanagers: ['alertmanager:9093'],
    scrapeJobs: [scrapeJob({ name: 'web', targets: ['web:8080'] })],
  },
  ruleGroups: [webAlerts],
  alertmanager: webAlertmanager,
  dashboards: [webService],
});
