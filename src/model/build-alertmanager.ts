import type { AlertMatchersInput, AlertmanagerInput, RouteInput } from './schema/alertmanager.js';
import type { AlertMatcherModel, AlertmanagerModel, ReceiverModel, RouteModel, TemplateFileModel } from './alertmanager.js';
import type { Model } from './types.js';
import { defined } from './build-helpers.js';
import { located } from './located.js';


/** The path of a secretFile(), or undefined when the field is absent. */
function file(secret: { path: string } | undefined): string | undefined {
  return secret?.path;
}

export function buildMatchers(matchers: AlertMatchersInput | undefined): AlertMatcherModel[] {
  return Object.entries(matchers ?? {}).map(([label, m]) =>
    typeof m === 'string' ? { label, op: '=', value: m } : { label, op: m.op, value: m.value },
  );
}

function buildRoute(route: RouteInput, path: string[]): RouteModel {
  return {
    ...defined({
      receiver: route.receiver,
      groupBy: route.groupBy ? [...route.groupBy] : undefined,
      groupWait: route.groupWait,
      groupInterval: route.groupInterval,
      repeatInterval: route.repeatInterval,
    }),
    matchers: buildMatchers(route.matchers),
    continue: route.continue ?? false,
    muteTimeIntervals: [...(route.muteTimeIntervals ?? [])],
    activeTimeIntervals: [...(route.activeTimeIntervals ?? [])],
    routes: (route.routes ?? []).map((r, i) => buildRoute(r, [...path, `routes[${i}]`])),
    ...located(route, path),
  };
}

function buildReceiver(r: AlertmanagerInput['receivers'][number]): ReceiverModel {
  return {
    name: r.name,
    email: (r.email ?? []).map(({ authPassword, ...c }) => defined({ ...c, authPasswordFile: file(authPassword) })),
    slack: (r.slack ?? []).map(({ apiUrl, ...c }) => defined({ ...c, apiUrlFile: file(apiUrl) })),
    webhook: (r.webhook ?? []).map(({ urlFile: _unused, authorization, basicAuth, ...c }) =>
      defined({
        ...c,
        authorization: authorization && defined({ type: authorization.type, credentialsFile: authorization.credentials.path }),
        basicAuth: basicAuth && { username: basicAuth.username, passwordFile: basicAuth.password.path },
      }),
    ),
    pagerduty: (r.pagerduty ?? []).map(({ routingKey, serviceKey, ...c }) =>
      defined({ ...c, routingKeyFile: file(routingKey), serviceKeyFile: file(serviceKey) }),
    ),
    ...located(r, ['alertmanager', 'receivers', r.name]),
  };
}

/** From the schema-checked input to the model: secrets become file paths, defaults filled in. */
export function buildAlertmanager(input: AlertmanagerInput): AlertmanagerModel {
  const g = input.global ?? {};
  const smtp = g.smtp && defined({ ...g.smtp, authPassword: undefined, authPasswordFile: file(g.smtp.authPassword) });
  return {
    global: defined({ resolveTimeout: g.resolveTimeout, smtp, slackApiUrlFile: file(g.slackApiUrl) }),
    receivers: input.receivers.map(buildReceiver),
    route: buildRoute(input.route, ['alertmanager', 'route']),
    inhibitRules: (input.inhibitRules ?? []).map((rule, i) => ({
      sourceMatchers: buildMatchers(rule.sourceMatchers),
      targetMatchers: buildMatchers(rule.targetMatchers),
      equal: [...(rule.equal ?? [])],
      ...located(rule, ['alertmanager', `inhibitRules[${i}]`]),
    })),
    timeIntervals: (input.timeIntervals ?? []).map((t) => ({
      name: t.name,
      periods: t.periods.map((p) => ({
        times: (p.times ?? []).map((t) => ({ start: t.start, end: t.end })),
        weekdays: [...(p.weekdays ?? [])],
        daysOfMonth: [...(p.daysOfMonth ?? [])],
        months: [...(p.months ?? [])],
        years: [...(p.years ?? [])],
        ...(p.location !== undefined ? { location: p.location } : {}),
      })),
      ...located(t, ['alertmanager', 'timeIntervals', t.name]),
    })),
    templates: [],
    tests: (input.tests ?? []).map((t, i) => {
      const name = t.name ?? Object.entries(t.labels).map(([k, v]) => `${k}=${v}`).join(' ');
      return { name, labels: { ...t.labels }, receivers: [...t.receivers], ...located(input, ['alertmanager', `tests[${i}]`]) };
    }),
    ...located(input, ['alertmanager']),
  };
}

/** The model with the notification templates the io stage read (a new object: the model is never mutated). */
export function withTemplates(model: Model, templates: TemplateFileModel[]): Model {
  return model.alertmanager ? { ...model, alertmanager: { ...model.alertmanager, templates } } : model;
}
