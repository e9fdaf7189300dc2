/**
 * totem-mon.config.ts's settings held to the project's rules that depend on the definitions: the
 * config's schema (src/model/schema/config.ts) checks each value alone, as the project's does, but a
 * rule across fields (the folder of the dashboards without one) can only be checked once both are
 * known. Findings point at the config's property and fail the run as the project's would (exit 1);
 * the definitions are still checked in that run, without the setting (src/app/stages.ts).
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { ProjectInput } from './schema/project.js';
import type { ProjectSettings } from './settings.js';
import { badDefaultFolder } from './schema/project.js';
import { FOLDER_NAME_HINT } from './schema/dashboard.js';
import { propertyBelow } from '../source-sites.js';

/** The config's `grafana.folder`, where it becomes a folder of out/ that breaks the rule of `folder`. */
function configFolderProblem(project: ProjectInput, settings: ProjectSettings): Diagnostic | undefined {
  const folder = settings.grafana?.folder;
  if (folder === undefined || badDefaultFolder(project, folder) === undefined) return undefined;
  const source = settings.grafanaSource;
  const config = source ? path.posix.basename(source.file) : 'totem-mon.config.ts';
  return {
    id: 'schema',
    severity: 'error',
    message: `invalid grafana folder for a dashboard folder in ${config}: grafana.folder ${JSON.stringify(folder)} is the folder of the dashboards without a folder`,
    hint: `${FOLDER_NAME_HINT}; rename grafana.folder in ${config}, or give every dashboard its own folder`,
    path: ['grafana', 'folder'],
    ...(source ? { source: propertyBelow(source, ['grafana', 'folder']) } : {}),
  };
}

/** The config's settings that break a rule of the project's. */
export function configProblems(project: ProjectInput, settings: ProjectSettings | undefined): Diagnostic[] {
  if (!settings) return [];
  const folder = configFolderProblem(project, settings);
  return folder ? [folder] : [];
}
