/**
 * Alertmanager's route matching, pure: given an alert's labels, which routes (and so receivers)
 * take it. Same rules as Alertmanager's dispatch.Route.Match:
 *  - a route matches when all its matchers match (a missing label matches as the empty string);
 *  - its children are tried in order; a matching child ends the search unless it has `continue`;
 *  - when no child matches, the route itself takes the alert;
 *  - a child without receiver inherits its parent's.
 * Regexes are Go's RE2 (re2js), anchored as Alertmanager's labels.NewMatcher anchors them
 * (`^(?:re)$`, no flags: `.` does not match a newline): `(?i)`, `[[:lower:]]` work, lookarounds do not.
 */
import type { AlertMatcherModel, RouteModel } from './alertmanager.js';
import { re2, type Re2 } from './re2.js';
import { LABEL_NAME } from './names.js';
import { availability, FACTS } from './version-facts.js';

export type LabelSet = Readonly<Record<string, string>>;

export interface RouteMatch {
  /** The effective receiver (inherited when the route names none). */
  receiver: string;
  route: RouteModel;
  /** Indexes from the root, e.g. [0, 1] = root.routes[0].routes[1]; [] is the root. */
  position: number[];
}

const regexCache = new Map<string, Re2>();

/** A matcher's regex compiled once (RE2, anchored); `ok: false` when Alertmanager refuses it. */
export function matcherRegex(pattern: string): Re2 {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    re = re2(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

function regexMatches(pattern: string, value: string): boolean {
  const re = matcherRegex(pattern);
  return re.ok && re.matches(value);
}

export function matcherMatches(m: AlertMatcherModel, labels: LabelSet): boolean {
  const value = labels[m.label] ?? '';
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return regexMatches(m.value, value);
    case '!~':
      return !regexMatches(m.value, value);
  }
}

export function matchersMatch(matchers: readonly AlertMatcherModel[], labels: LabelSet): boolean {
  return matchers.every((m) => matcherMatches(m, labels));
}

function match(route: RouteModel, labels: LabelSet, inherited: string, position: number[]): RouteMatch[] {
  if (!matchersMatch(route.matchers, labels)) return [];
  const receiver = route.receiver ?? inherited;
  const all: RouteMatch[] = [];
  for (let i = 0; i < route.routes.length; i++) {
    const child = route.routes[i]!;
    const matches = match(child, labels, receiver, [...position, i]);
    all.push(...matches);
    if (matches.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [{ receiver, route, position }];
}

/** Every route that takes an alert with these labels, in Alertmanager's order (at least the root). */
export function matchRoutes(root: RouteModel, labels: LabelSet): RouteMatch[] {
  // The root matches every alert, whatever it says.
  return match({ ...root, matchers: [] }, labels, root.receiver ?? '', []);
}

/** The receivers an alert with these labels is sent to, in order, without repeats. */
export function receiversFor(root: RouteModel, labels: LabelSet): string[] {
  return [...new Set(matchRoutes(root, labels).map((m) => m.receiver))];
}

/** Whether only the root route takes the alert (nothing under it matched). */
export function fallsToRoot(root: RouteModel, labels: LabelSet): boolean {
  const matches = matchRoutes(root, labels);
  return matches.length === 1 && matches[0]!.position.length === 0;
}

/** Every route in the tree with its position, depth first (root first). */
export function walkRoutes(root: RouteModel): Array<{ route: RouteModel; position: number[]; receiver: string }> {
  const out: Array<{ route: RouteModel; position: number[]; receiver: string }> = [];
  const visit = (route: RouteModel, position: number[], inherited: string) => {
    const receiver = route.receiver ?? inherited;
    out.push({ route, position, receiver });
    route.routes.forEach((child, i) => visit(child, [...position, i], receiver));
  };
  visit(root, [], root.receiver ?? '');
  return out;
}

/**
 * A value as Alertmanager's matcher parser reads it back (pkg/labels/parse.go, also amtool's label
 * arguments): in double quotes, with `\`, `"` and a newline escaped. It knows no other escape (`\t`
 * stays a backslash and a t), so everything else is written as is; unquoted, a value would lose its
 * trailing spaces and could not hold a `"`.
 */
export function quoteMatcherValue(value: string): string {
  return `"${value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`;
}

/**
 * A matcher's value as Alertmanager 0.25's labels.ParseMatcher reads it (the text after the operator,
 * spaces trimmed): an opening `"` needs its closing one at the end; `\\`, `\"` and `\n` are escapes,
 * any other backslash is literal (`\d` stays `\d`, `\t` stays two characters); a `"` elsewhere is an
 * error. Undefined when Alertmanager refuses it (quoteMatcherValue writes what this reads back).
 */
export function unquoteMatcherValue(raw: string): string | undefined {
  const quoted = raw.startsWith('"');
  const body = quoted ? raw.slice(1) : raw;
  let out = '';
  let closed = !quoted;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i < body.length - 1) {
      const next = body[++i]!;
      out += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    } else if (c === '"') {
      if (closed || i < body.length - 1) return undefined;
      closed = true;
    } else out += c;
  }
  return closed ? out : undefined;
}

/**
 * `severity="critical"`: Alertmanager's matcher syntax (quoteMatcherValue). A name beyond
 * [a-zA-Z_][a-zA-Z0-9_]* (`k8s.namespace`) is quoted the same way, as the matcher parser of 0.27 and
 * later reads it (`"k8s.namespace"="shop"`); older releases have no such names (version/unsupported).
 */
export function formatMatcher(m: AlertMatcherModel): string {
  return `${LABEL_NAME.test(m.label) ? m.label : quoteMatcherValue(m.label)}${m.op}${quoteMatcherValue(m.value)}`;
}

/** `severity="critical", team=~"ops|dev"` for messages. */
export function formatMatchers(matchers: readonly AlertMatcherModel[]): string {
  return matchers.map(formatMatcher).join(', ');
}

/**
 * Whether the target Alertmanager reads a route's empty `groupBy` as its own grouping (by nothing)
 * or as no `group_by` at all (the parent's grouping): 0.31 keeps the empty list (config/config.go,
 * `r.GroupByStr != nil && len(r.GroupByStr) == 0`, #4825); before it the list is read as absent and
 * the route inherits (FACTS.emptyGroupBy). A target that admits both readings (`>=0.30`) is taken
 * the older way; version/unsupported refuses the empty list there wherever the readings differ.
 */
export function emptyGroupByOverrides(alertmanagerTarget: string): boolean {
  return availability(FACTS.emptyGroupBy, alertmanagerTarget) === true;
}

/** Whether a route's own `groupBy` decides how it groups (otherwise it takes its parent's). */
export function groupsOnItsOwn(route: Pick<RouteModel, 'groupBy'>, emptyOverrides: boolean): boolean {
  return route.groupBy !== undefined && (route.groupBy.length > 0 || emptyOverrides);
}

/**
 * The labels a route groups by, as Alertmanager runs it: its own `groupBy`, or the one it inherits
 * (`inherited`, its parent's effective one; the root's parent groups by nothing). `...` stands for every label.
 */
export function effectiveGroupBy(route: Pick<RouteModel, 'groupBy'>, inherited: readonly string[], emptyOverrides: boolean): readonly string[] {
  return groupsOnItsOwn(route, emptyOverrides) ? route.groupBy! : inherited;
}
