import { UsageError } from '../diagnostic.js';
import { loadTimeoutMs } from '../io/loader/timeout.js';
import { hasErrors } from '../diagnostic.js';
import type { ValidateResult } from '../app/validate.js';
import { startLoading } from '../io/load.js';
import { renderText, useColor } from '../report/text.js';
import { renderJson } from '../report/json.js';
import { renderGithub } from '../report/github.js';
import { defaultRouteReport, describeDiagnostics, describeModel, plural } from '../report/summary.js';
import { progress } from '../report/progress.js';

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface ValidateCommandOptions {
  definitions: string;
  format: string;
  offline?: boolean;
  requireTests?: boolean;
  strict?: boolean;
  /** --load-timeout, in seconds (else $TOTEM_MON_LOAD_TIMEOUT, else the default). */
  loadTimeout?: string;
}

function toolsLine(result: ValidateResult, offline: boolean): string {
  if (offline) return 'promtool and amtool skipped (--offline)';
  const tools = result.tools.map((t) => `${t.name} ${t.version ?? '(unknown version)'} (${t.ran.join(', ')})`).join(', ');
  const n = result.simulatedRoutingTests;
  // Say who judged what: amtool cannot judge inhibition or time intervals.
  return n > 0 ? `${tools}; ${plural(n, 'routing test')} with at/alsoFiring judged by totem-mon's simulation (amtool ignores inhibition and time intervals)` : tools;
}

/** `totem-mon validate`: one report of our checks and the real tools' findings. Returns the exit code. */
export async function validateCommand(options: ValidateCommandOptions): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`unknown format "${options.format}"`, 2, `use one of: ${FORMATS.join(', ')}`);
  }
  const format = options.format as Format;
  // The definitions load in a process of their own while this one imports the checks and tool runs.
  const loaded = startLoading(options.definitions, { timeoutMs: loadTimeoutMs(options.loadTimeout) });
  const { validate } = await import('../app/validate.js');
  const offline = Boolean(options.offline);
  // Progress only for people watching a terminal; CI logs and machine formats stay plain.
  const onStep = format === 'text' ? progress(process.stderr) : undefined;
  const result = await validate({
    definitions: options.definitions,
    offline,
    requireTests: Boolean(options.requireTests),
    strict: Boolean(options.strict),
    loaded,
    ...(onStep ? { onStep } : {}),
  });
  const failed = hasErrors(result.diagnostics);

  if (format === 'json') {
    process.stdout.write(
      renderJson({
        definitions: options.definitions,
        offline,
        tools: result.tools,
        diagnostics: result.diagnostics,
        silenced: result.silenced,
        ...(result.context ? { defaultRoute: defaultRouteReport(result.context) } : {}),
        simulatedRoutingTests: result.simulatedRoutingTests,
      }),
    );
  } else if (format === 'github') {
    const lines = renderGithub(result.diagnostics, result.model?.entry ?? `${options.definitions}/index.ts`);
    process.stdout.write(`${lines ? `${lines}\n` : ''}validate: ${describeDiagnostics(result.diagnostics, result.silenced.length)}; ${toolsLine(result, offline)}\n`);
  } else {
    const text = renderText(result.diagnostics, { color: useColor(process.stdout) });
    const what = result.model ? `${describeModel(result.model, result.context)} · ` : '';
    process.stdout.write(
      `${text ? `${text}\n` : ''}validate ${failed ? 'failed' : 'ok'}: ${what}${describeDiagnostics(result.diagnostics, result.silenced.length)} · ${toolsLine(result, offline)}\n`,
    );
  }
  return failed ? 1 : 0;
}
