/**
 * Every name an SLO generates, in one place (the README's "SLOs › Naming" documents them).
 *
 * Recorded series carry the labels `service`, `slo` and `window`; the names are shared by every
 * SLO (the labels tell them apart), so one dashboard query or one federation rule covers all:
 *
 *   slo:sli_errors:rate5m{service,slo,window="5m"}           errors per second over 5m (bad events)
 *   slo:sli_total:rate5m{service,slo,window="5m"}            events per second over 5m
 *   slo:sli_error:ratio_rate<w>{service,slo,window="<w>"}    error ratio over window w (5m, 30m, 1h, …; windowName)
 *   slo:sli_error:ratio_rate<period>{…,window="<period>"}    error ratio over the SLO window (30d)
 *   slo:error_budget_remaining:ratio{service,slo}            1 − period error ratio / error budget
 *
 * Rule groups, per SLO: `slo-<service>-<slo>` (the ratios), `slo-<service>-<slo>-budget` (the
 * period ratio and the budget, evaluated every 5m) and `slo-<service>-<slo>-alerts`.
 */
export const SLO_LABEL = { service: 'service', slo: 'slo', window: 'window' } as const;

/** The window the per-second rates are recorded over, from which the 5m ratio and the period ratio derive. */
export const BASE_WINDOW = '5m';

export const ERRORS_RATE_RECORD = `slo:sli_errors:rate${BASE_WINDOW}`;
export const TOTAL_RATE_RECORD = `slo:sli_total:rate${BASE_WINDOW}`;
export const BUDGET_REMAINING_RECORD = 'slo:error_budget_remaining:ratio';

export function errorRatioRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

const WINDOW_UNITS: Array<[string, number]> = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];

/**
 * The one text of a window in record names, `window` labels and ranges: its largest unit that
 * divides it (168h and 1w are `7d`, 90m stays `90m`, 1h30m is `90m`), so equal windows written
 * differently are one recorded series, the one the alerts read.
 */
export function windowName(ms: number): string {
  const [unit, size] = WINDOW_UNITS.find(([, size]) => ms % size === 0) ?? WINDOW_UNITS[WINDOW_UNITS.length - 1]!;
  return `${ms / size}${unit}`;
}

/**
 * The interval of the ratio and alert groups (unless the global one is longer): the shortest
 * window is 5m, so evaluating every 15s would cost 4× more for nothing an SLO alert needs.
 */
export const SLO_GROUP_INTERVAL = '1m';

/** The interval of the budget group: the period ratio moves slowly and reads a month of samples. */
export const BUDGET_GROUP_INTERVAL = '5m';

export interface SloGroupNames {
  ratios: string;
  budget: string;
  alerts: string;
}

export function sloGroupNames(service: string, slo: string): SloGroupNames {
  const base = `slo-${service}-${slo}`;
  return { ratios: base, budget: `${base}-budget`, alerts: `${base}-alerts` };
}

/** Annotations every SLO alert carries, whatever the definitions add. */
export const BURN_RATE_ANNOTATION = 'burn_rate';
export const BUDGET_REMAINING_ANNOTATION = 'error_budget_remaining';

/** The dashboard's uid and title. */
export const SLO_DASHBOARD = { uid: 'slos', title: 'SLOs' } as const;
