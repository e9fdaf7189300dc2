import { z } from 'zod';
import { nonEmpty, source } from './common.js';
import { withHint } from './hint.js';
import { matching } from './common.js';
import { metricSchema } from './metrics.js';
import { ruleGroupSchema } from './rules.js';
import { prometheusSchema } from './prometheus.js';
import { alertmanagerSchema } from './alertmanager.js';
import { dashboardSchema, FOLDER_NAME, FOLDER_NAME_HINT } from './dashboard.js';
import { lintSchema } from './lint.js';
import { healthCheckSchema, refuseHealthModuleClashes } from './health.js';
import { sloSchema } from './slo.js';
import { docsSchema } from './docs.js';
import { grafanaSchema } from './grafana.js';
import { teamSchema } from './team.js';
import { outputsSchema, refuseUnmountedSecrets, refuseUnusedRulerFields } from './outputs.js';
import { versionsSchema } from './versions.js';

const notSecret = z.strictObject({
  kind: z.literal('notSecret'),
  value: nonEmpty,
  reason: z
    .string()
    .refine((r) => r.trim().split(/\s+/).length >= 3, {
      message: withHint('notSecret needs a reason', "say why in a few words, e.g. notSecret('…', 'public demo token from the vendor docs')"),
    }),
  source,
});

const projectShape = z.strictObject({
  kind: z.literal('project'),
  name: nonEmpty,
  source,
  metrics: z.array(metricSchema),
  prometheus: prometheusSchema,
  ruleGroups: z.array(ruleGroupSchema).optional(),
  alertmanager: alertmanagerSchema.optional(),
  dashboards: z.array(dashboardSchema).optional(),
  healthChecks: z.array(healthCheckSchema).optional(),
  slos: z.array(sloSchema).optional(),
  docs: docsSchema.optional(),
  instrument: z.strictObject({ python: z.strictObject({ module: matching((m) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(m), (m) => withHint(`invalid Python module name ${JSON.stringify(m)}`, 'letters, digits and _, e.g. totem_metrics')).optional() }).optional() }).optional(),
  teams: z.array(teamSchema).optional(),
  secrets: z.strictObject({ allow: z.array(notSecret).optional() }).optional(),
  lint: lintSchema,
  grafana: grafanaSchema,
  outputs: outputsSchema,
  versions: versionsSchema,
});

type ProjectShape = z.infer<typeof projectShape>;

/** The rules across fields of the project, but the folder of the dashboards without one (refuseNameAsBadFolder). */
function refuseProjectClashes(project: ProjectShape, ctx: z.RefinementCtx): void {
  refuseUnmountedSecrets(project, ctx);
  refuseUnusedRulerFields(project, ctx);
  refuseHealthModuleClashes(project, ctx);
  // A team's receivers, routes and routing tests join the project's Alertmanager configuration.
  if (project.alertmanager) return;
  project.teams?.forEach((team, i) => {
    for (const field of ['receivers', 'routes', 'tests'] as const) {
      if (team[field] === undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['teams', i, field],
        message: withHint(`team ${team.name} has ${field}, but the project has no alertmanager`, 'give the project an alertmanager({ receivers, route }) that the teams’ routes join'),
      });
    }
  });
}

export const projectSchema = projectShape.superRefine((project, ctx) => {
  refuseProjectClashes(project, ctx);
  refuseNameAsBadFolder(project, ctx);
});

/**
 * The project under a totem-mon.config.ts that sets `grafana.folder`: that folder wins over the
 * project's `grafana.folder` and name, so those are not the dashboards' folder and are not held to
 * its rule (the config's folder is: src/model/config-rules.ts).
 */
export const projectSchemaUnderConfigFolder = projectShape.superRefine(refuseProjectClashes);

/**
 * When some dashboards have a folder, those without one (and the generated SLO dashboard) go to the
 * Grafana settings' folder, the project's name by default (src/model/dashboard.ts grafanaFolderOf):
 * it is then a folder name of out/, held to the rules of `folder`.
 */
function refuseNameAsBadFolder(project: FolderContext, ctx: z.RefinementCtx): void {
  const folder = badDefaultFolder(project, project.grafana?.folder ?? project.name);
  if (folder === undefined) return;
  const own = project.grafana?.folder !== undefined;
  ctx.addIssue({
    code: 'custom',
    path: own ? ['grafana', 'folder'] : ['name'],
    message: withHint(
      own
        ? `invalid grafana folder for a dashboard folder: ${JSON.stringify(folder)} is the folder of the dashboards without a folder`
        : `invalid project name for a dashboard folder: ${JSON.stringify(folder)} is the folder of the dashboards without a folder`,
      `${FOLDER_NAME_HINT}; ${own ? 'rename the folder' : 'rename the project, or set grafana.folder'}, or give every dashboard its own folder`,
    ),
  });
}

/** What decides whether the Grafana settings' folder becomes a folder of out/. */
export type FolderContext = {
  name: string;
  grafana?: { folder?: string | undefined } | undefined;
  dashboards?: ReadonlyArray<{ folder?: string | undefined }> | undefined;
  slos?: readonly unknown[] | undefined;
};

/**
 * `folder` (the Grafana settings' folder: the config's, the project's, else the project's name)
 * when it becomes a folder name of out/ and breaks the rule of `folder`, else undefined.
 */
export function badDefaultFolder(project: FolderContext, folder: string): string | undefined {
  const dashboards = project.dashboards ?? [];
  if (!dashboards.some((d) => d.folder !== undefined)) return undefined;
  const defaultIsFolder = dashboards.some((d) => d.folder === undefined) || (project.slos ?? []).length > 0;
  return defaultIsFolder && !FOLDER_NAME.test(folder) ? folder : undefined;
}

export type ProjectInput = z.infer<typeof projectSchema>;
