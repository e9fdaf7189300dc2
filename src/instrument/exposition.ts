/**
 * What the instrumentation totem-mon generates (the Python module, src/compile/instrument/python.ts)
 * exposes, as text, beyond the catalogue's numbers: the checks compare selectors with this, not
 * with the numbers, since Prometheus matches label values as text.
 */
import type { MetricType } from '../api/metrics.js';

/** The metrics a generated instrumentation exposes: the application's own, with `instrument.python`. */
export function exposedByGeneratedPython(model: { instrument?: { python?: unknown } | undefined }, metric: { exporter?: string | undefined }): boolean {
  return model.instrument?.python !== undefined && metric.exporter === undefined;
}

/**
 * Python's repr() of a float: the shortest round-trip digits (as JavaScript's), in fixed notation
 * with at least one decimal (`1.0`) for exponents -4…15, else `1e-05`, `1.5e+16`.
 */
function pythonRepr(n: number): string {
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 16) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const fixed = String(n); // JavaScript's own notation is fixed over that range too
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/**
 * A bucket bound or quantile as prometheus_client writes it in a label (utils.floatToGoString):
 * `1` is `1.0`, `0.25` is `0.25`, `1000000` is `1e+06`, infinity `+Inf`.
 */
export function pythonLabelNumber(n: number): string {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isNaN(n)) return 'NaN';
  const s = pythonRepr(n);
  const dot = s.indexOf('.');
  if (n > 0 && dot > 6) {
    const mantissa = `${s[0]}.${s.slice(1, dot)}${s.slice(dot + 1)}`.replace(/[0.]+$/, '');
    return `${mantissa}e+0${dot - 1}`;
  }
  return s;
}

/**
 * A regular expression matching a bucket bound as every client library writes it: Go clients and
 * prom-client `1`, prometheus_client `1.0` (→ `1(\.0)?`); `1000000` and `1e+06` for a million;
 * just the text where they agree (`0.25`).
 */
export function anyClientBoundRegexp(bound: number): string {
  const quote = (text: string) => text.replace(/[.+]/g, '\\$&');
  const go = String(bound);
  const python = pythonLabelNumber(bound);
  if (python === go) return quote(go);
  return python === `${go}.0` ? `${quote(go)}(\\.0)?` : `${quote(go)}|${quote(python)}`;
}

/**
 * The names a metric's exposition takes, so no other metric of the same target may have one
 * (prometheus_client refuses the second at import with "Duplicated timeseries in CollectorRegistry";
 * in OpenMetrics a counter's family is its name without `_total`, and counters, histograms and
 * summaries have a `_created` series):
 * counter `x_total`: x, x_total, x_created; histogram x: x, x_bucket, x_sum, x_count, x_created;
 * summary x: x, x_sum, x_count, x_created; gauge x: x.
 */
export function reservedNames(metric: { type: MetricType; name: string }): string[] {
  switch (metric.type) {
    case 'counter': {
      const family = metric.name.replace(/_total$/, '');
      return [family, `${family}_total`, `${family}_created`];
    }
    case 'histogram':
      return [metric.name, `${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`, `${metric.name}_created`];
    case 'summary':
      return [metric.name, `${metric.name}_sum`, `${metric.name}_count`, `${metric.name}_created`];
    case 'gauge':
      return [metric.name];
  }
}
