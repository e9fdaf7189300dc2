/**
 * The routing tree, inhibit rules and time intervals. Matchers of every form (`matchers`, and the
 * deprecated `match` / `match_re`) become the API's `{ label: value | re(…) | ne(…) | nre(…) }`.
 * The routes are also kept as the routing model (src/model/routing.ts reads it), so that routing
 * tests can be derived from the input's own tree.
 */
import type { AlertMatcherModel, RouteModel } from '../../model/alertmanager.js';
import { call, type TsValue } from '../ts-source.js';
import { convertFields, type FieldSpec, type ImportContext } from './fields.js';
import { isMap, readMatchers } from './matchers.js';

const OP_CALL = { '!=': 'ne', '=~': 're', '!~': 'nre' } as const;

/**
 * `{ severity: 'critical', team: re('a|b') }`. The API keeps one matcher per label: a second one on
 * the same label is reported (the route then matches more than the input's did).
 */
export function matchersValue(ctx: ImportContext, path: string, matchers: readonly AlertMatcherModel[]): Record<string, TsValue> {
  const out: Record<string, TsValue> = {};
  for (const m of matchers) {
    if (m.label in out) {
      ctx.notes.push({
        status: 'not-converted',
        path,
        message: `a second matcher on "${m.label}" (${m.label}${m.op}${JSON.stringify(m.value)}): the API keeps one matcher per label, so this one is left out and the route matches more`,
      });
      continue;
    }
    out[m.label] = m.op === '=' ? m.value : call(OP_CALL[m.op], m.value);
  }
  return out;
}

function matchersAt(ctx: ImportContext, path: string, input: Record<string, unknown>, prefix = ''): AlertMatcherModel[] {
  const parsed = readMatchers(input[`${prefix}matchers`], input[`${prefix}match`], input[`${prefix}match_re`]);
  if (parsed.ok) return parsed.matchers;
  ctx.notes.push({ status: 'not-converted', path: `${path}.${prefix}matchers`, message: `${parsed.error}: the matchers are left out` });
  return [];
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

/** A route and its children: `route({ receiver, matchers, …, routes: [route(…)] })`. */
export function convertRoute(ctx: ImportContext, input: Record<string, unknown>, path = 'route'): ConvertedRoute {
  const matchers = matchersAt(ctx, path, input);
  const fields = convertFields(ctx, path, input, ROUTE_FIELDS, 'this route field has no counterpart in the API: not converted', [
    'matchers', 'match', 'match_re', 'routes',
  ]);
  const children = (Array.isArray(input['routes']) ? input['routes'] : [])
    .map((r, i) => (isMap(r) ? convertRoute(ctx, r, `${path}.routes[${i}]`) : undefined))
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
    matchers: matchers.filter((m, i) => matchers.findIndex((n) => n.label === m.label) === i),
    continue: input['continue'] === true,
    routes: children.map((c) => c.routing),
  };
  return { value: call('route', options), routing };
}

export function convertInhibitRule(ctx: ImportContext, input: Record<string, unknown>, index: number): TsValue {
  const path = `inhibit_rules[${index}]`;
  const source = matchersAt(ctx, path, input, 'source_');
  const target = matchersAt(ctx, path, input, 'target_');
  const fields = convertFields(ctx, path, input, [{ yaml: 'equal', api: 'equal', type: 'stringList' }], 'this inhibit rule field has no counterpart in the API: not converted', [
    'source_matchers', 'source_match', 'source_match_re', 'target_matchers', 'target_match', 'target_match_re',
  ]);
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
