import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import type { AlertDefaults, RuleGroup } from './rules.js';
import type { Dashboard } from './dashboard.js';
import type { Receiver, Route, RoutingTest } from './alertmanager.js';

/**
 * A team's module: its rule groups, dashboards, receivers and routes in one file of its own, added
 * to the project with `defineProject({ teams: [...] })`. totem-mon writes it out explicitly:
 * - every alert of the team's rule groups carries the team's `labels` (the rule's and the group's
 *   own labels win), and the team's `alertDefaults`;
 * - the root route gets one route per team, first among its routes, matching the team's labels,
 *   sending to the team's `receiver` (default: its first receiver), with the team's `routes` below it;
 * - the team's receivers and routing tests are added to the Alertmanager configuration (which the
 *   project must have), its dashboards to the project.
 * So two teams live in one repository without editing a shared routing tree or rule list.
 */
export interface TeamOptions<R extends readonly Receiver[] = readonly Receiver[]> {
  /** Team name, shown in finding paths (`teams › payments › …`). */
  name: string;
  /** Labels every alert of the team carries, e.g. `{ team: 'payments' }`; the team's route matches them (at least one). */
  labels: Readonly<Record<string, string>>;
  ruleGroups?: readonly RuleGroup[];
  dashboards?: readonly Dashboard[];
  /** The team's receivers (names unique in the project). */
  receivers?: R;
  /** The receiver of the team's route (default: the first of `receivers`). */
  receiver?: NoInfer<R[number]['name']>;
  /** Routes below the team's route, for some of its alerts (`matchers: { severity: 'critical' }`): only its receivers. */
  routes?: readonly Route<NoInfer<R[number]['name']>>[];
  /** Defaults for every alert of the team's rule groups (a group's and the alert's own settings win). */
  alertDefaults?: AlertDefaults;
  /** Routing tests of the team's alerts (added to the Alertmanager's): only its receivers. */
  tests?: readonly RoutingTest<NoInfer<R[number]['name']>>[];
}

export interface Team<R extends readonly Receiver[] = readonly Receiver[]> extends Readonly<TeamOptions<R>> {
  readonly kind: 'team';
  readonly source?: SourceRef;
}

/** A team module (see `TeamOptions`): `defineProject({ teams: [payments, orders] })`. */
export function team<const R extends readonly Receiver[] = readonly []>(options: TeamOptions<R>): Team<R> {
  return { kind: 'team', ...options, source: captureSource() };
}
