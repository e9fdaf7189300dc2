import type { Model } from '../../model/types.js';
import type {
  AlertMatcherModel,
  AlertmanagerModel,
  EmailModel,
  PagerdutyModel,
  ReceiverModel,
  RouteModel,
  SlackModel,
  TimeIntervalModel,
  WebhookModel,
} from '../../model/alertmanager.js';
import { compact, headerLines, yamlFile, type OutputFile } from '../output.js';
import { TEMPLATES_DIR } from './templates.js';
import { formatMatcher } from '../../model/routing.js';

export const ALERTMANAGER_CONFIG = 'alertmanager/alertmanager.yml';


const list = <T>(items: readonly T[]): T[] | undefined => (items.length > 0 ? [...items] : undefined);
const matchers = (ms: readonly AlertMatcherModel[]) => list(ms.map(formatMatcher));

function route(r: RouteModel): Record<string, unknown> {
  return compact({
    receiver: r.receiver,
    matchers: matchers(r.matchers),
    group_by: r.groupBy,
    group_wait: r.groupWait,
    group_interval: r.groupInterval,
    repeat_interval: r.repeatInterval,
    continue: r.continue ? true : undefined,
    mute_time_intervals: list(r.muteTimeIntervals),
    active_time_intervals: list(r.activeTimeIntervals),
    routes: list(r.routes.map(route)),
  });
}

const email = (c: EmailModel) =>
  compact({
    send_resolved: c.sendResolved,
    to: c.to,
    from: c.from,
    smarthost: c.smarthost,
    hello: c.hello,
    auth_username: c.authUsername,
    auth_password_file: c.authPasswordFile,
    require_tls: c.requireTls,
    headers: c.headers,
    html: c.html,
    text: c.text,
  });

const slack = (c: SlackModel) =>
  compact({
    send_resolved: c.sendResolved,
    api_url_file: c.apiUrlFile,
    channel: c.channel,
    username: c.username,
    color: c.color,
    title: c.title,
    title_link: c.titleLink,
    pretext: c.pretext,
    text: c.text,
    footer: c.footer,
    fallback: c.fallback,
    icon_emoji: c.iconEmoji,
    icon_url: c.iconUrl,
  });

const webhook = (c: WebhookModel) =>
  compact({
    send_resolved: c.sendResolved,
    url: c.url,
    max_alerts: c.maxAlerts,
    http_config:
      c.authorization || c.basicAuth
        ? compact({
            authorization: c.authorization && compact({ type: c.authorization.type, credentials_file: c.authorization.credentialsFile }),
            basic_auth: c.basicAuth && { username: c.basicAuth.username, password_file: c.basicAuth.passwordFile },
          })
        : undefined,
  });

const pagerduty = (c: PagerdutyModel) =>
  compact({
    send_resolved: c.sendResolved,
    routing_key_file: c.routingKeyFile,
    service_key_file: c.serviceKeyFile,
    url: c.url,
    client: c.client,
    client_url: c.clientUrl,
    description: c.description,
    severity: c.severity,
    class: c.class,
    component: c.component,
    group: c.group,
    details: c.details,
  });

const receiver = (r: ReceiverModel) =>
  compact({
    name: r.name,
    email_configs: list(r.email.map(email)),
    slack_configs: list(r.slack.map(slack)),
    webhook_configs: list(r.webhook.map(webhook)),
    pagerduty_configs: list(r.pagerduty.map(pagerduty)),
  });

const timeInterval = (t: TimeIntervalModel) => ({
  name: t.name,
  time_intervals: t.periods.map((p) =>
    compact({
      times: list(p.times.map((x) => ({ start_time: x.start, end_time: x.end }))),
      weekdays: list(p.weekdays),
      days_of_month: list(p.daysOfMonth),
      months: list(p.months),
      years: list(p.years),
      location: p.location,
    }),
  ),
});

function global(am: AlertmanagerModel): Record<string, unknown> {
  const { smtp } = am.global;
  return compact({
    resolve_timeout: am.global.resolveTimeout,
    smtp_from: smtp?.from,
    smtp_smarthost: smtp?.smarthost,
    smtp_hello: smtp?.hello,
    smtp_auth_username: smtp?.authUsername,
    smtp_auth_password_file: smtp?.authPasswordFile,
    smtp_require_tls: smtp?.requireTls,
    slack_api_url_file: am.global.slackApiUrlFile,
  });
}

/** alertmanager.yml: Alertmanager 0.25's configuration. Secrets only as `*_file` paths. */
export function compileAlertmanagerConfig(model: Model, am: AlertmanagerModel): OutputFile {
  const config = compact({
    global: global(am),
    // Relative paths in `templates` are resolved against the folder of alertmanager.yml.
    templates: am.templates.length > 0 ? [`${TEMPLATES_DIR}/*.tmpl`] : undefined,
    route: route(am.route),
    inhibit_rules: list(
      am.inhibitRules.map((rule) =>
        compact({
          source_matchers: matchers(rule.sourceMatchers),
          target_matchers: matchers(rule.targetMatchers),
          equal: list(rule.equal),
        }),
      ),
    ),
    receivers: am.receivers.map(receiver),
    time_intervals: list(am.timeIntervals.map(timeInterval)),
  });
  return yamlFile(ALERTMANAGER_CONFIG, config, headerLines(am.source?.file ?? model.entry, 'Alertmanager configuration'));
}
