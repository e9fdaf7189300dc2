// Alertmanager of the monitoring document ("Alertas › Notificações"): receiver team-totem with
// email and Slack. The document wrote the SMTP password and the Slack webhook URL in the config;
// here they are files on the Alertmanager host (/etc/alertmanager/secrets/), never in the repository.
//
// Routing choices (docs/alertmanager.md):
//  - critical → team-totem: email and Slack, repeated every hour while it fires;
//  - warning  → team-totem-slack: Slack only, repeated every 4 hours;
//  - anything else (an unexpected severity) falls to the root route, team-totem-slack, so it is
//    still seen without paging anyone by email;
//  - a firing critical mutes the warning of the same alertname (inhibit rule).
import { alertmanager, inhibitRule, receiver, route, secretFile } from 'totem-mon';
import { highErrorRate, highLatency } from './alerts.js';

const slack = {
  channel: '#totem-alerts',
  sendResolved: true,
  title: '{{ template "totem.slack.title" . }}',
  text: '{{ template "totem.slack.text" . }}',
};

const teamTotem = receiver({
  name: 'team-totem',
  email: [
    {
      to: 'team@totem.example.com',
      sendResolved: true,
      headers: { Subject: '{{ template "totem.email.subject" . }}' },
      html: '{{ template "totem.email.html" . }}',
      text: '{{ template "totem.email.text" . }}',
    },
  ],
  slack: [slack],
});

const teamTotemSlack = receiver({ name: 'team-totem-slack', slack: [slack] });

export const totemAlertmanager = alertmanager({
  global: {
    resolveTimeout: '5m',
    smtp: {
      from: 'alerts@totem.example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'alerts',
      authPassword: secretFile('/etc/alertmanager/secrets/smtp_password'),
    },
    slackApiUrl: secretFile('/etc/alertmanager/secrets/slack_webhook_url'),
  },
  receivers: [teamTotem, teamTotemSlack],
  route: route({
    receiver: 'team-totem-slack',
    groupBy: ['alertname', 'job'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      route({ matchers: { severity: 'critical' }, receiver: 'team-totem', groupWait: '10s', repeatInterval: '1h' }),
      route({ matchers: { severity: 'warning' }, receiver: 'team-totem-slack' }),
    ],
  }),
  inhibitRules: [
    inhibitRule({
      sourceMatchers: { severity: 'critical' },
      targetMatchers: { severity: 'warning' },
      equal: ['alertname'],
    }),
  ],
  // Run by `totem-mon validate` through `amtool config routes test --verify.receivers`. The alerts are
  // named by their definitions: a change to their labels is tested here too.
  tests: [
    { name: 'criticals page by email and Slack', alert: highErrorRate, labels: { job: 'totem-api' }, receivers: ['team-totem'] },
    { name: 'warnings go to Slack', alert: highLatency, labels: { job: 'totem-api' }, receivers: ['team-totem-slack'] },
    // SLO alerts: the page is critical, the ticket a warning (definitions/slos.ts).
    { name: 'an SLO page goes by email and Slack', labels: { alertname: 'TicketCreationBudgetBurn', severity: 'critical', service: 'totem-api', slo: 'ticket-creation-availability' }, receivers: ['team-totem'] },
    { name: 'an SLO ticket goes to Slack', labels: { alertname: 'PaymentSuccessBudgetBurn', severity: 'warning', service: 'totem-api', slo: 'payment-success' }, receivers: ['team-totem-slack'] },
    { name: 'anything else falls to Slack', labels: { alertname: 'Unexpected', severity: 'info' }, receivers: ['team-totem-slack'] },
    // Judged by totem-mon's simulation (amtool ignores inhibition): a firing critical mutes the
    // warning of the same alertname.
    {
      name: 'a critical mutes the warning of the same alert',
      labels: { alertname: 'HighErrorRate', severity: 'warning', job: 'totem-api' },
      alsoFiring: [{ alert: highErrorRate, labels: { job: 'totem-api' } }],
      receivers: [],
    },
  ],
});
