import type { CheckId, CheckSetting } from '../check-ids.js';

export type { CheckId, CheckSetting } from '../check-ids.js';

/**
 * Silences checks on one definition, each with the reason (required, not empty):
 * `ignore: { 'promql/counter-compared-raw': 'this counter resets daily on purpose' }`.
 * It covers findings about the definition and what is written inside it (an alert's expr and
 * annotations, a dashboard's panels, a route's child routes). An ignore that silences nothing is
 * reported (`lint/stale-ignore`), so excuses do not outlive the problem.
 */
export type Ignore = { readonly [id in CheckId]?: string };

/** The project's check settings: `lint: { checks: { 'alert/naming': 'off', 'alert/missing-for': 'error' } }`. */
export interface LintOptions {
  /** Per check id: `'off'`, or the severity its findings get (default: each check's own, see the README). */
  checks?: { readonly [id in CheckId]?: CheckSetting };
}
