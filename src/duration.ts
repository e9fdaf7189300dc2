/** Prometheus durations (a leaf: the schema, the model, the PromQL analysis and the checks read them). */

/** Prometheus duration, e.g. `30s`, `5m`, `1h30m`; units in decreasing order, no spaces. */
export const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

const unitMs = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** Milliseconds of a Prometheus duration, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  if (text === '') return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (let i = 0; i < unitMs.length; i++) {
    const part = match[i + 1];
    if (part !== undefined) total += Number(part) * unitMs[i]!;
  }
  return total;
}

/** A Prometheus duration for a number of milliseconds, largest units first: 90000 → `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let rest = Math.round(ms);
  let text = '';
  for (let i = 0; i < unitMs.length; i++) {
    const n = Math.floor(rest / unitMs[i]!);
    if (n > 0) text += `${n}${units[i]}`;
    rest -= n * unitMs[i]!;
  }
  return text;
}
