/**
 * Alertmanager's route matching, pure: given an alert's labels, which routes (and so receivers)
 * take it. Same rules as Alertmanager's dispatch.Route.Match:
 *  - a route matches when all its matchers match (a missing label matches as the empty string);
 *  - its children are tried in order; a matching child ends the search unless it has `continue`;
 *  - when no child matches, the route itself takes the alert;
 *  - a child without receiver inherits its parent's.
 * Regexes are anchored (`^(?:re)$`), as in Alertmanager. JavaScript and Go (RE2) regexes agree on
 * the syntax routes use; exotic RE2 syntax is not emulated.
 */
import type { AlertMatcherModel, RouteModel } from './alertmanager.js';

export type LabelSet = Readonly<Record<string, string>>;

export interface RouteMatch {
  /** The effective receiver (inherited when the route names none). */
  receiver: string;
  route: RouteModel;
  /** Indexes from the root, e.g. [0, 1] = root.routes[0].routes[1]; [] is the root. */
  position: number[];
}

const regexCache = new Map<string, RegExp | null>();

function anchored(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 's');
    } catch {
      re = null;
    }
    regexCache.set(pattern, re);
  }
  return re;
}

export function matcherMatches(m: AlertMatcherModel, labels: LabelSet): boolean {
  const value = labels[m.label] ?? '';
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return anchored(m.value)?.test(value) ?? false;
    case '!~':
      return !(anchored(m.value)?.test(value) ?? false);
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

/** `severity="critical"`: Alertmanager's matcher syntax (the value quoted, `\` and `"` escaped). */
export function formatMatcher(m: AlertMatcherModel): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

/** `severity="critical", team=~"ops|dev"` for messages. */
export function formatMatchers(matchers: readonly AlertMatcherModel[]): string {
  return matchers.map(formatMatcher).join(', ');
}
