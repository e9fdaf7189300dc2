import type { AlertMatchersInput, AlertmanagerInput, RouteInput } from './schema/alertmanager.js';
import {
  NOTIFIER_KINDS, type AlertMatcherModel, type AlertmanagerModel, type FiringAlertModel, type NotifierKind, type ReceiverModel,
  type RouteModel, type TemplateFileModel, type WithSecretFiles,
} from './alertmanager.js';
import type { Model } from './types.js';
import { defined } from './build-helpers.js';
import { located, locatedAt } from './located.js';


function isSecretFile(value: object): value is { kind: 'secretFile'; path: string } {
  return (value as { kind?: unknown }).kind === 'secretFile';
}

/**
 * A config as the model holds it: every `x: secretFile(p)` becomes `xFile: p` where it stands (the
 * order of the fields is kept: it is the order of the output), at any depth; absent fields dropped.
 */
export function withSecretFiles<T extends object>(value: T): WithSecretFiles<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) out[key] = v;
    else if (isSecretFile(v)) out[`${key}File`] = v.path;
    else out[key] = withSecretFiles(v);
  }
  return out as WithSecretFiles<T>;
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
    ...(route.unexpectedOnly ? { unexpectedOnly: true } : {}),
    muteTimeIntervals: [...(route.muteTimeIntervals ?? [])],
    activeTimeIntervals: [...(route.activeTimeIntervals ?? [])],
    routes: (route.routes ?? []).map((r, i) => buildRoute(r, [...path, `routes[${i}]`])),
    ...located(route, path),
  };
}

function buildReceiver(r: AlertmanagerInput['receivers'][number]): ReceiverModel {
  const notifiers = (kind: NotifierKind) => [kind, (r[kind] ?? []).map((c: object) => withSecretFiles(c))];
  return {
    name: r.name,
    ...(Object.fromEntries(NOTIFIER_KINDS.map(notifiers)) as Pick<ReceiverModel, NotifierKind>),
    ...located(r, ['alertmanager', 'receivers', r.name]),
  };
}

type FiringAlertInput = { alert?: { name: string; labels: Record<string, string> } | undefined; labels?: Record<string, string> | undefined };

/** A rule label whose value Prometheus expands as a Go template: its text never reaches Alertmanager. */
export const isTemplatedLabel = (value: string) => value.includes('{{');

/**
 * The labels Alertmanager receives for an alert: the series labels, Prometheus's external labels where
 * the series lacks them, the rule's labels over both, alertname last (Prometheus's precedence). A rule
 * label that is a template is sent as what it renders: the test's label says which value that is (a
 * test that does not say keeps the text; tests/routing-labels asks for the value).
 */
function firingAlert(input: FiringAlertInput, externalLabels: Readonly<Record<string, string>>): FiringAlertModel {
  if (!input.alert) return { labels: { ...input.labels } };
  const given = input.labels ?? {};
  const labels: Record<string, string> = { ...externalLabels, ...given };
  for (const [name, value] of Object.entries(input.alert.labels)) {
    if (isTemplatedLabel(value) && Object.hasOwn(given, name)) continue;
    labels[name] = value;
  }
  labels.alertname = input.alert.name;
  return { alert: input.alert.name, labels };
}

/** "PostgresDown", "PostgresDown cluster=b", "alertname=X severity=warning": a routing test's default name. */
function describeFiring(input: FiringAlertInput): string {
  const labels = Object.entries(input.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return [...(input.alert ? [input.alert.name] : []), ...labels].join(' ');
}

/** From the schema-checked input to the model: secrets become file paths, defaults filled in. */
export function buildAlertmanager(input: AlertmanagerInput, externalLabels: Readonly<Record<string, string>> = {}): AlertmanagerModel {
  return {
    global: withSecretFiles(input.global ?? {}),
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
    templateFiles: Object.entries(input.templateFiles ?? {}).map(([name, settings]) => {
      const at = locatedAt(located(input, ['alertmanager']), 'templateFiles', name);
      return { name, path: ['templates', name], ...(at.source ? { source: at.source } : {}), ...(settings.ignore ? { ignore: settings.ignore } : {}) };
    }),
    tests: (input.tests ?? []).map((t, i) => ({
      name: t.name ?? describeFiring(t),
      ...firingAlert(t, externalLabels),
      ...(t.at !== undefined ? { at: t.at, atMs: Date.parse(t.at) } : {}),
      alsoFiring: (t.alsoFiring ?? []).map((a) => firingAlert(a, externalLabels)),
      receivers: [...t.receivers],
      ...locatedAt(located(input, ['alertmanager']), `tests[${i}]`),
    })),
    ...located(input, ['alertmanager']),
  };
}

/** The model with the notification templates the io stage read (a new object: the model is never mutated). */
export function withTemplates(model: Model, templates: TemplateFileModel[]): Model {
  return model.alertmanager ? { ...model, alertmanager: { ...model.alertmanager, templates } } : model;
}
