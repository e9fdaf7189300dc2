import type { ProjectInput } from './schema/project.js';
import type { AlertDefaultsInput, AlertInput, RecordInput, RuleGroupInput } from './schema/rules.js';
import type { AlertmanagerInput, RouteInput } from './schema/alertmanager.js';
import type { TeamInput } from './schema/team.js';
import { defined } from './build-helpers.js';

/**
 * Composition written out: the teams' rule groups, dashboards, receivers, routes and routing tests
 * join the project's, and the group- and team-level labels and alert defaults are applied to each
 * rule. Everything after this (model, lint, compilers) sees plain, explicit rules and routes, so
 * the generated files say what is in force (Prometheus 2.42 has no group labels).
 */

/** What a rule inherits, weakest first merged: the team's, then its group's. */
interface Inherited {
  for?: string;
  keepFiringFor?: string;
  /** Alerts only. */
  alertLabels: Record<string, string>;
  annotations: Record<string, string>;
  /** Every rule of the group (recording rules too). */
  ruleLabels: Record<string, string>;
}

const NOTHING: Inherited = { alertLabels: {}, annotations: {}, ruleLabels: {} };

function inherit(base: Inherited, defaults: AlertDefaultsInput | undefined, labels: Readonly<Record<string, string>> | undefined, forRecords: boolean): Inherited {
  const forValue = defaults?.for ?? base.for;
  const keepFiringFor = defaults?.keepFiringFor ?? base.keepFiringFor;
  return {
    ...(forValue !== undefined ? { for: forValue } : {}),
    ...(keepFiringFor !== undefined ? { keepFiringFor } : {}),
    alertLabels: { ...base.alertLabels, ...defaults?.labels, ...labels },
    annotations: { ...base.annotations, ...defaults?.annotations },
    ruleLabels: forRecords ? { ...base.ruleLabels, ...labels } : base.ruleLabels,
  };
}

/** Alert label sets after composition, by the alert's call site (the one identity zod keeps). */
type AlertLabels = Map<object, Record<string, string>>;

function composeAlert(rule: AlertInput, from: Inherited, applied: AlertLabels): AlertInput {
  const forValue = rule.for ?? from.for;
  const keepFiringFor = rule.keepFiringFor ?? from.keepFiringFor;
  // Object.assign onto fresh objects, not `{ ...a, ...b }`: Node 20's V8 gives every object spread
  // and then extended a hidden class of its own, and 10,000 alerts' labels each their own makes
  // every later reader slow (the checks, the compilers). The same keys, in the same order (zod's
  // records hold no own `__proto__`, the one key where the two differ).
  const labels: Record<string, string> = Object.assign({}, from.alertLabels, rule.labels);
  if (rule.source) applied.set(rule.source, labels);
  return Object.assign(
    {},
    rule,
    forValue !== undefined ? { for: forValue } : {},
    keepFiringFor !== undefined ? { keepFiringFor } : {},
    { labels, annotations: Object.assign({}, from.annotations, defined(rule.annotations) as Record<string, string>) },
  );
}

function composeRecord(rule: RecordInput, from: Inherited): RecordInput {
  return Object.keys(from.ruleLabels).length === 0 ? rule : Object.assign({}, rule, { labels: Object.assign({}, from.ruleLabels, rule.labels) });
}

function composeGroup(group: RuleGroupInput, team: Inherited, applied: AlertLabels): RuleGroupInput {
  const from = inherit(team, group.alertDefaults, group.labels, true);
  return { ...group, rules: group.rules.map((r) => (r.kind === 'alert' ? composeAlert(r, from, applied) : composeRecord(r, from))) };
}

function teamInheritance(team: TeamInput): Inherited {
  return inherit(NOTHING, team.alertDefaults, team.labels, false);
}

/** The team's route under the root: its labels as matchers, its receiver, its routes below. */
function teamRoute(team: TeamInput): RouteInput | undefined {
  const receiver = team.receiver ?? team.receivers?.[0]?.name;
  if (receiver === undefined) return undefined;
  return {
    kind: 'route',
    receiver,
    matchers: { ...team.labels },
    ...(team.routes ? { routes: team.routes } : {}),
    ...(team.source ? { source: team.source } : {}),
  };
}

type RoutingTestInput = NonNullable<AlertmanagerInput['tests']>[number];
type FiringInput = NonNullable<RoutingTestInput['alsoFiring']>[number];

/** A routing test that names an alert definition sees the alert's composed labels. */
function withComposedLabels<T extends FiringInput>(firing: T, applied: AlertLabels): T {
  if (!firing.alert) return firing;
  const labels = firing.alert['source'] ? applied.get(firing.alert['source'] as object) : undefined;
  return labels ? { ...firing, alert: { ...firing.alert, labels } } : firing;
}

function composeTests(tests: readonly RoutingTestInput[], applied: AlertLabels): RoutingTestInput[] {
  return tests.map((t) => {
    const test = withComposedLabels(t, applied);
    return t.alsoFiring ? { ...test, alsoFiring: t.alsoFiring.map((f) => withComposedLabels(f, applied)) } : test;
  });
}

function composeAlertmanager(am: AlertmanagerInput, teams: readonly TeamInput[], applied: AlertLabels): AlertmanagerInput {
  const teamRoutes = teams.map(teamRoute).filter((r): r is RouteInput => r !== undefined);
  const tests = [...(am.tests ?? []), ...teams.flatMap((t) => t.tests ?? [])];
  return {
    ...am,
    receivers: [...am.receivers, ...teams.flatMap((t) => t.receivers ?? [])],
    route: teamRoutes.length > 0 ? { ...am.route, routes: [...teamRoutes, ...(am.route.routes ?? [])] } : am.route,
    ...(tests.length > 0 ? { tests: composeTests(tests, applied) } : {}),
  };
}

/** The project with its teams merged in and every inherited label, annotation and duration written on the rules. */
export function composeProject(project: ProjectInput): ProjectInput {
  const teams = project.teams ?? [];
  const applied: AlertLabels = new Map();
  const ruleGroups = [
    ...(project.ruleGroups ?? []).map((g) => composeGroup(g, NOTHING, applied)),
    ...teams.flatMap((t) => (t.ruleGroups ?? []).map((g) => composeGroup(g, teamInheritance(t), applied))),
  ];
  const dashboards = [...(project.dashboards ?? []), ...teams.flatMap((t) => t.dashboards ?? [])];
  const alertmanager = project.alertmanager ? composeAlertmanager(project.alertmanager, teams, applied) : undefined;
  return {
    ...project,
    ...(project.ruleGroups || ruleGroups.length > 0 ? { ruleGroups } : {}),
    ...(project.dashboards || dashboards.length > 0 ? { dashboards } : {}),
    ...(alertmanager ? { alertmanager } : {}),
  };
}
