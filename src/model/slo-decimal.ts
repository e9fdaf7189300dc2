/**
 * Exact decimal arithmetic for SLO objectives, budgets and burn-rate thresholds. `1 - 0.999` in
 * floating point is 0.0010000000000000009; an SLO's rules must say `0.001`. A decimal is an integer
 * of digits and a scale (value = digits / 10^scale), built from the shortest decimal text of the
 * number the user wrote (JavaScript's `String(99.9)` is `"99.9"`), so every step is exact.
 */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** The exact decimal of a finite number's shortest text (`99.95` → 9995 / 10^2). */
export function decimal(value: number | string): Decimal {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new Error(`not a finite decimal: ${text}`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let digits = BigInt(`${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalise({ digits: sign ? -digits : digits, scale });
}

function normalise(d: Decimal): Decimal {
  let { digits, scale } = d;
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale--;
  }
  return { digits, scale };
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return normalise({ digits: x - y, scale });
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return normalise({ digits: a.digits * b.digits, scale: a.scale + b.scale });
}

/** a / 10^n, exactly (percent → ratio is `shift(x, 2)`). */
export function shift(a: Decimal, n: number): Decimal {
  return normalise({ digits: a.digits, scale: a.scale + n });
}

export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Plain decimal text, never an exponent: `0.001`, `0.0144`, `14.4`, `30`. */
export function format(d: Decimal): string {
  const negative = d.digits < 0n;
  const text = (negative ? -d.digits : d.digits).toString();
  if (d.scale === 0) return `${negative ? '-' : ''}${text}`;
  const padded = text.padStart(d.scale + 1, '0');
  const whole = padded.slice(0, padded.length - d.scale);
  return `${negative ? '-' : ''}${whole}.${padded.slice(padded.length - d.scale)}`;
}

/** The nearest float (for the simulations in generated tests, never for the output). */
export function toNumber(d: Decimal): number {
  return Number(format(d));
}
