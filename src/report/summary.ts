import type { Diagnostic } from '../diagnostic.js';
import { countBySeverity } from '../diagnostic.js';
import type { Model } from '../model/types.js';
import { alerts, records } from '../model/select.js';
import type { CheckContext } from '../lint/check.js';
import type { DefaultRouteReport } from './json.js';
import { defaultRouteAlerts } from '../lint/alertmanager-select.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The alert rules only the root (default) route takes, by name (src/lint/alertmanager-select.ts). */
export function defaultRouteNames(context: CheckContext | undefined): string[] {
  return context ? defaultRouteAlerts(context).map((k) => k.alert.name) : [];
}

/** The JSON report's `defaultRoute`: the root receiver and every alert rule only it takes, by name. */
export function defaultRouteReport(context: CheckContext): DefaultRouteReport | undefined {
  const am = context.model.alertmanager;
  if (!am) return undefined;
  return {
    receiver: am.route.receiver ?? '',
    unexpectedOnly: am.route.unexpectedOnly ?? false,
    alerts: defaultRouteAlerts(context).map((k) => ({
      alert: k.alert.name,
      labels: { ...k.labels },
      path: k.alert.path,
      ...(k.alert.source ? { location: k.alert.source } : {}),
    })),
  };
}

/** What the definitions hold, for one-line summaries. */
export function describeModel(model: Model, context?: CheckContext): string {
  const toRoot = defaultRouteNames(context);
  return [
    plural(model.metrics.length, 'metric'),
    plural(model.ruleGroups.length, 'rule group'),
    plural(alerts(model).length, 'alert'),
    plural(records(model).length, 'recording rule'),
    plural(model.dashboards.length, 'dashboard'),
    // Alertmanager: how many alerts only the default (root) route takes (src/model/routing.ts).
    ...(model.alertmanager
      ? [
          `${plural(model.alertmanager.receivers.length, 'receiver')} (${plural(toRoot.length, 'alert')} to the default route${toRoot.length > 0 ? `: ${toRoot.join(', ')}` : ''})`,
        ]
      : []),
  ].join(', ');
}

/** `0 errors, 1 warning`, and `, 2 silenced` when definitions' ignores silenced findings. */
export function describeDiagnostics(diagnostics: readonly Diagnostic[], silenced = 0): string {
  const counts = countBySeverity(diagnostics);
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}${silenced > 0 ? `, ${silenced} silenced` : ''}`;
}

/** The folders and files a run's findings can come from: the definitions folder, and the config file when one is in use. */
export interface FindingPlaces {
  definitions: string;
  config?: string | undefined;
}

/** Whether the finding is about the config file (its source is there; the config's findings point at its properties). */
function inConfig(d: Diagnostic, config: string | undefined): boolean {
  return config !== undefined && d.source?.file === config;
}

/**
 * Where the errors (without any, the findings) are, for a summary line: `in definitions`,
 * `in totem-mon.config.ts`, or both with their counts (`in totem-mon.config.ts (1 error) and
 * definitions (2 errors)`). Whatever is not about the config file belongs to the definitions.
 */
export function describePlaces(diagnostics: readonly Diagnostic[], places: FindingPlaces): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const counted = errors.length > 0 ? errors : diagnostics;
  const word = errors.length > 0 ? 'error' : 'finding';
  const config = counted.filter((d) => inConfig(d, places.config)).length;
  const definitions = counted.length - config;
  if (config === 0) return `in ${places.definitions}`;
  if (definitions === 0) return `in ${places.config}`;
  return `in ${places.config} (${plural(config, word)}) and ${places.definitions} (${plural(definitions, word)})`;
}

/** Whether some of the errors are about the config file. */
export function configHasErrors(diagnostics: readonly Diagnostic[], config: string | undefined): boolean {
  return diagnostics.some((d) => d.severity === 'error' && inConfig(d, config));
}

export { plural };
