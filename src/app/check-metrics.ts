import { readFileSync } from 'node:fs';
import { hasErrors, UsageError, type Diagnostic } from '../diagnostic.js';
import type { LoadedDefinitions } from '../io/load.js';
import type { Model } from '../model/types.js';
import { compareExposition } from '../exposition/compare.js';
import { parseExposition } from '../exposition/families.js';
import { fromDefinitions } from './stages.js';
import { atPropertyLines } from '../io/property-locations.js';

export interface CheckMetricsOptions {
  definitions: string;
  /** An http(s) URL to scrape, or a file holding an exposition (`-` for standard input is not supported). */
  source: string;
  /** Compare with the metrics of this exporter (e.g. `node_exporter`) instead of the application's. */
  exporter?: string;
  loadTimeoutMs?: number;
  loaded?: Promise<LoadedDefinitions>;
  /** Every warning (an unexpected metric) is an error. */
  strict?: boolean;
  /** Time limit of the scrape (default 10 s, Prometheus's default scrape timeout). */
  timeoutMs?: number;
}

export interface CheckMetricsResult {
  diagnostics: Diagnostic[];
  model?: Model;
  /** Metric families in the exposition; undefined when it was not read. */
  families?: number;
  /** The catalogue metrics the exposition was compared with. */
  expected?: number;
}

/** Reads an exposition from a URL (as Prometheus scrapes it: text format 0.0.4) or a file; unreadable is a usage error. */
export async function readExposition(source: string, timeoutMs = 10_000): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { headers: { Accept: 'text/plain;version=0.0.4' }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new UsageError(`cannot scrape ${source}: ${why}`, 2, 'is the target running and listening there? (the first check of "metrics do not show up")');
    }
    if (!response.ok) throw new UsageError(`cannot scrape ${source}: HTTP ${response.status} ${response.statusText}`, 2, 'check the metrics path (usually /metrics)');
    return response.text();
  }
  try {
    return readFileSync(source, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 2, 'give an http(s):// URL or the path of a saved exposition');
  }
}

/**
 * `totem-mon check-metrics`: what a target exposes against the catalogue — the application's
 * metrics (those without `exporter`), or one exporter's.
 */
export async function checkMetrics(options: CheckMetricsOptions): Promise<CheckMetricsResult> {
  const stages = await fromDefinitions({
    definitions: options.definitions,
    checks: [],
    ...(options.loadTimeoutMs !== undefined ? { loadTimeoutMs: options.loadTimeoutMs } : {}),
    ...(options.loaded ? { loaded: options.loaded } : {}),
  });
  if (!stages.model || hasErrors(stages.diagnostics)) return { diagnostics: stages.diagnostics, ...(stages.model ? { model: stages.model } : {}) };
  const model = stages.model;
  const expected = model.metrics.filter((m) => m.exporter === options.exporter);
  if (options.exporter !== undefined && expected.length === 0) {
    const exporters = [...new Set(model.metrics.flatMap((m) => (m.exporter ? [m.exporter] : [])))].sort();
    throw new UsageError(`no metric of the catalogue is exported by "${options.exporter}"`, 2, `exporters in the catalogue: ${exporters.join(', ') || 'none'}`);
  }
  const text = await readExposition(options.source, options.timeoutMs);
  let diagnostics: Diagnostic[];
  let families: number | undefined;
  try {
    const parsed = await parseExposition(text);
    families = parsed.length;
    diagnostics = atPropertyLines(compareExposition(parsed, expected, model.metrics.filter((m) => m.exporter !== options.exporter)));
  } catch (error) {
    diagnostics = [{ id: 'metrics/parse', severity: 'error', message: `${options.source} is not a Prometheus text exposition: ${error instanceof Error ? error.message : String(error)}`, hint: 'a /metrics endpoint serves the text format (version 0.0.4); check the URL and what the application writes there' }];
  }
  if (options.strict) diagnostics = diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d));
  return { diagnostics: [...stages.diagnostics, ...diagnostics], model, ...(families !== undefined ? { families } : {}), expected: expected.length };
}
