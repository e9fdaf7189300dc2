import { z } from 'zod';
import type { Diagnostic } from '../diagnostic.js';
import { countBySeverity, sortDiagnostics } from '../diagnostic.js';
import { redactDiagnostic, redactValue } from './redact.js';
import { checkDocs, isCheckId } from '../check-ids.js';
import type { Silenced } from '../lint/run.js';

/**
 * The `--format json` report. Stable: fields are only ever added; `schemaVersion` changes when a
 * field changes meaning or disappears. Documented in the README ("JSON report").
 */
const location = z.strictObject({ file: z.string(), line: z.number().int(), column: z.number().int() });

export const jsonReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.literal('totem-mon'),
  definitions: z.string(),
  offline: z.boolean(),
  ok: z.boolean(),
  summary: z.strictObject({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int(), silenced: z.number().int() }),
  tools: z.array(
    z.strictObject({
      name: z.enum(['promtool', 'amtool', 'blackbox-exporter']),
      version: z.string().nullable(),
      path: z.string().nullable(),
      ran: z.array(z.string()),
    }),
  ),
  diagnostics: z.array(
    z.strictObject({
      id: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      hint: z.string().optional(),
      path: z.array(z.string()).optional(),
      location: location.optional(),
      file: z.string().optional(),
      excerpt: z.strictObject({ text: z.string(), from: z.number().int(), to: z.number().int() }).optional(),
      /** The check's page, for check ids (not for schema, load and tool findings). */
      docs: z.string().optional(),
    }),
  ),
  /** Findings a definition's `ignore` silenced, with its reason. */
  silenced: z.array(
    z.strictObject({
      id: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      path: z.array(z.string()),
      location: z.strictObject({ file: z.string(), line: z.number().int(), column: z.number().int() }).optional(),
      reason: z.string(),
    }),
  ),
  /**
   * Added in 0.2 (schemaVersion stays 1): with Alertmanager definitions, the root route's receiver and
   * every alert rule that only the root (default) route takes, by name, with its static labels.
   */
  defaultRoute: z
    .strictObject({
      receiver: z.string(),
      unexpectedOnly: z.boolean(),
      alerts: z.array(
        z.strictObject({ alert: z.string(), labels: z.record(z.string(), z.string()), path: z.array(z.string()), location: location.optional() }),
      ),
    })
    .optional(),
  /** Added in 0.2: routing tests judged by totem-mon's simulation (all with --offline; those with at/alsoFiring otherwise). */
  simulatedRoutingTests: z.number().int().optional(),
  /** Added in 0.2: the Prometheus and Alertmanager versions the output was judged for, and where each came from. */
  targets: z
    .strictObject({
      prometheus: z.strictObject({ version: z.string(), from: z.enum(['config', 'project', 'installed', 'default']) }),
      alertmanager: z.strictObject({ version: z.string(), from: z.enum(['config', 'project', 'installed', 'default']) }),
      /** Added in round 26, where the project has health checks: the blackbox exporter its modules were judged for. */
      blackbox: z.strictObject({ version: z.string(), from: z.enum(['config', 'project', 'installed', 'default']) }).optional(),
    })
    .optional(),
  /**
   * Added in 0.2 (round 25): the tools validate did not run because they are older than the target
   * the project or config sets, or (round 26) than the oldest release totem-mon supports (exit 2,
   * `ok` false); absent when every tool could judge. Round 27: also a tool whose `--version` said no
   * release (reason `unreadable`).
   */
  toolsTooOld: z
    .array(
      z.strictObject({
        name: z.enum(['promtool', 'amtool', 'blackbox-exporter']),
        /** null when its `--version` said no release (reason `unreadable`, round 27). */
        version: z.string().nullable(),
        path: z.string(),
        /** Added in round 26: `target` (older than the target the project or config sets) or `unsupported` (older than the oldest release totem-mon supports, whatever the target); round 27: `unreadable` (its `--version` said no release). */
        reason: z.enum(['target', 'unsupported', 'unreadable']),
        /** What `--version` did, in words (reason `unreadable`): `exited with code 1 and printed "…" on stderr`. */
        answer: z.string().optional(),
        target: z.strictObject({ program: z.enum(['prometheus', 'alertmanager', 'blackbox']), version: z.string(), from: z.enum(['config', 'project', 'installed', 'default']) }),
        needs: z.string(),
      }),
    )
    .optional(),
});

export type DefaultRouteReport = NonNullable<JsonReport['defaultRoute']>;

export type JsonReport = z.infer<typeof jsonReportSchema>;
export type ToolReport = JsonReport['tools'][number];

/** Diagnostics as the JSON reports give them: sorted, redacted, with their check's page. */
export function jsonDiagnostics(diagnostics: readonly Diagnostic[]): JsonReport['diagnostics'] {
  return sortDiagnostics(diagnostics)
    .map(redactDiagnostic)
    .map((d) => ({
      id: d.id,
      severity: d.severity,
      message: d.message,
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
      ...(d.path !== undefined ? { path: d.path } : {}),
      ...(d.source !== undefined ? { location: d.source } : {}),
      ...(d.file !== undefined ? { file: d.file } : {}),
      ...(d.excerpt !== undefined ? { excerpt: d.excerpt } : {}),
      ...(isCheckId(d.id) ? { docs: checkDocs(d.id) } : {}),
    }));
}

export function renderJson(input: {
  definitions: string;
  offline: boolean;
  tools: ToolReport[];
  diagnostics: readonly Diagnostic[];
  defaultRoute?: DefaultRouteReport | undefined;
  simulatedRoutingTests?: number;
  silenced?: readonly Silenced[];
  targets?: JsonReport['targets'];
  toolsTooOld?: JsonReport['toolsTooOld'];
}): string {
  const silenced = input.silenced ?? [];
  const counts = countBySeverity(input.diagnostics);
  // Every string redacted (an alert's labels in `defaultRoute` by their names); the findings by
  // redactDiagnostic, which keeps their excerpts' spans.
  const report: JsonReport = redactValue({
    schemaVersion: 1 as const,
    tool: 'totem-mon' as const,
    definitions: input.definitions,
    offline: input.offline,
    // A tool that could not judge the target leaves the run unjudged: not ok, whatever was found.
    ok: counts.error === 0 && (input.toolsTooOld ?? []).length === 0,
    summary: { errors: counts.error, warnings: counts.warning, infos: counts.info, silenced: silenced.length },
    tools: input.tools,
    diagnostics: [] as JsonReport['diagnostics'],
    silenced: silenced.map((s) => ({
      id: s.id,
      severity: s.severity,
      message: s.message,
      path: s.path,
      ...(s.source !== undefined ? { location: { file: s.source.file, line: s.source.line, column: s.source.column } } : {}),
      reason: s.reason,
    })),
    ...(input.defaultRoute !== undefined ? { defaultRoute: input.defaultRoute } : {}),
    ...(input.simulatedRoutingTests !== undefined ? { simulatedRoutingTests: input.simulatedRoutingTests } : {}),
    ...(input.targets !== undefined ? { targets: input.targets } : {}),
    ...(input.toolsTooOld !== undefined && input.toolsTooOld.length > 0 ? { toolsTooOld: input.toolsTooOld } : {}),
  });
  report.diagnostics = jsonDiagnostics(input.diagnostics);
  return `${JSON.stringify(report, null, 2)}\n`;
}
