import { z } from 'zod';
import { definition, duration, matching, nonEmpty, optionalText, source } from './common.js';
import { withHint } from './hint.js';
import { ignore } from './lint.js';
import type { AlertRule } from '../../api/rules.js';
import { MATCH_OPS } from '../../api/selector.js';
import { refuseLiteralSecrets, SECRETS_DIR } from './alertmanager-secrets.js';
import { secretFileSchema } from './secret-file.js';
import { matcherRegex } from '../routing.js';
import { FACTS, type FactId } from '../version-facts.js';
import { isTimeZone, parseDaysOfMonth, parseMonths, parseWeekdays, parseYears } from '../time-intervals.js';


const secretFile = secretFileSchema('Alertmanager', SECRETS_DIR, 'smtp_password');

/**
 * A field Alertmanager 0.25 does not have and totem-mon does not generate for any target yet:
 * refused, with the version that adds it (src/model/version-facts.ts) and what to write instead.
 */
function notGenerated(fact: FactId, hint: string) {
  const f = FACTS[fact];
  const message = withHint(`${f.feature} is not available in Alertmanager 0.25 (it came in ${f.since}); totem-mon does not generate it for any target version yet`, hint);
  // Typed `never`: a field that may only be absent, so it is no part of the API's shape.
  return z.custom<never>(() => false, { message }).optional();
}

/** A lone surrogate: a JavaScript string that is no UTF-8 text (Go would read it as U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A label name in Alertmanager's routing (matchers, groupBy, equal): any UTF-8 text, as Alertmanager
 * reads it from 0.27 on; version/unsupported refuses what is beyond [a-zA-Z_][a-zA-Z0-9_]* for a
 * target older than that. Never empty, never reserved (`__`: no alert carries one).
 */
export const alertLabelName = matching(
  (s) => s !== '' && !s.startsWith('__') && !LONE_SURROGATE.test(s),
  (s) =>
    withHint(
      `invalid label name ${JSON.stringify(s)}`,
      'an alert label name is not empty and does not start with __ (reserved); beyond [a-zA-Z_][a-zA-Z0-9_]* it needs Alertmanager 0.27',
    ),
);

const matchValue = z.strictObject({ op: z.enum(MATCH_OPS), value: z.string() });
export const alertMatchers = z.record(alertLabelName, z.union([z.string(), matchValue])).superRefine((matchers, ctx) => {
  for (const [label, m] of Object.entries(matchers)) {
    if (typeof m === 'string' || (m.op !== '=~' && m.op !== '!~')) continue;
    // Go's RE2, as Alertmanager compiles it: `(?i)` is fine, a lookahead is not.
    const re = matcherRegex(m.value);
    if (!re.ok) ctx.addIssue({ code: 'custom', path: [label], message: `invalid regular expression ${JSON.stringify(m.value)}: ${re.error}` });
  }
});

// The order of the fields of a notifier is the order of its fields in alertmanager.yml.
const common = { sendResolved: z.boolean().optional() };
const stringMap = z.record(z.string(), z.string());

/** Shared by `global.smtp` and each email config (see SmtpDefaults in the API). */
const smtpFields = {
  ...optionalText('from', 'smarthost', 'hello', 'authUsername'),
  authPassword: secretFile.optional(),
  requireTls: z.boolean().optional(),
};

const emailConfig = z.strictObject({
  ...common,
  to: nonEmpty,
  ...smtpFields,
  headers: stringMap.optional(),
  ...optionalText('html', 'text'),
});

const slackConfig = z.strictObject({
  ...common,
  apiUrl: secretFile.optional(),
  ...optionalText('channel', 'username', 'color', 'title', 'titleLink', 'pretext', 'text', 'footer', 'fallback', 'iconEmoji', 'iconUrl'),
});

const webhookConfig = z.strictObject({
  ...common,
  url: z.url({ message: 'expected an http(s) URL' }),
  urlFile: notGenerated('webhookUrlFile', 'keep the endpoint in url (it must not hold a secret) and put the credential in authorization: { credentials: secretFile(…) }'),
  maxAlerts: z.number().int().nonnegative().optional(),
  authorization: z.strictObject({ type: z.string().optional(), credentials: secretFile }).optional(),
  basicAuth: z.strictObject({ username: nonEmpty, password: secretFile }).optional(),
});

const pagerdutyConfig = z
  .strictObject({
    ...common,
    routingKey: secretFile.optional(),
    serviceKey: secretFile.optional(),
    ...optionalText('url', 'client', 'clientUrl', 'description', 'severity', 'class', 'component', 'group'),
    details: stringMap.optional(),
  })
  .refine((c) => (c.routingKey === undefined) !== (c.serviceKey === undefined), {
    message: withHint(
      'a pagerduty config needs exactly one of routingKey (Events API v2) and serviceKey (v1)',
      `e.g. routingKey: secretFile('${SECRETS_DIR}/pagerduty_routing_key')`,
    ),
  });

export const receiverSchema = definition('receiver', {
  name: nonEmpty,
  email: z.array(emailConfig).optional(),
  slack: z.array(slackConfig).optional(),
  webhook: z.array(webhookConfig).optional(),
  pagerduty: z.array(pagerdutyConfig).optional(),
  telegram: notGenerated('telegramBotTokenFile', 'use webhook with a credentials file'),
  discord: notGenerated('discordWebhookUrlFile', 'use webhook (or slack) with a secret file'),
  msteams: notGenerated('msteams', 'use webhook with a secret file'),
});

const groupByLabel = z.union([z.literal('...'), alertLabelName]);

export const routeSchema = z.strictObject({
  kind: z.literal('route'),
  receiver: nonEmpty.optional(),
  matchers: alertMatchers.optional(),
  groupBy: z.array(groupByLabel).optional(),
  groupWait: duration.optional(),
  groupInterval: duration.optional(),
  repeatInterval: duration.optional(),
  continue: z.boolean().optional(),
  unexpectedOnly: z.boolean().optional(),
  muteTimeIntervals: z.array(nonEmpty).optional(),
  activeTimeIntervals: z.array(nonEmpty).optional(),
  // A getter: the schema refers to itself, and its type is still inferred (zod 4).
  get routes() {
    return z.array(routeSchema).optional();
  },
  ignore,
  source,
});

const inhibitRuleSchema = definition('inhibitRule', {
  sourceMatchers: alertMatchers,
  targetMatchers: alertMatchers,
  equal: z.array(alertLabelName).optional(),
});

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const timeOfDay = z.string().regex(TIME_OF_DAY, { message: withHint('invalid time of day', 'write HH:MM, 00:00 to 24:00') });

/** A field of a period, parsed as Alertmanager parses it (src/model/time-intervals.ts); its error is refused here. */
function periodField(parse: (text: string) => unknown, example: string) {
  return z.string().superRefine((text, ctx) => {
    const r = parse(text);
    if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: withHint(r, example) });
  });
}

const timePeriod = z.strictObject({
  times: z
    .array(
      z.strictObject({ start: timeOfDay, end: timeOfDay }).refine((t) => t.start < t.end, {
        message: withHint('a time range must start before it ends', "split a range across midnight: [{ start: '22:00', end: '24:00' }, { start: '00:00', end: '07:00' }]"),
      }),
    )
    .optional(),
  weekdays: z.array(periodField(parseWeekdays, "e.g. 'monday:friday', 'saturday'")).optional(),
  daysOfMonth: z.array(periodField(parseDaysOfMonth, "e.g. '1:5', '-1' (the last day), '-7:-1'")).optional(),
  months: z.array(periodField(parseMonths, "e.g. 'january:march', 'december', '12'")).optional(),
  years: z.array(periodField(parseYears, "e.g. '2026', '2026:2027'")).optional(),
  location: z
    .string()
    // Go's time.LoadLocation takes 'Local' (amtool accepts it), but which zone that is depends on
    // the Alertmanager host: the routing tests could not be judged, nor the output read the same.
    .refine((zone) => zone !== 'Local', {
      message: withHint(
        "'Local' is the zone of the machine Alertmanager runs on: Alertmanager accepts it, but what it means changes with the host and totem-mon cannot simulate it",
        "name that zone, e.g. 'America/Sao_Paulo'",
      ),
    })
    .refine((zone) => zone === 'Local' || isTimeZone(zone), { message: withHint('unknown time zone', "an IANA zone name, e.g. 'America/Sao_Paulo', 'Europe/Lisbon', 'UTC'") })
    .optional(),
});

const labels = z.record(alertLabelName, z.string());
/** An alert definition named by a routing test: a reference, checked only for what the test reads (its rule group checks the rest). */
const alertRef = z.custom<AlertRule>((v) => {
  const a = v as Partial<Record<keyof AlertRule, unknown>> | null;
  return typeof a === 'object' && a !== null && a.kind === 'alert' && typeof a.name === 'string' && a.name !== '' && typeof a.labels === 'object' && a.labels !== null;
});
const firingAlert = z.union(
  [z.strictObject({ alert: alertRef, labels: labels.optional() }), z.strictObject({ alert: z.undefined().optional(), labels })],
  { error: withHint('expected { alert, labels? } or { labels }', 'name the alert definition (alert: postgresDown) or write its labels out') },
);

/** `2026-11-28T23:30:00-03:00`: an instant, so the offset (or Z) is required. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = z.string().refine((t) => INSTANT.test(t) && !Number.isNaN(Date.parse(t)), {
  message: withHint('invalid instant', "ISO 8601 with its offset, e.g. '2026-11-28T23:30:00-03:00' or '2026-11-28T02:30:00Z'"),
});

export const routingTestSchema = z
  .intersection(
    firingAlert,
    z.object({ name: z.string().optional(), at: instant.optional(), alsoFiring: z.array(firingAlert).optional(), receivers: z.array(nonEmpty) }),
  )
  .superRefine((t, ctx) => {
    if (t.receivers.length > 0 || t.at !== undefined || t.alsoFiring !== undefined) return;
    ctx.addIssue({
      code: 'custom',
      path: ['receivers'],
      message: withHint('a routing test names at least one receiver', 'receivers: [] (nobody notified) only makes sense with at or alsoFiring'),
    });
  });

const timeIntervalSchema = z.strictObject({
  kind: z.literal('timeInterval'),
  name: nonEmpty,
  periods: z.array(timePeriod).min(1, { message: 'a time interval needs at least one period' }),
  ignore,
  source,
});

const globalSchema = z.strictObject({
  resolveTimeout: duration.optional(),
  smtp: z.strictObject(smtpFields).optional(),
  slackApiUrl: secretFile.optional(),
});

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
}

function routeRefs(route: RouteInput, path: (string | number)[], out: Array<{ name: string; path: (string | number)[] }>): void {
  for (const field of ['muteTimeIntervals', 'activeTimeIntervals'] as const) {
    route[field]?.forEach((name, i) => out.push({ name, path: [...path, field, i] }));
  }
  route.routes?.forEach((r, i) => routeRefs(r, [...path, 'routes', i], out));
}

/** `templateFiles: { 'alerts.tmpl': { ignore: { '<check id>': 'why' } } }`: settings of a file of templates/ by its name. */
const templateFileSettings = z.record(z.string(), z.strictObject({ ignore })).superRefine((files, ctx) => {
  for (const name of Object.keys(files)) {
    if (/^[^/\\]+\.tmpl$/.test(name)) continue;
    ctx.addIssue({ code: 'custom', path: [name], message: withHint(`expected the name of a file in templates/, not ${JSON.stringify(name)}`, "e.g. 'notifications.tmpl' (no folder)") });
  }
});

const alertmanagerFields = definition('alertmanager', {
  global: globalSchema.optional(),
  receivers: z.array(receiverSchema).min(1, { message: 'Alertmanager needs at least one receiver' }),
  route: routeSchema,
  inhibitRules: z.array(inhibitRuleSchema).optional(),
  timeIntervals: z.array(timeIntervalSchema).optional(),
  tests: z.array(routingTestSchema).optional(),
  templateFiles: templateFileSettings.optional(),
});

/** What one part of the configuration says about another: names defined once, the root route's rules, time intervals that exist. */
function crossReferences(am: z.output<typeof alertmanagerFields>, ctx: z.RefinementCtx): void {
  for (const name of duplicates(am.receivers.map((r) => r.name))) {
    ctx.addIssue({ code: 'custom', path: ['receivers'], message: `receiver ${name} is defined twice` });
  }
  const intervals = (am.timeIntervals ?? []).map((t) => t.name);
  for (const name of duplicates(intervals)) {
    ctx.addIssue({ code: 'custom', path: ['timeIntervals'], message: `time interval ${name} is defined twice` });
  }
  if (am.route.receiver === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['route', 'receiver'],
      message: withHint('the root route has no receiver', 'the root route takes every alert: give it the default receiver'),
    });
  }
  if (am.route.matchers && Object.keys(am.route.matchers).length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['route', 'matchers'],
      message: withHint('the root route cannot have matchers', 'it takes every alert; put matchers on the routes under it'),
    });
  }
  for (const [field, kind] of [['muteTimeIntervals', 'mute'], ['activeTimeIntervals', 'active']] as const) {
    if ((am.route[field] ?? []).length === 0) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['route', field],
      message: withHint(`the root route cannot have ${kind} time intervals (Alertmanager refuses it)`, `it takes every alert; put ${field} on the routes under it`),
    });
  }
  const nested: (string | number)[][] = [];
  const findUnexpectedOnly = (r: RouteInput, path: (string | number)[]) =>
    r.routes?.forEach((c, i) => {
      if (c.unexpectedOnly !== undefined) nested.push([...path, 'routes', i, 'unexpectedOnly']);
      findUnexpectedOnly(c, [...path, 'routes', i]);
    });
  findUnexpectedOnly(am.route, ['route']);
  for (const path of nested) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: withHint('unexpectedOnly is for the root route', 'it declares the root receiver a catch-all for alerts no route below it takes'),
    });
  }
  const refs: Array<{ name: string; path: (string | number)[] }> = [];
  routeRefs(am.route, ['route'], refs);
  for (const ref of refs) {
    if (intervals.includes(ref.name)) continue;
    ctx.addIssue({
      code: 'custom',
      path: ref.path,
      message: withHint(
        `unknown time interval ${JSON.stringify(ref.name)}`,
        intervals.length > 0 ? `defined: ${intervals.join(', ')}` : 'define it in timeIntervals: [timeInterval({ name, periods })]',
      ),
    });
  }
}

const alertmanagerShape = alertmanagerFields.superRefine(crossReferences);

/** The raw definition is first scanned for literal secrets (see alertmanager-secrets.ts), then checked. */
export const alertmanagerSchema = z.unknown().superRefine(refuseLiteralSecrets).pipe(alertmanagerShape);

export type AlertmanagerInput = z.infer<typeof alertmanagerSchema>;
export type ReceiverInput = z.infer<typeof receiverSchema>;
export type InhibitRuleInput = z.infer<typeof inhibitRuleSchema>;
export type TimeIntervalInput = z.infer<typeof timeIntervalSchema>;
export type AlertMatchersInput = z.infer<typeof alertMatchers>;
export type RouteInput = z.infer<typeof routeSchema>;
