// Every kind of notifier, time intervals and nested routes: the compiled YAML passes amtool 0.25.
import { expect } from 'vitest';
import { execa } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  alertmanager, defineProject, inhibitRule, nre, receiver, route, scrapeJob, secretFile, timeInterval,
} from '../../src/index.js';
import { generated } from '../helpers/model.js';
import { receiversFor } from '../../src/model/routing.js';
import { tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

const s = (name: string) => secretFile(`/etc/alertmanager/secrets/${name}`);

const definition = alertmanager({
  global: {
    resolveTimeout: '5m',
    smtp: { from: 'a@example.com', smarthost: 'smtp.example.com:587', authUsername: 'a', authPassword: s('smtp_password'), requireTls: true },
    slackApiUrl: s('slack_webhook_url'),
  },
  receivers: [
    receiver({ name: 'mail', email: [{ to: 'x@example.com', sendResolved: true, authPassword: s('other_smtp_password'), headers: { Subject: 'oi' } }] }),
    receiver({ name: 'chat', slack: [{ apiUrl: s('other_slack'), channel: '#c', title: 't', text: 'x', iconEmoji: ':fire:' }] }),
    receiver({
      name: 'hooks',
      webhook: [
        { url: 'http://relay:8080/a', maxAlerts: 10, authorization: { credentials: s('relay_token') } },
        { url: 'http://relay:8080/b', basicAuth: { username: 'u', password: s('relay_password') } },
      ],
    }),
    receiver({
      name: 'pager',
      pagerduty: [
        { routingKey: s('pd_routing_key'), severity: 'critical', details: { firing: '{{ .Alerts.Firing | len }}' } },
        { serviceKey: s('pd_service_key') },
      ],
    }),
  ],
  route: route({
    receiver: 'chat',
    groupBy: ['...'],
    routes: [
      route({ matchers: { severity: 'critical' }, receiver: 'pager', continue: true, activeTimeIntervals: ['business-hours'] }),
      route({
        matchers: { severity: 'critical', team: nre('ops|db') },
        receiver: 'mail',
        muteTimeIntervals: ['nights'],
        routes: [route({ matchers: { service: 'relay' }, receiver: 'hooks', repeatInterval: '30m' })],
      }),
    ],
  }),
  inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['alertname', 'job'] })],
  timeIntervals: [
    timeInterval({ name: 'nights', periods: [{ times: [{ start: '22:00', end: '24:00' }, { start: '00:00', end: '07:00' }] }] }),
    timeInterval({
      name: 'business-hours',
      periods: [{ times: [{ start: '08:00', end: '18:00' }], weekdays: ['monday:friday'], location: 'America/Sao_Paulo' }],
    }),
  ],
});

itWithBinaries(['amtool'])('every notifier kind, time intervals and nested routes pass amtool check-config', async () => {
  const project = defineProject({ name: 't', metrics: [], prometheus: { scrapeJobs: [scrapeJob({ name: 'a', targets: ['a:1'] })] }, alertmanager: definition });
  const { files, model } = generated(project);
  const out = tempDir();
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), content);
  }
  const config = path.join(out, 'alertmanager/alertmanager.yml');
  const result = await execa(findBinary('amtool')!, ['check-config', config], { timeout: 30_000, reject: false });
  expect(result.stdout + result.stderr).toContain('SUCCESS');
  expect(result.exitCode).toBe(0);
  const route = await execa(findBinary('amtool')!, ['config', 'routes', 'test', `--config.file=${config}`, 'severity=critical', 'team=web', 'service=relay'], {
    timeout: 30_000,
    reject: false,
  });
  expect(route.stdout.trim()).toBe('pager,hooks');
  // The routing module agrees with Alertmanager.
  expect(receiversFor(model.alertmanager!.route, { severity: 'critical', team: 'web', service: 'relay' })).toEqual(['pager', 'hooks']);
});
