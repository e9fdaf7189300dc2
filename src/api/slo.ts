import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import type { Ignore } from './lint.js';
import type { Counter, Histogram, TargetLabel } from './metrics.js';
import { renderSelector, type Matchers } from './selector.js';

/**
 * Service level objectives (see the README, "SLOs"). An SLO compiles to recording rules (the error
 * ratio over every window its alerts need, the ratio over the SLO window and the budget left),
 * a page and a ticket alert with the multi-window, multi-burn-rate condition of the SRE workbook,
 * their unit tests, and a dashboard.
 */

/** A counter, or a selector on one: `errors` or `errors.select({ code: re('5..') })`. */
export type SliCounter = Counter<string> | string;

/** Event-based SLI: the share of events that are errors. */
export interface ErrorsSli {
  errors: SliCounter;
  total: SliCounter;
}

/** Event-based SLI: the share of events that are good (the error ratio is 1 − good / total). */
export interface GoodSli {
  good: SliCounter;
  total: SliCounter;
}

/** Latency SLI: the share of observations of a histogram at or under `threshold` (one of its buckets). */
export interface LatencySli<L extends string = string> {
  latency: Histogram<L>;
  /** Upper bound in the histogram's unit; it must be one of its buckets (check `slo/latency-threshold`). */
  threshold: number;
  /** Which series of the histogram count (default: all). */
  matchers?: Matchers<L | TargetLabel>;
}

export type Sli = ErrorsSli | GoodSli | LatencySli;

/** One line of a burn-rate table: alert when the error budget burns `burnRate` times too fast over both windows. */
export interface BurnRateWindow {
  /** The long window, e.g. `1h`: how much of the budget the burn has cost. */
  long: string;
  /** The short window, e.g. `5m`: whether it is still burning (the alert resets soon after it stops). */
  short: string;
  /** How many times faster than the budget allows, e.g. 14.4. */
  burnRate: number;
}

/** Which burns page and which open a ticket; each alert fires when any of its lines holds. */
export interface BurnRates {
  page: readonly BurnRateWindow[];
  ticket: readonly BurnRateWindow[];
}

export interface SloAlertOptions {
  /** Added to this alert's labels (default severity: `critical` for the page, `warning` for the ticket). */
  labels?: Record<string, string>;
  /** Added to (and over) the alerts' common annotations. */
  annotations?: Record<string, string>;
  /** Default none: the short window already keeps the alert from firing on a blip (the workbook's design). */
  for?: string;
}

export interface SloAlerting {
  /** The alert name, CamelCase; the page and the ticket alert share it and differ by labels. */
  name: string;
  /** Labels on both alerts (routing: team, …). */
  labels?: Record<string, string>;
  /**
   * Annotations on both alerts (plain text: check `slo/annotations`). summary and description
   * default to English texts naming the SLO; `burn_rate` and `error_budget_remaining` are always
   * added (see the README).
   */
  annotations?: Record<string, string>;
  /** The page alert (fast burns); `false`: none. */
  page?: SloAlertOptions | false;
  /** The ticket alert (slow burns); `false`: none. */
  ticket?: SloAlertOptions | false;
}

export interface SloOptions {
  /** The SLO's name, unique within its service, e.g. `ticket-creation-availability` (label `slo`). */
  name: string;
  /** The service it is about (label `service`). */
  service: string;
  /** Percentage of good events, strictly between 0 and 100, e.g. 99.9. Arithmetic on it is exact. */
  objective: number;
  /** The SLO window (default `30d`); `28d` or any other duration works too. */
  window?: string;
  /** What the SLO promises, shown on the dashboard. */
  description?: string;
  sli: Sli;
  alerting: SloAlerting;
  /**
   * Default: the SRE workbook's table, scaled to the window (for 30d: page at 14.4× over 1h/5m and
   * 6× over 6h/30m; ticket at 3× over 1d/2h and 1× over 3d/6h; see the README, SLOs).
   */
  burnRates?: BurnRates;
  /** Silences checks on this SLO and everything generated from it, each with the reason. */
  ignore?: Ignore;
}

/** The SLI as the definitions carry it: selectors as PromQL text (catalogue objects do not cross to totem-mon). */
export type SliDefinition =
  | { readonly kind: 'errors'; readonly errors: string; readonly total: string }
  | { readonly kind: 'good'; readonly good: string; readonly total: string }
  | { readonly kind: 'latency'; readonly histogram: string; readonly selector: string; readonly threshold: number };

export interface Slo extends Readonly<Omit<SloOptions, 'sli'>> {
  readonly kind: 'slo';
  readonly sli: SliDefinition;
  readonly source?: SourceRef;
}

const selectorOf = (c: SliCounter): string => (typeof c === 'string' ? c : c.select());

function sliDefinition(sli: Sli): SliDefinition {
  if ('latency' in sli) {
    const h = sli.latency;
    return { kind: 'latency', histogram: h.name, selector: renderSelector(h.name, sli.matchers), threshold: sli.threshold };
  }
  if ('errors' in sli) return { kind: 'errors', errors: selectorOf(sli.errors), total: selectorOf(sli.total) };
  return { kind: 'good', good: selectorOf(sli.good), total: selectorOf(sli.total) };
}

/** A service level objective; list it in the project's `slos`. */
export function slo(options: SloOptions): Slo {
  return { kind: 'slo', ...options, sli: sliDefinition(options.sli), source: captureSource() };
}
