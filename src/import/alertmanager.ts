/**
 * alertmanager.yml → a definitions file: `alertmanager({ global, receivers, route, inhibitRules,
 * timeIntervals, tests })`. Pure: the config's text in, TypeScript and notes out.
 *
 * - No literal secret reaches the TypeScript: each becomes `secretFile('<path to fill>')` and a
 *   `secret` note (src/import/alertmanager/fields.ts).
 * - What the API cannot say (other notifier kinds, unknown fields, a second matcher on one label)
 *   is left out with a `not-converted` note saying why.
 * - The routing tests are derived from the config's own routes (alertmanager/routing-tests.ts).
 */
import { parse } from 'yaml';
import { call, calleesOf, importLine, tsValue, type TsValue } from './ts-source.js';
import { neededSince, newContext, type ImportContext } from './alertmanager/fields.js';
import { FACTS } from '../model/version-facts.js';
import { atLeast } from '../model/version-order.js';
import { convertGlobal } from './alertmanager/global.js';
import { isMap } from './alertmanager/matchers.js';
import type { ImportNote } from './note.js';
import { convertReceiver } from './alertmanager/receivers.js';
import { convertInhibitRule, convertRoute, convertTimeInterval } from './alertmanager/routes.js';
import { deriveRoutingTests, type DerivedRoutingTest } from './alertmanager/routing-tests.js';

export interface AlertmanagerImportOptions {
  /** The input's name, for the file's header comment. */
  file: string;
  /** The exported constant's name (default `alertmanagerConfig`). */
  exportName?: string;
  /** Where placeholder secret files are named (default `/etc/alertmanager/secrets`). */
  secretsDir?: string;
  /** The Alertmanager release the project will be judged for (totem-mon.config.ts's `versions.alertmanager`); default 0.25. */
  target?: string;
}

export interface AlertmanagerImport {
  /** The definitions file (undefined when the input is no Alertmanager configuration). */
  source?: string;
  /** What the file's export evaluates to, as a value tree (src/import/evaluate.ts). */
  value?: TsValue;
  exportName: string;
  notes: ImportNote[];
  /** The routing tests written into the definitions. */
  tests: DerivedRoutingTest[];
  /**
   * The Alertmanager release the definitions need (`>=0.27`, `>=0.28`), as the project's
   * `versions: { alertmanager }`: set when they hold label names beyond [a-zA-Z_][a-zA-Z0-9_]*.
   */
  alertmanagerVersion?: string;
}

const KNOWN = new Set(['global', 'route', 'receivers', 'inhibit_rules', 'time_intervals', 'mute_time_intervals', 'templates']);

/** alertmanager.yml's text: parsed (YAML merge keys and anchors as Alertmanager reads them), then imported. */
export function importAlertmanager(text: string, options: AlertmanagerImportOptions): AlertmanagerImport {
  let config: unknown;
  try {
    config = parse(text, { merge: true });
  } catch (error) {
    return { exportName: options.exportName ?? EXPORT_NAME, tests: [], notes: [{ status: 'not-converted', path: options.file, message: `not YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  return importAlertmanagerDocument(config, options);
}

const EXPORT_NAME = 'alertmanagerConfig';

/** One parsed Alertmanager configuration → the value tree of `alertmanager({ … })`, its file, and notes. */
export function importAlertmanagerDocument(config: unknown, options: AlertmanagerImportOptions): AlertmanagerImport {
  const exportName = options.exportName ?? EXPORT_NAME;
  const ctx = newContext(options.secretsDir, options.target);
  if (!isMap(config) || !isMap(config['route'])) {
    return { exportName, tests: [], notes: [{ status: 'not-converted', path: options.file, message: 'no `route`: not an Alertmanager configuration' }] };
  }

  const global = isMap(config['global']) ? convertGlobal(ctx, config['global']) : {};
  const receivers = (Array.isArray(config['receivers']) ? config['receivers'] : []).filter(isMap).map((r, i) => convertReceiver(ctx, r, i));
  const route = convertRoute(ctx, config['route']);
  const inhibitRules = (Array.isArray(config['inhibit_rules']) ? config['inhibit_rules'] : []).filter(isMap).map((r, i) => convertInhibitRule(ctx, r, i));
  const timeIntervals = (['time_intervals', 'mute_time_intervals'] as const).flatMap((key) =>
    (Array.isArray(config[key]) ? config[key] : []).filter(isMap).map((t, i) => convertTimeInterval(ctx, t, `${key}[${i}]`)),
  );
  for (const [i, template] of (Array.isArray(config['templates']) ? config['templates'] : []).entries()) {
    ctx.notes.push({
      status: 'not-converted',
      path: `templates[${i}]`,
      message: `copy the files of "${String(template)}" into templates/ next to the definitions: totem-mon loads templates/*.tmpl from there`,
    });
  }
  for (const key of Object.keys(config)) {
    if (!KNOWN.has(key)) ctx.notes.push({ status: 'not-converted', path: key, message: 'this section has no counterpart in the API: not converted' });
  }
  const tests = deriveRoutingTests(route.routing, ctx.notes);
  const alertmanagerVersion = neededVersion(ctx);
  const routes = countRoutes(route.routing);
  ctx.notes.unshift({
    status: 'converted',
    path: 'alertmanager',
    message: `${receivers.length} receiver(s), ${routes} route(s), ${inhibitRules.length} inhibit rule(s), ${timeIntervals.length} time interval(s); ${tests.length} routing test(s) derived from the routes`,
  });

  const value: Record<string, TsValue> = {
    ...(Object.keys(global).length > 0 ? { global } : {}),
    receivers,
    route: route.value,
    ...(inhibitRules.length > 0 ? { inhibitRules } : {}),
    ...(timeIntervals.length > 0 ? { timeIntervals } : {}),
    ...(tests.length > 0 ? { tests: tests.map((t) => ({ name: t.name, labels: t.labels, receivers: t.receivers })) } : {}),
  };
  const definition = call('alertmanager', value);
  return {
    source: alertmanagerSource(definition, exportName, options.file, ctx.notes),
    value: definition,
    exportName,
    notes: ctx.notes,
    tests,
    ...(alertmanagerVersion !== undefined ? { alertmanagerVersion } : {}),
  };
}

/**
 * The release the converted configuration needs (src/model/version-facts.ts: a UTF-8 label name in
 * matchers or groupBy needs 0.27, in an inhibit rule's equal 0.28), with a note naming where; the
 * project then targets it (`versions: { alertmanager: '>=0.27' }`), so that its checks and output
 * are those of that release rather than the default 0.25's, which has no such names.
 */
function neededVersion(ctx: ImportContext): string | undefined {
  if (ctx.needs.length === 0) return undefined;
  const sinceOf = neededSince;
  const featureOf = (n: ImportContext['needs'][number]) => ('fact' in n ? FACTS[n.fact].feature : n.feature);
  const since = ctx.needs.map(sinceOf).reduce((a, b) => (atLeast(a, b) ? a : b));
  const version = `>=${since}`;
  const where = ctx.needs.filter((n) => sinceOf(n) === since);
  const shown = where.slice(0, 3).map((n) => `${n.what} at ${n.path}`).join(', ') + (where.length > 3 ? `, and ${where.length - 3} more` : '');
  ctx.notes.push({
    status: 'guessed',
    path: 'versions.alertmanager',
    message: `the definitions target Alertmanager ${version} (versions: { alertmanager: '${version}' } in index.ts): ${shown} needs ${featureOf(where[0]!)}, which came in Alertmanager ${since}; older releases refuse the configuration or read it otherwise`,
  });
  return version;
}

function countRoutes(route: { routes: readonly { routes: readonly unknown[] }[] }): number {
  return 1 + route.routes.reduce((n, r) => n + countRoutes(r as typeof route), 0);
}

/** The definitions file: a header saying where it comes from, the imports, the export. */
export function alertmanagerSource(definition: TsValue, exportName: string, file: string, notes: readonly ImportNote[]): string {
  const header = [
    `// Imported by \`totem-mon import\` from ${file}.`,
    "// Routing tests: derived from the configuration's own routes; `totem-mon validate` runs them with amtool.",
  ];
  const secrets = notes.filter((n) => n.status === 'secret').length;
  if (secrets > 0) header.push(`// ${secrets} secret(s) were not copied: the import report lists the files to fill.`);
  return `${header.join('\n')}\n${importLine(calleesOf(definition))}\n\nexport const ${exportName} = ${tsValue(definition)};\n`;
}
