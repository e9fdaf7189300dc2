import type { Located } from './types.js';
import type { SloInput } from './schema/slo.js';
import { located } from './located.js';
import { durationMs } from '../duration.js';
import { decimal, mul, shift, sub, type Decimal } from './slo-decimal.js';
import { WORKBOOK_TABLE, workbookBurnRate } from './slo-burn-rates.js';

/** One line of an SLO's burn-rate table, with its threshold on the error ratio (burn rate × budget), exact. */
export interface BurnRateModel {
  long: string;
  longMs: number;
  short: string;
  shortMs: number;
  burnRate: Decimal;
  /** burnRate × error budget: the error ratio both windows must exceed. */
  threshold: Decimal;
  /** Where it is written (the default table: the SLO itself). */
  at: Located;
}

export type SliModel =
  | { kind: 'errors'; errors: string; total: string }
  | { kind: 'good'; good: string; total: string }
  | {
      kind: 'latency';
      histogram: string;
      selector: string;
      threshold: number;
      /** The threshold's `le` as the project's own instrumentation exposes it (Python: `1.0`), when it settles it. */
      le?: string;
    };

export interface SloAlertModel {
  severity: 'page' | 'ticket';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  for?: string;
  burnRates: BurnRateModel[];
}

export interface SloModel extends Located {
  name: string;
  service: string;
  description?: string;
  /** As written, in percent. */
  objective: number;
  /** objective / 100 and 1 − that, exact: 99.9 → 0.999 and 0.001. */
  objectiveRatio: Decimal;
  budget: Decimal;
  window: string;
  windowMs: number;
  sli: SliModel;
  alertName: string;
  /** The page and the ticket alert, those not turned off. */
  alerts: SloAlertModel[];
  /** The burn-rate table was written in the definitions (else: the workbook's, scaled to the window). */
  customBurnRates: boolean;
}

const DEFAULT_WINDOW = '30d';
const DEFAULT_SEVERITY = { page: 'critical', ticket: 'warning' } as const;

function defaultAnnotations(input: SloInput, severity: 'page' | 'ticket'): Record<string, string> {
  const what = `${input.service} ${input.name} (${input.objective}% over ${input.window ?? DEFAULT_WINDOW})`;
  return {
    summary: `SLO ${input.name} of ${input.service}: the error budget burns too fast`,
    description:
      severity === 'page'
        ? `The error budget of ${what} burns fast enough to be gone within days: act now. burn_rate and error_budget_remaining give the figures.`
        : `The error budget of ${what} burns faster than the objective allows: look into it today. burn_rate and error_budget_remaining give the figures.`,
  };
}

export function buildSlo(input: SloInput): SloModel {
  const path = ['slos', input.name];
  const at = located(input, path);
  const { ignore: _ignore, ...where } = at;
  const objective = decimal(input.objective);
  const objectiveRatio = shift(objective, 2);
  const budget = sub(decimal(1), objectiveRatio);
  const window = input.window ?? DEFAULT_WINDOW;
  const windowMs = durationMs(window)!;

  const line = (long: string, short: string, burnRate: Decimal, where: Located): BurnRateModel => ({
    long,
    longMs: durationMs(long)!,
    short,
    shortMs: durationMs(short)!,
    burnRate,
    threshold: mul(burnRate, budget),
    at: where,
  });
  const table = (severity: 'page' | 'ticket'): BurnRateModel[] =>
    input.burnRates
      ? input.burnRates[severity].map((w, i) =>
          line(w.long, w.short, decimal(w.burnRate), { ...where, path: [...path, 'burnRates', `${severity}[${i}]`] }),
        )
      : WORKBOOK_TABLE[severity].map((w) => line(w.long, w.short, workbookBurnRate(w.budgetShare, windowMs, durationMs(w.long)!), where));

  const alerts: SloAlertModel[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const options = input.alerting[severity];
    if (options === false) continue;
    alerts.push({
      severity,
      labels: { severity: DEFAULT_SEVERITY[severity], ...input.alerting.labels, ...options?.labels },
      annotations: {
        ...defaultAnnotations(input, severity),
        ...(Object.fromEntries(Object.entries(input.alerting.annotations ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string>),
        ...options?.annotations,
      },
      ...(options?.for !== undefined ? { for: options.for } : {}),
      burnRates: table(severity),
    });
  }
  return {
    name: input.name,
    service: input.service,
    ...(input.description !== undefined ? { description: input.description } : {}),
    objective: input.objective,
    objectiveRatio,
    budget,
    window,
    windowMs,
    sli: input.sli,
    alertName: input.alerting.name,
    alerts,
    customBurnRates: input.burnRates !== undefined,
    ...at,
  };
}
