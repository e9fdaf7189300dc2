import type { Model } from '../../model/types.js';
import {
  NOTIFIER_KINDS,
  type AlertMatcherModel,
  type AlertmanagerModel,
  type NotifierKind,
  type NotifierModel,
  type ReceiverModel,
  type RouteModel,
  type TimeIntervalModel,
  type WebhookModel,
} from '../../model/alertmanager.js';
import { compact, headerLines, yamlFile, type OutputFile } from '../output.js';
import { TEMPLATES_DIR } from './templates.js';
import { emptyGroupByOverrides, formatMatcher, groupsOnItsOwn } from '../../model/routing.js';

export const ALERTMANAGER_CONFIG = 'alertmanager/alertmanager.yml';


const list = <T>(items: readonly T[]): T[] | undefined => (items.length > 0 ? [...items] : undefined);
const matchers = (ms: readonly AlertMatcherModel[]) => list(ms.map(formatMatcher));

/**
 * A route; `emptyOverrides`: whether the target reads `group_by: []` (Alertmanager 0.31 and later).
 * Before it the empty list means what no group_by means (the parent's grouping), and is left out: the
 * file then reads the same on a later Alertmanager as on the target.
 */
function route(r: RouteModel, emptyOverrides: boolean): Record<string, unknown> {
  return compact({
    receiver: r.receiver,
    matchers: matchers(r.matchers),
    group_by: groupsOnItsOwn(r, emptyOverrides) ? r.groupBy : undefined,
    group_wait: r.groupWait,
    group_interval: r.groupInterval,
    repeat_interval: r.repeatInterval,
    continue: r.continue ? true : undefined,
    mute_time_intervals: list(r.muteTimeIntervals),
    active_time_intervals: list(r.activeTimeIntervals),
    routes: list(r.routes.map((child) => route(child, emptyOverrides))),
  });
}

/** `authPasswordFile` → `auth_password_file`: Alertmanager's field names are the model's in snake_case. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A config of the model under Alertmanager's names, fields in the model's order (the schema's). Only
 * the config's own fields are renamed: maps inside it (email headers, PagerDuty details) are the user's.
 */
function snakeFields(config: object, prefix = ''): Record<string, unknown> {
  return compact(Object.fromEntries(Object.entries(config).map(([key, value]) => [`${prefix}${snakeCase(key)}`, value])));
}

/**
 * Alertmanager nests a notifier's HTTP credentials under `http_config` (webhook, Webex); the API keeps
 * them beside the other fields.
 */
function notifier(config: NotifierModel<NotifierKind>): Record<string, unknown> {
  if (!('authorization' in config) && !('basicAuth' in config)) return snakeFields(config);
  const { authorization, basicAuth, ...rest } = config as Partial<Pick<WebhookModel, 'authorization' | 'basicAuth'>>;
  const httpConfig = compact({ authorization: authorization && snakeFields(authorization), basic_auth: basicAuth && snakeFields(basicAuth) });
  return compact({ ...snakeFields(rest), http_config: httpConfig });
}

const receiver = (r: ReceiverModel) =>
  compact({
    name: r.name,
    ...Object.fromEntries(NOTIFIER_KINDS.map((kind) => [`${kind}_configs`, list(r[kind].map((c) => notifier(c)))])),
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
  // Alertmanager's global section is flat: `smtp.from` is `smtp_from`, and so on.
  const { resolveTimeout, smtp, ...rest } = am.global;
  return compact({ resolve_timeout: resolveTimeout, ...snakeFields(smtp ?? {}, 'smtp_'), ...snakeFields(rest) });
}

/**
 * The configuration for the target Alertmanager (`target`, the model's versions.alertmanager) as a
 * value, secrets only as `*_file` paths; templates from `templatesGlob`.
 */
export function alertmanagerConfig(am: AlertmanagerModel, templatesGlob: string, target: string): Record<string, unknown> {
  return compact({
    global: global(am),
    templates: am.templates.length > 0 ? [templatesGlob] : undefined,
    route: route(am.route, emptyGroupByOverrides(target)),
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
}

/** alertmanager.yml: Alertmanager 0.25's configuration. Secrets only as `*_file` paths. */
export function compileAlertmanagerConfig(model: Model, am: AlertmanagerModel): OutputFile {
  // Relative paths in `templates` are resolved against the folder of alertmanager.yml.
  const config = alertmanagerConfig(am, `${TEMPLATES_DIR}/*.tmpl`, model.versions.alertmanager);
  return yamlFile(ALERTMANAGER_CONFIG, config, headerLines(am.source?.file ?? model.entry, 'Alertmanager configuration'));
}
