// Who is told what: receivers, the routing tree and its tests. Secrets (passwords, webhook URLs)
// are never written here: secretFile() names a file on the Alertmanager host that holds them.
import { alertmanager, receiver, route, secretFile } from 'totem-mon';
import { highErrorRate, highLatency, targetDown } from './alerts.js';

// The texts come from templates/notifications.tmpl (copied next to alertmanager.yml by generate).
const oncall = receiver({
  name: 'oncall',
  slack: [{ channel: '#oncall', sendResolved: true, title: '{{ template "notifications.title" . }}', text: '{{ template "notifications.text" . }}' }],
});

const team = receiver({
  name: 'team',
  email: [{ to: 'team@example.com', headers: { Subject: '{{ template "notifications.title" . }}' }, text: '{{ template "notifications.text" . }}' }],
});

export const webAlertmanager = alertmanager({
  global: {
    smtp: {
      from: 'alerts@example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'alerts',
      authPassword: secretFile('/etc/alertmanager/secrets/smtp_password'),
    },
    slackApiUrl: secretFile('/etc/alertmanager/secrets/slack_webhook_url'),
  },
  receivers: [oncall, team],
  route: route({
    receiver: 'team',
    groupBy: ['alertname', 'job'],
    routes: [
      route({ matchers: { severity: 'critical' }, receiver: 'oncall', repeatInterval: '1h' }),
      route({ matchers: { severity: 'warning' }, receiver: 'team' }),
    ],
  }),
  // `totem-mon validate` runs them with amtool: name the alert, add the labels its expression keeps.
  tests: [
    { alert: highErrorRate, labels: { job: 'web' }, receivers: ['oncall'] },
    { alert: targetDown, labels: { job: 'web', instance: 'web:8080' }, receivers: ['oncall'] },
    { alert: highLatency, labels: { job: 'web' }, receivers: ['team'] },
    // Anything unexpected (another severity) still reaches someone: the root route's receiver.
    { labels: { alertname: 'SomethingElse', severity: 'info' }, receivers: ['team'] },
  ],
});
