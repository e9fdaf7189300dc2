/**
 * scrape/dropped-label's part on the Alertmanager configuration: a route's matcher or `groupBy`, an
 * inhibit rule's matcher or `equal` on a label that the `metricRelabel` of the scrape jobs removes
 * from every series the alerts concerned are computed from. Those alerts cannot carry it (unless a
 * rule sets it, or an external label does): the matcher never matches them, the groupBy splits
 * nothing, the equal is always (or never) equal. The generic routing checks (alertmanager/unmatched-
 * route, inhibit-unmatched, group-by-label, inhibit-equal) leave these to this check, which names
 * the cause (scrapeExplains).
 */
import type { AlertMatcherModel, InhibitRuleModel, RouteModel } from '../model/alertmanager.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import type { CheckContext, Finding } from './check.js';
import { locatedAt } from '../model/located.js';
import { emptyGroupByOverrides, formatMatchers, matcherMatches } from '../model/routing.js';
import { alertLabelKnowledge, alertsTakenBy, groupedBy, inhibitSides, mayCarry, mayMatchAll } from './alertmanager-select.js';
import { ruleExpressionOf } from './rules-select.js';
import { droppedWithoutScrape, scrapeRemovals } from './scrape-removed.js';
import { alertNames, routeName } from './alertmanager-group-by-label.js';


/**
 * The scrape rules that keep `label` off every one of these alerts, when that is why none carries
 * it: no alert may carry it (a rule label, an external label, a label its expression keeps: series
 * of another job that keeps it count) and each reads series the scrape removes it from. Undefined
 * otherwise, and for no alerts; undefined too when an alert's expression would not keep the label
 * even if the scrape did not remove it (`max by (env) (…)`): the expression is a cause, and the
 * generic routing check reports the label no alert carries.
 */
export function scrapeExplains(context: CheckContext, label: string, alerts: readonly AlertLabelKnowledge[]): string[] | undefined {
  if (alerts.length === 0 || !context.model.prometheus.scrapeJobs.some((j) => j.metricRelabel.length > 0)) return undefined;
  const rules = new Set<string>();
  for (const k of alerts) {
    if (mayCarry(label, k)) return undefined;
    const e = ruleExpressionOf(context, k.alert);
    const found = e ? scrapeRemovals(context, e, label) : [];
    if (found.length === 0 || droppedWithoutScrape(context, e!, label)) return undefined;
    for (const r of found) rules.add(r);
  }
  return [...rules];
}

/** One finding of the routing part, with what it is about (for the generic checks to leave it). */
interface RoutingDrop {
  at: RouteModel | InhibitRuleModel;
  field: 'matchers' | 'groupBy' | 'sourceMatchers' | 'targetMatchers' | 'equal';
  label: string;
  finding: Finding;
}

const HINT = (label: string) => `keep "${label}" in the scrape job (narrow the rule's regex), set it in the alert rules' labels, or use a label the alerts carry`;
const scrapeJobs = (rules: readonly string[]) => `scrape job ${rules.join(', ')}`;

/** The alerts that may reach a route: they may match every matcher of its ancestors and the route's others (order and `continue` aside: more alerts, fewer findings). */
function reachingRoute(knowledge: readonly AlertLabelKnowledge[], ancestors: readonly RouteModel[], route: RouteModel, except: AlertMatcherModel): AlertLabelKnowledge[] {
  const others = route.matchers.filter((m) => m !== except);
  return knowledge.filter((k) => ancestors.every((a) => mayMatchAll(a.matchers, k)) && mayMatchAll(others, k));
}

function routeDrops(context: CheckContext, root: RouteModel, knowledge: readonly AlertLabelKnowledge[], out: RoutingDrop[]): void {
  const visit = (route: RouteModel, position: number[], ancestors: RouteModel[]) => {
    for (const m of position.length > 0 ? route.matchers : []) {
      // A matcher that takes an empty value (`queue!="low"`, `queue=~"|low"`) matches alerts without the label.
      if (matcherMatches(m, {})) continue;
      const reaching = reachingRoute(knowledge, ancestors, route, m);
      const rules = scrapeExplains(context, m.label, reaching);
      if (!rules) continue;
      out.push({
        at: route,
        field: 'matchers',
        label: m.label,
        finding: {
          severity: 'warning',
          message: `${routeName(position)}: matcher ${formatMatchers([m])} needs label "${m.label}", but ${scrapeJobs(rules)} removes it from the series of every alert that can reach the route (${alertNames(reaching)}): they never carry it, so the route never matches them`,
          hint: HINT(m.label),
          ...locatedAt(route, 'matchers', m.label),
        },
      });
    }
    const groupBy = route.groupBy ?? [];
    const grouped = groupBy.length > 0 ? alertsTakenBy(context, groupedBy(route, emptyGroupByOverrides(context.model.versions.alertmanager))) : [];
    groupBy.forEach((label, i) => {
      if (label === '...') return;
      const rules = scrapeExplains(context, label, grouped);
      if (!rules) return;
      out.push({
        at: route,
        field: 'groupBy',
        label,
        finding: {
          severity: 'warning',
          message: `${routeName(position)}: groupBy label "${label}" is removed by ${scrapeJobs(rules)} from the series of every alert the route groups (${alertNames(grouped)}): it is empty on all of them, so it splits nothing`,
          hint: HINT(label),
          ...locatedAt(route, `groupBy[${i}]`),
        },
      });
    });
    route.routes.forEach((child, i) => visit(child, [...position, i], position.length > 0 ? [...ancestors, route] : ancestors));
  };
  visit(root, [], []);
}

function inhibitDrops(context: CheckContext, rules: readonly InhibitRuleModel[], knowledge: readonly AlertLabelKnowledge[], out: RoutingDrop[]): void {
  rules.forEach((rule, index) => {
    for (const [side, field] of [['source', 'sourceMatchers'], ['target', 'targetMatchers']] as const) {
      for (const m of rule[field]) {
        if (matcherMatches(m, {})) continue;
        const others = rule[field].filter((o) => o !== m);
        const alerts = knowledge.filter((k) => mayMatchAll(others, k));
        const removed = scrapeExplains(context, m.label, alerts);
        if (!removed) continue;
        out.push({
          at: rule,
          field,
          label: m.label,
          finding: {
            severity: 'warning',
            message: `inhibitRules[${index}]: ${side} matcher ${formatMatchers([m])} needs label "${m.label}", but ${scrapeJobs(removed)} removes it from the series of every alert the ${side} could match (${alertNames(alerts)}): ${side === 'source' ? 'no alert ever mutes the targets' : 'the rule never mutes them'}`,
            hint: HINT(m.label),
            ...locatedAt(rule, field, m.label),
          },
        });
      }
    }
    const { sources, targets } = inhibitSides(rule, knowledge);
    if (sources.length === 0 || targets.length === 0) return;
    rule.equal.forEach((label, i) => {
      const [inSources, inTargets] = [scrapeExplains(context, label, sources), scrapeExplains(context, label, targets)];
      if (!inSources && !inTargets) return;
      const where = locatedAt(rule, `equal[${i}]`);
      if (inSources && inTargets) {
        out.push({
          at: rule,
          field: 'equal',
          label,
          finding: {
            message: `inhibitRules[${index}]: equal label "${label}" is removed by ${scrapeJobs([...new Set([...inSources, ...inTargets])])} from the series of every alert on both sides (sources: ${alertNames(sources)}; targets: ${alertNames(targets)}): it is always equal (empty on both), so every source mutes every target everywhere`,
            hint: HINT(label),
            ...where,
          },
        });
        return;
      }
      // One side cannot carry it because of the scrape; if the other may, the label is never equal.
      const [lacking, other, lackingSide] = inSources ? [inSources, targets, 'source'] : [inTargets!, sources, 'target'];
      if (!other.some((k) => mayCarry(label, k))) return;
      out.push({
        at: rule,
        field: 'equal',
        label,
        finding: {
          message: `inhibitRules[${index}]: equal label "${label}" is removed by ${scrapeJobs(lacking)} from the series of every ${lackingSide} alert (${alertNames(lackingSide === 'source' ? sources : targets)}): it is never equal, so the rule never mutes anything`,
          hint: HINT(label),
          ...where,
        },
      });
    });
  });
}

const dropsCache = new WeakMap<CheckContext, RoutingDrop[]>();

/** Every routing finding of the drop analysis, computed once per context. */
export function routingDrops(context: CheckContext): RoutingDrop[] {
  const cached = dropsCache.get(context);
  if (cached) return cached;
  const out: RoutingDrop[] = [];
  const am = context.model.alertmanager;
  if (am && context.model.prometheus.scrapeJobs.some((j) => j.metricRelabel.length > 0)) {
    const knowledge = alertLabelKnowledge(context);
    if (knowledge.length > 0) {
      routeDrops(context, am.route, knowledge, out);
      inhibitDrops(context, am.inhibitRules, knowledge, out);
    }
  }
  dropsCache.set(context, out);
  return out;
}

/** Whether scrape/dropped-label reports this label of this route or inhibit rule's field (the generic routing checks then stay quiet on it). */
export function reportedAsDropped(context: CheckContext, at: RouteModel | InhibitRuleModel, field: RoutingDrop['field'], label: string): boolean {
  return routingDrops(context).some((d) => d.at === at && d.field === field && d.label === label);
}
