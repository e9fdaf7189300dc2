// What `totem-mon validate` prints (src/cli/validate.ts), apart from the command so that starting
// the loader process does not wait for the reports' imports.
import { hasErrors } from '../diagnostic.js';
import type { ValidateResult } from '../app/validate.js';
import { renderText, useColor } from '../report/text.js';
import { renderJson } from '../report/json.js';
import { escapeData, escapeProperty, renderGithub } from '../report/github.js';
import { configHasErrors, defaultRouteReport, describeDiagnostics, describeModel, describePlaces, plural, type FindingPlaces } from '../report/summary.js';
import { redactText } from '../report/redact.js';
import type { Format } from './validate.js';
import { notRunLine, tooOldMessage } from '../validate/tool-target.js';

function toolsLine(result: ValidateResult, offline: boolean): string {
  if (offline) return 'promtool and amtool skipped (--offline)';
  const tooOld = result.toolsTooOld.map(notRunLine);
  // Online with no tool run: the definitions stopped them (no model, or generated files sharing a path).
  if (result.tools.length === 0 && tooOld.length === 0) return 'promtool and amtool not run (the errors above stop them)';
  const tools = [...result.tools.map((t) => `${t.name} ${t.version ?? '(unknown version)'} (${t.ran.join(', ')})`), ...tooOld].join(', ');
  const n = result.simulatedRoutingTests;
  // Say who judged what: amtool cannot judge inhibition or time intervals.
  return n > 0 ? `${tools}; ${plural(n, 'routing test')} with at/alsoFiring judged by totem-mon's simulation (amtool ignores inhibition and time intervals)` : tools;
}

const ORIGIN = { config: 'totem-mon.config.ts', project: 'the project', installed: 'installed', default: 'default' } as const;

/** `targets Prometheus 2.42 (installed), Alertmanager 0.25 (default)[, blackbox exporter 0.23 (installed)]`: the versions the output was judged for. */
function targetsLine(result: ValidateResult): string {
  const v = result.model?.versions;
  if (!v) return '';
  // The blackbox exporter only where its modules are written: the project has health checks.
  const blackbox = (result.model?.healthChecks.length ?? 0) > 0 ? `, blackbox exporter ${v.blackbox} (${ORIGIN[v.from.blackbox]})` : '';
  return `targets Prometheus ${v.prometheus} (${ORIGIN[v.from.prometheus]}), Alertmanager ${v.alertmanager} (${ORIGIN[v.from.alertmanager]})${blackbox} · `;
}

/**
 * The counts, and where the errors are when the config file holds some (` in totem-mon.config.ts`,
 * or it and the definitions with their counts): validate's line names no place otherwise.
 */
function countsLine(result: ValidateResult, places: FindingPlaces): string {
  const counts = describeDiagnostics(result.diagnostics, result.silenced.length);
  return configHasErrors(result.diagnostics, places.config) ? `${counts} ${describePlaces(result.diagnostics, places)}` : counts;
}

/** A workflow command for a tool older than the target, or whose version could not be read: CI shows it with the findings. */
function tooOldAnnotation(t: ValidateResult['toolsTooOld'][number]): string {
  const { message, hint } = tooOldMessage(t);
  const title = t.reason === 'unreadable' ? `${t.name} version unreadable` : `${t.name} older than ${t.reason === 'unsupported' ? 'totem-mon supports' : 'the target'}`;
  return redactText(`::error title=${escapeProperty(title)}::${escapeData(`${message}. hint: ${hint}`)}`);
}

/** Prints the report in the chosen format; returns the exit code. `config`: the config file in use, as messages name it. */
export function printValidateReport(definitions: string, format: Format, offline: boolean, result: ValidateResult, config?: string): number {
  const failed = hasErrors(result.diagnostics);
  const places = { definitions, config };

  if (format === 'json') {
    process.stdout.write(
      renderJson({
        definitions,
        offline,
        tools: result.tools,
        diagnostics: result.diagnostics,
        silenced: result.silenced,
        ...(result.context ? { defaultRoute: defaultRouteReport(result.context) } : {}),
        simulatedRoutingTests: result.simulatedRoutingTests,
        ...(result.model
          ? {
              targets: {
                prometheus: { version: result.model.versions.prometheus, from: result.model.versions.from.prometheus },
                alertmanager: { version: result.model.versions.alertmanager, from: result.model.versions.from.alertmanager },
                ...(result.model.healthChecks.length > 0 ? { blackbox: { version: result.model.versions.blackbox, from: result.model.versions.from.blackbox } } : {}),
              },
            }
          : {}),
        toolsTooOld: result.toolsTooOld.map((t) => ({ name: t.name, version: t.version ?? null, path: t.path, reason: t.reason, ...(t.answer !== undefined ? { answer: t.answer } : {}), target: { program: t.program, version: t.target, from: t.from }, needs: t.needs })),
      }),
    );
  } else if (format === 'github') {
    const lines = [renderGithub(result.diagnostics, result.model?.entry ?? `${definitions}/index.ts`), ...result.toolsTooOld.map(tooOldAnnotation)].filter((l) => l !== '').join('\n');
    process.stdout.write(`${lines ? `${lines}\n` : ''}${redactText(`validate: ${countsLine(result, places)}; ${targetsLine(result)}${toolsLine(result, offline)}`)}\n`);
  } else {
    const text = renderText(result.diagnostics, { color: useColor(process.stdout) });
    const what = result.model ? `${describeModel(result.model, result.context)} · ` : '';
    process.stdout.write(
      `${text ? `${text}\n` : ''}${redactText(`validate ${failed ? 'failed' : result.toolsTooOld.length > 0 ? 'incomplete' : 'ok'}: ${what}${countsLine(result, places)} · ${targetsLine(result)}${toolsLine(result, offline)}`)}\n`,
    );
  }
  // A tool older than the target (or of a release it did not say) is a usage error (exit 2), like a missing one: said on stderr in
  // every format, after the report of what validate could judge.
  for (const t of result.toolsTooOld) {
    const { message, hint } = tooOldMessage(t);
    process.stderr.write(redactText(`totem-mon: ${message}\n  hint: ${hint}\n`));
  }
  if (result.toolsTooOld.length > 0) return 2;
  return failed ? 1 : 0;
}
