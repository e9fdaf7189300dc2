import type { AlertMatcherModel, AlertmanagerModel, RouteModel } from '../model/alertmanager.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { staticAlertLabels } from '../model/alert-labels.js';
import { groupsOnItsOwn, matcherMatches, walkRoutes } from '../model/routing.js';
import type { Check, CheckContext, Finding } from './check.js';
import { ruleExpressionOf } from './rules-select.js';
import { alerts } from '../model/select.js';
import { scrapeLabelNames } from '../model/catalogue.js';
import { literalOutcomes } from './alertmanager-templates.js';

/** Every route below the root (the root takes every alert and has no matchers). */
export function childRoutes(root: RouteModel) {
  return walkRoutes(root).filter((r) => r.position.length > 0);
}

const knowledgeCache = new WeakMap<CheckContext, AlertLabelKnowledge[]>();

/**
 * Each alert rule with its static labels and the labels its expression may add (series labels,
 * the labels scrape jobs attach included). Computed once per context. A bounded result (known
 * exactly, or only an upper bound: `sum by (service) (other_metric)`, a finite `__name__` regex)
 * may add only its labels; any label only when no bound is known.
 */
export function alertLabelKnowledge(context: CheckContext): AlertLabelKnowledge[] {
  const cached = knowledgeCache.get(context);
  if (cached) return cached;
  const knowledge = alerts(context.model).map((alert) => {
    const result = ruleExpressionOf(context, alert)?.analysis.result;
    const dynamic =
      result === undefined || (result.kind === 'vector' && !result.bounded)
        ? ('any' as const)
        : result.kind === 'vector'
          ? result.labels
          : new Set<string>();
    const labels = staticAlertLabels(context.model, alert) as Record<string, string>;
    // A rule label with `{{`: what reaches Alertmanager is its expansion, not its text.
    let templated: Map<string, readonly string[] | undefined> | undefined;
    for (const name in alert.labels) {
      const text = alert.labels[name]!;
      if (name === 'alertname' || !text.includes('{{')) continue;
      (templated ??= new Map()).set(name, literalOutcomes(text));
      delete labels[name];
    }
    if (!templated) return { alert, labels, dynamic };
    return { alert, labels, dynamic: dynamic === 'any' ? dynamic : new Set([...dynamic, ...templated.keys()]), templated };
  });
  knowledgeCache.set(context, knowledge);
  return knowledge;
}

/** What a check of the routing tree against the declared alerts reads. */
export interface RoutingScope {
  am: AlertmanagerModel;
  /** Each declared alert with the labels it has or may have (alertLabelKnowledge). */
  knowledge: AlertLabelKnowledge[];
  context: CheckContext;
}

/**
 * The run of a check that holds the Alertmanager configuration against the declared alerts: only
 * when the project has an Alertmanager, with the alerts' label knowledge (computed once per context).
 */
export function againstAlerts(body: (scope: RoutingScope, report: (finding: Finding) => void) => void): Check['run'] {
  return (context, report) => {
    const am = context.model.alertmanager;
    if (am) body({ am, knowledge: alertLabelKnowledge(context), context }, report);
  };
}

/**
 * Whether a matcher may match an alert of this rule. A label fixed by the rule is tested; a templated
 * one by each value it can render (or empty); a label the expression may carry could hold any value;
 * an absent label matches as the empty string.
 */
export function mayMatch(m: AlertMatcherModel, k: AlertLabelKnowledge): boolean {
  if (m.label in k.labels) return matcherMatches(m, k.labels);
  if (k.templated?.has(m.label)) {
    const rendered = k.templated.get(m.label);
    return rendered === undefined || matcherMatches(m, {}) || rendered.some((value) => matcherMatches(m, { [m.label]: value }));
  }
  if (k.dynamic === 'any' || k.dynamic.has(m.label)) return true;
  return matcherMatches(m, {});
}

export function mayMatchAll(matchers: readonly AlertMatcherModel[], k: AlertLabelKnowledge): boolean {
  return matchers.every((m) => mayMatch(m, k));
}

/** Whether an alert of this rule may carry the label at all (static, from its expression, or unknown). */
export function mayCarry(label: string, k: AlertLabelKnowledge): boolean {
  return label in k.labels || k.dynamic === 'any' || k.dynamic.has(label);
}

/** A route that may end up taking an alert (Alertmanager's Route.Match, with undecided matchers). */
interface Taker {
  route: RouteModel;
  position: number[];
  receiver: string;
}

/**
 * Every route that may take an alert of this rule, added to `out` in routing order. A matcher on a
 * label the expression gives is undecided: the child may match (its routes are followed) and may
 * not (later siblings, and the route itself, stay possible). A child that surely matches ends the
 * search unless it has `continue`. `position` is the route's, extended and restored on the way
 * down (copied only into a taker).
 */
function collectTakers(route: RouteModel, k: AlertLabelKnowledge, inherited: string, position: number[], out: Taker[]): void {
  const receiver = route.receiver ?? inherited;
  let taken = false;
  const children = route.routes;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (!mayMatchAll(child.matchers, k)) continue;
    position.push(i);
    collectTakers(child, k, receiver, position, out);
    position.pop();
    if (surelyMatchesAll(child.matchers, k)) {
      taken = true;
      if (!child.continue) break;
    }
  }
  if (!taken) out.push({ route, position: position.slice(), receiver });
}

/** Each declared alert with every route that may take it, and the alerts indexed by route and by receiver. */
interface AlertTakers {
  alerts: Array<{ alert: AlertLabelKnowledge; takers: Taker[] }>;
  /** Indices into `alerts` (ascending, each once) of the alerts a route may take. */
  byRoute: Map<RouteModel, number[]>;
  /** Indices into `alerts` (ascending, each once) of the alerts a route naming or inheriting this receiver may take. */
  byReceiver: Map<string, number[]>;
}

const takersCache = new WeakMap<CheckContext, AlertTakers>();

/** Adds `index` to the list under `key` unless it is its last entry already (indices come in ascending order). */
function addIndex<K>(index: Map<K, number[]>, key: K, i: number): void {
  const list = index.get(key);
  if (!list) index.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/**
 * Each declared alert with every route that may take it (notify for it), as `validate` routes an
 * alert (src/model/routing.ts): children in order, `continue`, the receiver inherited; a matcher on
 * a label the expression gives undecided. Computed once per context, with the indices the checks
 * that ask per route or per receiver read.
 */
function alertTakers(context: CheckContext): AlertTakers {
  const cached = takersCache.get(context);
  if (cached) return cached;
  const am = context.model.alertmanager;
  const root = am ? { ...am.route, matchers: [] } : undefined;
  const out: AlertTakers = { alerts: [], byRoute: new Map(), byReceiver: new Map() };
  if (root) {
    for (const alert of alertLabelKnowledge(context)) {
      const takers: Taker[] = [];
      collectTakers(root, alert, root.receiver ?? '', [], takers);
      // The root was copied (its matchers dropped): the checks ask by the model's route.
      for (const t of takers) if (t.route === root) t.route = am!.route;
      const i = out.alerts.push({ alert, takers }) - 1;
      for (const t of takers) {
        addIndex(out.byRoute, t.route, i);
        addIndex(out.byReceiver, t.receiver, i);
      }
    }
  }
  takersCache.set(context, out);
  return out;
}

/** The declared alerts that may be taken by one of these routes (each once, in declaration order). */
export function alertsTakenBy(context: CheckContext, routes: ReadonlySet<RouteModel>): AlertLabelKnowledge[] {
  const { alerts, byRoute } = alertTakers(context);
  const taken = new Set<number>();
  for (const route of routes) for (const i of byRoute.get(route) ?? []) taken.add(i);
  return [...taken].sort((a, b) => a - b).map((i) => alerts[i]!.alert);
}

/** The declared alerts that may be sent to a receiver (a route that may take them names it, or inherits it). */
export function alertsReaching(context: CheckContext, receiver: string): AlertLabelKnowledge[] {
  const { alerts, byReceiver } = alertTakers(context);
  return (byReceiver.get(receiver) ?? []).map((i) => alerts[i]!.alert);
}

/**
 * The declared alerts that every route which may take them sends to one of `receivers` (each with
 * those it may reach, in routing order): whatever values their labels hold, they reach no other.
 */
export function alertsSentOnlyTo(context: CheckContext, receivers: ReadonlySet<string>): Array<{ alert: AlertLabelKnowledge; receivers: string[] }> {
  const out: Array<{ alert: AlertLabelKnowledge; receivers: string[] }> = [];
  for (const { alert, takers } of alertTakers(context).alerts) {
    if (takers.length > 0 && takers.every((t) => receivers.has(t.receiver))) out.push({ alert, receivers: [...new Set(takers.map((t) => t.receiver))] });
  }
  return out;
}

/** Whether any declared alert may be sent to a receiver (alertsReaching, without the list). */
export function anyAlertReaches(context: CheckContext, receiver: string): boolean {
  return (alertTakers(context).byReceiver.get(receiver)?.length ?? 0) > 0;
}

/**
 * A route and the routes below it that inherit its `groupBy` (none of their own on the way): the
 * routes whose notifications it groups. Alertmanager groups where an alert is taken, by that route's
 * `group_by`, its parent's when it has none, or (before 0.31: `emptyOverrides` false) an empty one.
 */
export function groupedBy(route: RouteModel, emptyOverrides: boolean): Set<RouteModel> {
  const out = new Set<RouteModel>([route]);
  const visit = (r: RouteModel) => {
    for (const child of r.routes) {
      if (groupsOnItsOwn(child, emptyOverrides)) continue;
      out.add(child);
      visit(child);
    }
  };
  visit(route);
  return out;
}

const defaultRouteCache = new WeakMap<CheckContext, DefaultRouteAlert[]>();

export interface DefaultRouteAlert extends AlertLabelKnowledge {
  /** Routes below the root that take it only because none of their own routes match (no receiver of their own). */
  via: Array<{ route: RouteModel; position: number[] }>;
}

/**
 * Alert rules that can only reach the root's (default) receiver by falling through: every route
 * that may take them is the root, or a route with routes below it and no receiver of its own that
 * takes them because none of those routes match (`team="orders"` without a matching severity).
 * Whatever values the labels from their expressions hold.
 */
export function defaultRouteAlerts(context: CheckContext): DefaultRouteAlert[] {
  const am = context.model.alertmanager;
  if (!am) return [];
  // The check and the run's summary (src/report/summary.ts) both ask: the routing tree is followed
  // for every alert once per context.
  const cached = defaultRouteCache.get(context);
  if (cached) return cached;
  const rootReceiver = am.route.receiver ?? '';
  const fallsThrough = (t: Taker) =>
    t.position.length === 0 || (t.route.receiver === undefined && t.route.routes.length > 0 && t.receiver === rootReceiver);
  const out: DefaultRouteAlert[] = [];
  for (const { alert: k, takers } of alertTakers(context).alerts) {
    if (!takers.every(fallsThrough)) continue;
    out.push({ ...k, via: takers.filter((t) => t.position.length > 0).map(({ route, position }) => ({ route, position })) });
  }
  defaultRouteCache.set(context, out);
  return out;
}

const labelNamesCache = new WeakMap<CheckContext, ReadonlySet<string>>();

/** The values the alert rules can give a label: fixed ones, and those a templated one can render, sorted. */
export function labelValues(label: string, knowledge: readonly AlertLabelKnowledge[]): string[] {
  const out = new Set<string>();
  for (const k of knowledge) {
    if (label in k.labels) out.add(k.labels[label]!);
    for (const value of k.templated?.get(label) ?? []) out.add(value);
  }
  return [...out].sort();
}

/** Every label name an alert may carry in this project (for "did you mean" on label names). Computed once per context. */
export function knownAlertLabelNames(context: CheckContext): ReadonlySet<string> {
  const cached = labelNamesCache.get(context);
  if (cached) return cached;
  const names = new Set<string>(scrapeLabelNames(context.model));
  for (const k of alertLabelKnowledge(context)) {
    for (const l of Object.keys(k.labels)) names.add(l);
    if (k.dynamic !== 'any') for (const l of k.dynamic) names.add(l);
  }
  labelNamesCache.set(context, names);
  return names;
}

/**
 * Whether an alert of this rule surely matches: every matcher is decided by a static label, or by a
 * label the alert cannot carry (empty). A label from the expression leaves it undecided (false).
 */
export function surelyMatchesAll(matchers: readonly AlertMatcherModel[], k: AlertLabelKnowledge): boolean {
  return matchers.every((m) => {
    if (m.label in k.labels) return matcherMatches(m, k.labels);
    if (mayCarry(m.label, k)) return false;
    return matcherMatches(m, {});
  });
}

/** The alert rules that may match each side of an inhibit rule. */
export function inhibitSides(
  rule: { sourceMatchers: readonly AlertMatcherModel[]; targetMatchers: readonly AlertMatcherModel[] },
  knowledge: readonly AlertLabelKnowledge[],
) {
  return {
    sources: knowledge.filter((k) => mayMatchAll(rule.sourceMatchers, k)),
    targets: knowledge.filter((k) => mayMatchAll(rule.targetMatchers, k)),
  };
}
