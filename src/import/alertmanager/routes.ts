/**
 * The routing tree, inhibit rules and time intervals. Matchers of every form (`matchers`, and the
 * deprecated `match` / `match_re`) become the API's `{ label: value | re(…) | ne(…) | nre(…) }`.
 * The routes are also kept as the routing model (src/model/routing.ts reads it), so that routing
 * tests can be derived from the input's own tree.
 */
import type { AlertMatcherModel, RouteModel } from '../../model/alertmanager.js';
import { call, type TsValue } from '../ts-source.js';
import { FACTS } from '../../model/version-facts.js';
import { convertFields, effectiveTarget, targetShown, type FieldSpec, type ImportContext } from './fields.js';
import { isMap, readMatchers } from './matchers.js';
import { alertLabelName } from '../../model/schema/alertmanager.js';
import { emptyGroupByOverrides, formatMatcher, formatMatchers } from '../../model/routing.js';
import { LABEL_NAME } from '../../model/names.js';

const OP_CALL = { '!=': 'ne', '=~': 're', '!~': 'nre' } as const;

/**
 * `{ severity: 'critical', team: re('a|b') }`. What the API cannot say is left out with a note
 * naming the matcher (the route or rule then matches more than the input's did): a second matcher
 * on the same label (the API keeps one per label), a label name the API refuses (empty, or
 * reserved: `__…`). A name beyond [a-zA-Z_][a-zA-Z0-9_]* is kept and needs Alertmanager 0.27
 * (`ctx.needs`: the definitions then target it).
 */
export function matchersValue(ctx: ImportContext, path: string, matchers: readonly AlertMatcherModel[]): Record<string, TsValue> {
  const out: Record<string, TsValue> = {};
  for (const m of representable(ctx, path, matchers)) {
    if (!LABEL_NAME.test(m.label)) ctx.needs.push({ fact: 'utf8Matchers', path, what: `a matcher on ${JSON.stringify(m.label)}` });
    out[m.label] = m.op === '=' ? m.value : call(OP_CALL[m.op], m.value);
  }
  return out;
}

/** The matchers the API can hold (see matchersValue), each one left out reported once. */
function representable(ctx: ImportContext, path: string, matchers: readonly AlertMatcherModel[]): AlertMatcherModel[] {
  const kept: AlertMatcherModel[] = [];
  const owner = path.startsWith('inhibit_rules') ? 'the inhibit rule' : 'the route';
  for (const m of matchers) {
    const shown = formatMatcher(m);
    if (!alertLabelName.safeParse(m.label).success) {
      ctx.notes.push({
        status: 'not-converted',
        path,
        message: `the matcher ${shown} is left out, so ${owner} matches more: totem-mon refuses its label name ${JSON.stringify(m.label)} (an alert label name is not empty and does not start with __)`,
      });
      continue;
    }
    if (kept.some((k) => k.label === m.label)) {
      ctx.notes.push({
        status: 'not-converted',
        path,
        message: `a second matcher on "${m.label}" (${shown}): the API keeps one matcher per label, so this one is left out and ${owner} matches more`,
      });
      continue;
    }
    kept.push(m);
  }
  return kept;
}

/** The matchers of one route or inhibit rule side: each `matchers` entry Alertmanager would not read, or reads otherwise in strict mode, is reported at its own path. */
function matchersAt(ctx: ImportContext, path: string, input: Record<string, unknown>, prefix = ''): AlertMatcherModel[] {
  const key = `${prefix}matchers`;
  const read = readMatchers(input[key], input[`${prefix}match`], input[`${prefix}match_re`]);
  for (const r of read.refused) {
    ctx.notes.push({ status: 'not-converted', path: `${path}.${key}[${r.index}]`, message: `${r.error}: this entry is left out, so the ${prefix === '' ? 'route' : `inhibit rule's ${prefix.slice(0, -1)} side`} matches more` });
  }
  for (const s of read.strict) {
    ctx.notes.push({
      status: 'guessed',
      path: `${path}.${key}[${s.index}]`,
      message: `read as ${formatMatchers(s.classic)}, as Alertmanager reads it by default (the classic parser); with --enable-feature=utf8-strict-mode it reads ${formatMatchers(s.reading)}: the definitions keep the default reading`,
    });
  }
  return read.matchers;
}

/**
 * A list of label names (`group_by`, `equal`): a name the API refuses (empty, `__…`) is left out
 * with a note; one beyond [a-zA-Z_][a-zA-Z0-9_]* is kept and needs `fact`'s release.
 */
function labelNames(ctx: ImportContext, path: string, names: TsValue | undefined, fact: 'utf8Matchers' | 'utf8Equal', allowed: readonly string[] = []): TsValue[] | undefined {
  if (!Array.isArray(names)) return undefined;
  const out: TsValue[] = [];
  for (const [i, name] of names.entries()) {
    const label = String(name);
    if (allowed.includes(label)) {
      out.push(label);
      continue;
    }
    if (!alertLabelName.safeParse(label).success) {
      ctx.notes.push({ status: 'not-converted', path: `${path}[${i}]`, message: `the label name ${JSON.stringify(label)} is left out: totem-mon refuses it (an alert label name is not empty and does not start with __)` });
      continue;
    }
    if (!LABEL_NAME.test(label)) ctx.needs.push({ fact, path: `${path}[${i}]`, what: `the label name ${JSON.stringify(label)}` });
    out.push(label);
  }
  return out;
}

const ROUTE_FIELDS: FieldSpec[] = [
  { yaml: 'receiver', api: 'receiver', type: 'string' },
  { yaml: 'group_by', api: 'groupBy', type: 'stringList' },
  { yaml: 'group_wait', api: 'groupWait', type: 'string' },
  { yaml: 'group_interval', api: 'groupInterval', type: 'string' },
  { yaml: 'repeat_interval', api: 'repeatInterval', type: 'string' },
  { yaml: 'continue', api: 'continue', type: 'boolean' },
  { yaml: 'mute_time_intervals', api: 'muteTimeIntervals', type: 'stringList' },
  { yaml: 'active_time_intervals', api: 'activeTimeIntervals', type: 'stringList' },
];

/** What routing needs of a route, as src/model/routing.ts reads it. */
export type RoutingRoute = Pick<RouteModel, 'receiver' | 'matchers' | 'continue'> & { routes: RoutingRoute[] };

export interface ConvertedRoute {
  value: TsValue;
  routing: RoutingRoute;
}

/**
 * A route and its children: `route({ receiver, matchers, …, routes: [route(…)] })`. `inherited`: the
 * labels its parent groups by, as the target runs the input (the root's parent groups by nothing).
 */
export function convertRoute(ctx: ImportContext, input: Record<string, unknown>, path = 'route', inherited: readonly string[] = []): ConvertedRoute {
  const matchers = matchersAt(ctx, path, input);
  const fields = convertFields(ctx, path, input, ROUTE_FIELDS, 'this route field has no counterpart in the API: not converted', [
    'matchers', 'match', 'match_re', 'routes',
  ]);
  if (fields['groupBy'] !== undefined) fields['groupBy'] = labelNames(ctx, `${path}.group_by`, fields['groupBy'], 'utf8Matchers', ['...'])!;
  const grouping = emptyGroupBy(ctx, path, input['group_by'], inherited, fields);
  const children = (Array.isArray(input['routes']) ? input['routes'] : [])
    .map((r, i) => (isMap(r) ? convertRoute(ctx, r, `${path}.routes[${i}]`, grouping) : undefined))
    .filter((r): r is ConvertedRoute => r !== undefined);
  const { receiver, ...rest } = fields;
  const options: Record<string, TsValue> = {
    ...(receiver !== undefined ? { receiver } : {}),
    ...(matchers.length > 0 ? { matchers: matchersValue(ctx, path, matchers) } : {}),
    ...rest,
    ...(children.length > 0 ? { routes: children.map((c) => c.value) } : {}),
  };
  const routing: RoutingRoute = {
    ...(typeof receiver === 'string' ? { receiver } : {}),
    // What the definitions keep (one matcher per label), so that derived tests hold for both.
    matchers: representable({ ...ctx, notes: [] }, path, matchers),
    continue: input['continue'] === true,
    routes: children.map((c) => c.routing),
  };
  return { value: call('route', options), routing };
}

/**
 * An input route's `group_by: []` with the meaning it has for the target (ctx.target): Alertmanager
 * before 0.31 reads it as no group_by, the route taking its parent's grouping; 0.31 and later as
 * grouping by nothing (FACTS.emptyGroupBy: 0.31.0's [BUGFIX] "Allow empty `group_by` to override
 * parent route. #4825"). The definitions' `groupBy: []` is read the same way per target
 * (src/model/routing.ts effectiveGroupBy), so it is written only where the target reads it as its
 * own grouping; elsewhere it is left out, which means the parent's grouping for every target. Where
 * the two readings differ (the parent groups by something), the release it needs is the project's
 * target (0.31), or a note says which reading was taken. Returns the labels the route groups by, as
 * the target runs it, for its children.
 */
function emptyGroupBy(ctx: ImportContext, path: string, input: unknown, inherited: readonly string[], fields: Record<string, TsValue>): readonly string[] {
  // A list whose every name was refused (a note says so for each) is left out: it never meant grouping by nothing.
  if (Array.isArray(input) && input.length > 0 && Array.isArray(fields['groupBy']) && fields['groupBy'].length === 0) delete fields['groupBy'];
  const written = Array.isArray(input) && (input.length === 0 || fields['groupBy'] !== undefined) ? (fields['groupBy'] as string[] | undefined ?? []) : undefined;
  const overrides = emptyGroupByOverrides(effectiveTarget(ctx));
  if (written === undefined || (written.length === 0 && !overrides)) {
    if (written !== undefined) {
      delete fields['groupBy'];
      if (inherited.length > 0) {
        ctx.notes.push({
          status: 'guessed',
          path: `${path}.group_by`,
          message:
            `group_by: [] is read by Alertmanager before ${FACTS.emptyGroupBy.since} as no group_by: the route takes its parent's grouping (${inherited.join(', ')}), ` +
            `so it is written without groupBy, which means that for every target (the definitions': ${targetShown(ctx)}). ` +
            'Alertmanager 0.31 and later read it as grouping by nothing: if production runs one, ' +
            "set versions: { alertmanager: '0.31' } in totem-mon.config.ts and import again",
        });
      }
    }
    return inherited;
  }
  if (written.length === 0 && inherited.length > 0) ctx.needs.push({ fact: 'emptyGroupBy', path: `${path}.group_by`, what: 'group_by: [] below a route that groups' });
  return written;
}

export function convertInhibitRule(ctx: ImportContext, input: Record<string, unknown>, index: number): TsValue {
  const path = `inhibit_rules[${index}]`;
  const source = matchersAt(ctx, path, input, 'source_');
  const target = matchersAt(ctx, path, input, 'target_');
  const fields = convertFields(ctx, path, input, [{ yaml: 'equal', api: 'equal', type: 'stringList' }], 'this inhibit rule field has no counterpart in the API: not converted', [
    'source_matchers', 'source_match', 'source_match_re', 'target_matchers', 'target_match', 'target_match_re',
  ]);
  if (fields['equal'] !== undefined) fields['equal'] = labelNames(ctx, `${path}.equal`, fields['equal'], 'utf8Equal')!;
  return call('inhibitRule', {
    sourceMatchers: matchersValue(ctx, `${path}.source_matchers`, source),
    targetMatchers: matchersValue(ctx, `${path}.target_matchers`, target),
    ...fields,
  });
}

const PERIOD_FIELDS: FieldSpec[] = [
  { yaml: 'weekdays', api: 'weekdays', type: 'stringList' },
  { yaml: 'days_of_month', api: 'daysOfMonth', type: 'stringList' },
  { yaml: 'months', api: 'months', type: 'stringList' },
  { yaml: 'years', api: 'years', type: 'stringList' },
  { yaml: 'location', api: 'location', type: 'string' },
];

/** A time interval (`time_intervals`, or the older `mute_time_intervals`): `timeInterval({ name, periods })`. */
export function convertTimeInterval(ctx: ImportContext, input: Record<string, unknown>, path: string): TsValue {
  const periods = (Array.isArray(input['time_intervals']) ? input['time_intervals'] : []).map((p, i) => {
    const at = `${path}.time_intervals[${i}]`;
    const period = isMap(p) ? p : {};
    const times = (Array.isArray(period['times']) ? period['times'] : []).filter(isMap).map((t) => ({
      start: String(t['start_time'] ?? ''),
      end: String(t['end_time'] ?? ''),
    }));
    const rest = convertFields(ctx, at, period, PERIOD_FIELDS, 'this time interval field has no counterpart in the API: not converted', ['times']);
    return { ...(times.length > 0 ? { times } : {}), ...rest };
  });
  return call('timeInterval', { name: String(input['name'] ?? ''), periods });
}
