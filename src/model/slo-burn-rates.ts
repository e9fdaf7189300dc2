import { decimal, format, type Decimal } from './slo-decimal.js';

/**
 * The SRE workbook's multi-window, multi-burn-rate table ("Alerting on SLOs", table 5-8), by the
 * share of the error budget each line lets burn before it alerts: a page when 2% burns within 1h
 * (checked over 5m as well) or 5% within 6h (30m); a ticket when 10% burns within 1d (2h) or 10%
 * within 3d (6h). For a 30d window that is 14.4×, 6×, 3× and 1×; for another window the burn rates
 * scale with it (28d: 13.44×, 5.6×, 2.8×, 0.9333×).
 */
export const WORKBOOK_TABLE = {
  page: [
    { long: '1h', short: '5m', budgetShare: '0.02' },
    { long: '6h', short: '30m', budgetShare: '0.05' },
  ],
  ticket: [
    { long: '1d', short: '2h', budgetShare: '0.1' },
    { long: '3d', short: '6h', budgetShare: '0.1' },
  ],
} as const;

/** Burn rates are written with at most this many decimals (28d / 3d × 10% is 0.9333…). */
const BURN_RATE_DECIMALS = 4;

/** share × window / long, exact when it terminates within 4 decimals, else rounded half up to 4. */
export function workbookBurnRate(budgetShare: string, windowMs: number, longMs: number): Decimal {
  const share = decimal(budgetShare);
  const scale = BigInt(BURN_RATE_DECIMALS);
  // share.digits / 10^share.scale × window / long, in units of 10^-4, rounded half up.
  const numerator = share.digits * BigInt(windowMs) * 10n ** scale * 2n;
  const denominator = 10n ** BigInt(share.scale) * BigInt(longMs);
  const units = (numerator / denominator + 1n) / 2n;
  return decimal(format({ digits: units, scale: BURN_RATE_DECIMALS }));
}
