/**
 * Go's formatting of a float64, as Prometheus' templates render it: `printf "%.2f"` (goFixed) and
 * `humanizePercentage`'s `%.4g` (goG). Go rounds the exact binary value of the double, half to even
 * when it lies exactly halfway (strconv's decimal rounding); JavaScript's toFixed and toExponential
 * round that exact value too but take the larger neighbour on a tie, so `(0.125).toFixed(2)` is
 * `0.13` where Go writes `0.12`. Every prediction of what Prometheus renders goes through here.
 */

/** A finite non-negative double's exact value, digits / 10^scale (every double is a finite decimal). */
function exactDecimal(v: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // v = mantissa × 2^exponent (subnormals have no implicit leading bit).
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  if (exponent >= 0) return { digits: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k = m × 5^k / 10^k.
  return { digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** digits / 10^scale rounded to a multiple of 10^-target, half to even; returned in units of 10^-target. */
function roundHalfEven(digits: bigint, scale: number, target: number): bigint {
  if (target >= scale) return digits * 10n ** BigInt(target - scale);
  const divisor = 10n ** BigInt(scale - target);
  const quotient = digits / divisor;
  const twice = (digits % divisor) * 2n;
  return twice > divisor || (twice === divisor && quotient % 2n === 1n) ? quotient + 1n : quotient;
}

/** Go's sign and special values: `NaN`, `+Inf`, `-Inf`; a negative number (and −0) keeps its `-`. */
function special(v: number): string | undefined {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return undefined;
}

const negative = (v: number) => v < 0 || Object.is(v, -0);

/** Go's `%.<decimals>f`. */
export function goFixed(v: number, decimals: number): string {
  const text = special(v);
  if (text !== undefined) return text;
  const { digits, scale } = exactDecimal(Math.abs(v));
  const rounded = roundHalfEven(digits, scale, decimals).toString().padStart(decimals + 1, '0');
  const whole = rounded.slice(0, rounded.length - decimals);
  return `${negative(v) ? '-' : ''}${whole}${decimals > 0 ? `.${rounded.slice(rounded.length - decimals)}` : ''}`;
}

/** Go's `%.<precision>g`: that many significant digits, trailing zeros dropped, `e±dd` below 1e-4 or from 10^precision on. */
export function goG(v: number, precision: number): string {
  const text = special(v);
  if (text !== undefined) return text;
  const sign = negative(v) ? '-' : '';
  if (v === 0) return `${sign}0`;
  const { digits, scale } = exactDecimal(Math.abs(v));
  let exponent = digits.toString().length - 1 - scale;
  let rounded = roundHalfEven(digits, scale, precision - 1 - exponent).toString();
  if (rounded.length > precision) {
    // Rounded up to the next power of ten (9.9995 → 10.00).
    exponent++;
    rounded = rounded.slice(0, precision);
  }
  const significant = rounded.replace(/0+$/, '') || '0';
  if (exponent < -4 || exponent >= precision) {
    const mantissa = significant.length > 1 ? `${significant[0]}.${significant.slice(1)}` : significant;
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${significant}`;
  const whole = significant.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = significant.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}
