/**
 * Who is notified, after routing, inhibition and time intervals: totem-mon's own simulation of
 * Alertmanager 0.25 (amtool's `routes test` stops at routing). Pure.
 *
 * Inhibition (inhibit/inhibit.go): an alert is muted by a rule when it matches the rule's target
 * matchers and some firing alert matches the source matchers with every `equal` label equal (a label
 * missing on both sides counts as equal: both are ""). An alert that matches both source and target
 * is never muted by a source that also matches the target, so an alert never mutes itself.
 *
 * Time intervals (dispatch/route.go, notify.go): a route is muted while one of its
 * `muteTimeIntervals` holds, and outside all of its `activeTimeIntervals` when it has some. Neither
 * is inherited by child routes. A muted route still ends the search (it matched), it only sends nothing.
 */
import type { AlertmanagerModel, FiringAlertModel, InhibitRuleModel, RouteModel } from './alertmanager.js';
import { matchersMatch, matchRoutes, type LabelSet } from './routing.js';
import { intervalContains } from './time-intervals.js';

export interface Inhibition {
  rule: InhibitRuleModel;
  /** Index of the rule in `inhibitRules`. */
  index: number;
  source: FiringAlertModel;
}

/** The first inhibit rule and firing alert that mute `target`, or undefined. */
export function inhibitionOf(
  rules: readonly InhibitRuleModel[],
  target: LabelSet,
  firing: readonly FiringAlertModel[],
): Inhibition | undefined {
  for (const [index, rule] of rules.entries()) {
    if (!matchersMatch(rule.targetMatchers, target)) continue;
    const twoSided = matchersMatch(rule.sourceMatchers, target);
    for (const source of firing) {
      if (!matchersMatch(rule.sourceMatchers, source.labels)) continue;
      if (rule.equal.some((label) => (source.labels[label] ?? '') !== (target[label] ?? ''))) continue;
      if (twoSided && matchersMatch(rule.targetMatchers, source.labels)) continue;
      return { rule, index, source };
    }
  }
  return undefined;
}

/** Why a route sends nothing at this instant: the interval that mutes it, or undefined. */
export function routeMutedBy(am: Pick<AlertmanagerModel, 'timeIntervals'>, route: RouteModel, at: Date): string | undefined {
  const holds = (name: string) => {
    const interval = am.timeIntervals.find((t) => t.name === name);
    return interval !== undefined && intervalContains(interval, at);
  };
  const mute = route.muteTimeIntervals.find(holds);
  if (mute !== undefined) return `mute time interval ${mute}`;
  if (route.activeTimeIntervals.length > 0 && !route.activeTimeIntervals.some(holds)) {
    return `outside its active time intervals (${route.activeTimeIntervals.join(', ')})`;
  }
  return undefined;
}

export interface NotifyOutcome {
  /** Receivers notified, in routing order, without repeats. */
  receivers: string[];
  /** Receivers the routes picked (what amtool reports). */
  routed: string[];
  inhibition?: Inhibition;
  /** Routes that matched but are muted at that instant. */
  muted: Array<{ receiver: string; why: string }>;
}

/**
 * The receivers notified for an alert with these labels, while `alsoFiring` fire, at `at`
 * (without `at`, time intervals are not applied).
 */
export function notify(
  am: Pick<AlertmanagerModel, 'route' | 'inhibitRules' | 'timeIntervals'>,
  labels: LabelSet,
  alsoFiring: readonly FiringAlertModel[] = [],
  at?: Date,
): NotifyOutcome {
  const matches = matchRoutes(am.route, labels);
  const routed = [...new Set(matches.map((m) => m.receiver))];
  const inhibition = inhibitionOf(am.inhibitRules, labels, alsoFiring);
  const muted: NotifyOutcome['muted'] = [];
  const receivers: string[] = [];
  for (const m of matches) {
    const why = at ? routeMutedBy(am, m.route, at) : undefined;
    if (why !== undefined) muted.push({ receiver: m.receiver, why });
    else if (!inhibition && !receivers.includes(m.receiver)) receivers.push(m.receiver);
  }
  return { receivers, routed, ...(inhibition ? { inhibition } : {}), muted };
}
