// Every field of every notifier and of the global section reaches alertmanager.yml under
// Alertmanager's name, in a stable order, secrets as `*_file` paths. The configs are typed
// `Required<…>`: a field added to the API fails to compile here until this test names its output.
import { expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  alertmanager, defineProject, receiver, route, scrapeJob, secretFile,
  type AlertmanagerGlobal, type EmailConfig, type PagerdutyConfig, type SlackConfig, type WebhookConfig,
} from '../../src/index.js';
import type { SmtpDefaults } from '../../src/api/alertmanager.js';
import { ALERTMANAGER_CONFIG } from '../../src/compile/alertmanager/config.js';
import { tempDir } from '../helpers/cli.js';
import { generated } from '../helpers/model.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

const s = (name: string) => secretFile(`/etc/alertmanager/secrets/${name}`);
const file = (name: string) => `/etc/alertmanager/secrets/${name}`;

const smtp: Required<SmtpDefaults> = {
  from: 'alerts@example.com', smarthost: 'smtp.example.com:587', hello: 'example.com', authUsername: 'alerts',
  authPassword: s('smtp_password'), requireTls: true,
};
const global: Required<AlertmanagerGlobal> = { resolveTimeout: '5m', smtp, slackApiUrl: s('slack_url') };
// Written in another order than the output's: the output's order is the API's, whatever the definition's.
const email: Required<EmailConfig> = {
  text: 'plain', html: '<b>html</b>', headers: { Subject: 'Alert', 'X-Team': 'shop' }, to: 'team@example.com',
  requireTls: false, authPassword: s('mail_password'), authUsername: 'team', hello: 'mail.example.com',
  smarthost: 'mail.example.com:25', from: 'team-alerts@example.com', sendResolved: true,
};
const slack: Required<SlackConfig> = {
  sendResolved: false, apiUrl: s('other_slack_url'), channel: '#alerts', username: 'alertmanager', color: 'danger',
  title: 'T', titleLink: 'https://example.com/t', pretext: 'P', text: 'X', footer: 'F', fallback: 'FB',
  iconEmoji: ':fire:', iconUrl: 'https://example.com/i.png',
};
// Alertmanager takes one kind of credentials per webhook: two webhooks between them carry every field.
const bearerWebhook: Required<Omit<WebhookConfig, 'basicAuth'>> = {
  sendResolved: true, url: 'http://relay:8080/a', maxAlerts: 5, authorization: { type: 'Bearer', credentials: s('relay_token') },
};
const basicAuthWebhook: Required<Omit<WebhookConfig, 'authorization'>> = {
  sendResolved: false, url: 'http://relay:8080/b', maxAlerts: 0, basicAuth: { username: 'relay', password: s('relay_password') },
};
// PagerDuty takes exactly one of the two keys.
const pagerduty: Required<Omit<PagerdutyConfig, 'serviceKey'>> = {
  sendResolved: true, routingKey: s('pd_routing_key'), url: 'https://events.pagerduty.com/v2/enqueue', client: 'AM',
  clientUrl: 'https://am.example.com', description: 'D', severity: 'critical', class: 'C', component: 'db', group: 'G',
  details: { firing: '{{ .Alerts.Firing | len }}', camelCase: 'kept' },
};
const pagerdutyV1: Required<Omit<PagerdutyConfig, 'routingKey' | 'url' | 'client' | 'clientUrl' | 'description' | 'severity' | 'class' | 'component' | 'group' | 'details'>> = {
  sendResolved: false, serviceKey: s('pd_service_key'),
};

function compile(): { yaml: string; config: Record<string, any> } {
  const { files } = generated(
    defineProject({
      name: 'shop',
      metrics: [],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
      alertmanager: alertmanager({
        global,
        receivers: [
          receiver({ name: 'all', email: [email], slack: [slack], webhook: [bearerWebhook, basicAuthWebhook], pagerduty: [pagerduty, pagerdutyV1] }),
        ],
        route: route({ receiver: 'all' }),
      }),
    }),
  );
  const yaml = files[ALERTMANAGER_CONFIG]!;
  return { yaml, config: parse(yaml) };
}

/** Entries in order, so that the comparison sees the order of the fields too. */
const ordered = (value: Record<string, unknown>) => Object.entries(value);

it('the global section: every field under its Alertmanager name, the SMTP defaults prefixed smtp_', () => {
  expect(ordered(compile().config['global'])).toEqual(
    ordered({
      resolve_timeout: '5m',
      smtp_from: 'alerts@example.com',
      smtp_smarthost: 'smtp.example.com:587',
      smtp_hello: 'example.com',
      smtp_auth_username: 'alerts',
      smtp_auth_password_file: file('smtp_password'),
      smtp_require_tls: true,
      slack_api_url_file: file('slack_url'),
    }),
  );
});

it('every notifier field under its Alertmanager name, in the order of the API, secrets as files', () => {
  const [all] = compile().config['receivers'];
  expect(Object.keys(all)).toEqual(['name', 'email_configs', 'slack_configs', 'webhook_configs', 'pagerduty_configs']);
  expect(ordered(all.email_configs[0])).toEqual(
    ordered({
      send_resolved: true,
      to: 'team@example.com',
      from: 'team-alerts@example.com',
      smarthost: 'mail.example.com:25',
      hello: 'mail.example.com',
      auth_username: 'team',
      auth_password_file: file('mail_password'),
      require_tls: false,
      headers: { Subject: 'Alert', 'X-Team': 'shop' }, // the user's keys, not renamed
      html: '<b>html</b>',
      text: 'plain',
    }),
  );
  expect(ordered(all.slack_configs[0])).toEqual(
    ordered({
      send_resolved: false,
      api_url_file: file('other_slack_url'),
      channel: '#alerts',
      username: 'alertmanager',
      color: 'danger',
      title: 'T',
      title_link: 'https://example.com/t',
      pretext: 'P',
      text: 'X',
      footer: 'F',
      fallback: 'FB',
      icon_emoji: ':fire:',
      icon_url: 'https://example.com/i.png',
    }),
  );
  expect(all.webhook_configs).toEqual([
    { send_resolved: true, url: 'http://relay:8080/a', max_alerts: 5, http_config: { authorization: { type: 'Bearer', credentials_file: file('relay_token') } } },
    { send_resolved: false, url: 'http://relay:8080/b', max_alerts: 0, http_config: { basic_auth: { username: 'relay', password_file: file('relay_password') } } },
  ]);
  expect(Object.keys(all.webhook_configs[0])).toEqual(['send_resolved', 'url', 'max_alerts', 'http_config']);
  expect(ordered(all.pagerduty_configs[0])).toEqual(
    ordered({
      send_resolved: true,
      routing_key_file: file('pd_routing_key'),
      url: 'https://events.pagerduty.com/v2/enqueue',
      client: 'AM',
      client_url: 'https://am.example.com',
      description: 'D',
      severity: 'critical',
      class: 'C',
      component: 'db',
      group: 'G',
      details: { firing: '{{ .Alerts.Firing | len }}', camelCase: 'kept' },
    }),
  );
  expect(all.pagerduty_configs[1]).toEqual({ send_resolved: false, service_key_file: file('pd_service_key') });
});

it('no secret value reaches the file, only the paths', () => {
  const { yaml } = compile();
  expect(yaml).not.toMatch(/kind|secretFile|"?path"?:/);
  expect(yaml.match(/_file: \/etc\/alertmanager\/secrets\//g)).toHaveLength(8);
});

itWithBinaries(['amtool'])('amtool 0.25 accepts every field', async () => {
  const out = tempDir();
  const config = path.join(out, ALERTMANAGER_CONFIG);
  mkdirSync(path.dirname(config), { recursive: true });
  writeFileSync(config, compile().yaml);
  const result = await execa(findBinary('amtool')!, ['check-config', config], { timeout: 30_000, reject: false });
  expect(result.stdout + result.stderr).toContain('SUCCESS');
  expect(result.exitCode).toBe(0);
});
