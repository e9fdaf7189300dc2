/**
 * A /metrics exposition as metric families: what parse-prometheus-text-format (a port of
 * Prometheus's own text parser) returns, in the types this module reads.
 */
export interface Sample {
  labels?: Record<string, string>;
  value?: string;
  /** Histograms: `le` → cumulative count (the +Inf bucket included). */
  buckets?: Record<string, string>;
  /** Summaries: `quantile` → value. */
  quantiles?: Record<string, string>;
  count?: string;
  sum?: string;
}

export interface Family {
  name: string;
  help: string;
  /** COUNTER, GAUGE, HISTOGRAM, SUMMARY or UNTYPED. */
  type: string;
  metrics: Sample[];
}

/** Parses the text exposition format (version 0.0.4); throws on text that is not one. */
export async function parseExposition(text: string): Promise<Family[]> {
  // CommonJS, imported on first use: only check-metrics needs it.
  const { default: parse } = await import('parse-prometheus-text-format');
  const families = parse(text);
  // The parser is lenient about names (an HTML error page parses as a metric called `<html>`):
  // what Prometheus would refuse to ingest is refused here too.
  for (const family of families) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(family.name)) throw new Error(`invalid metric name ${JSON.stringify(family.name)}`);
    for (const sample of family.metrics) {
      const bad = Object.keys(sample.labels ?? {}).find((l) => !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l));
      if (bad !== undefined) throw new Error(`invalid label name ${JSON.stringify(bad)} on ${family.name}`);
    }
  }
  return families;
}
