import { hasErrors, UsageError } from '../diagnostic.js';
import { loadTimeoutMs } from '../io/loader/timeout.js';
import { startLoading } from '../io/load.js';
import { renderText, useColor } from '../report/text.js';
import { renderJson } from '../report/json.js';
import { renderGithub } from '../report/github.js';
import { describeDiagnostics, plural } from '../report/summary.js';
import { redactText } from '../report/redact.js';
import { FORMATS, type Format } from './validate.js';

export interface CheckMetricsCommandOptions {
  definitions: string;
  format: string;
  exporter?: string;
  strict?: boolean;
  loadTimeout?: string;
}

/** `totem-mon check-metrics <url|file>`: a target's exposition against the catalogue. Returns the exit code. */
export async function checkMetricsCommand(source: string, options: CheckMetricsCommandOptions): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`unknown format "${options.format}"`, 2, `use one of: ${FORMATS.join(', ')}`);
  }
  const format = options.format as Format;
  const loaded = startLoading(options.definitions, { timeoutMs: loadTimeoutMs(options.loadTimeout) });
  const { checkMetrics } = await import('../app/check-metrics.js');
  const result = await checkMetrics({
    definitions: options.definitions,
    source,
    loaded,
    strict: Boolean(options.strict),
    ...(options.exporter !== undefined ? { exporter: options.exporter } : {}),
  });
  const failed = hasErrors(result.diagnostics);
  const what =
    result.families !== undefined
      ? `${result.families} metric famil${result.families === 1 ? 'y' : 'ies'} in ${source} against ${plural(result.expected ?? 0, 'catalogue metric')} (${options.exporter ?? 'the application'})`
      : source;
  if (format === 'json') {
    process.stdout.write(renderJson({ definitions: options.definitions, offline: true, tools: [], diagnostics: result.diagnostics }));
  } else if (format === 'github') {
    const lines = renderGithub(result.diagnostics, result.model?.entry ?? `${options.definitions}/index.ts`);
    process.stdout.write(`${lines ? `${lines}\n` : ''}${redactText(`check-metrics: ${describeDiagnostics(result.diagnostics, 0)}; ${what}`)}\n`);
  } else {
    const text = renderText(result.diagnostics, { color: useColor(process.stdout) });
    process.stdout.write(`${text ? `${text}\n` : ''}${redactText(`check-metrics ${failed ? 'failed' : 'ok'}: ${what} · ${describeDiagnostics(result.diagnostics, 0)}`)}\n`);
  }
  return failed ? 1 : 0;
}
