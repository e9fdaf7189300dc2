import path from 'node:path';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { compileGrafana } from '../../src/compile/grafana/index.js';
import type { Project } from '../../src/index.js';
import { REPO } from './cli.js';

/**
 * The Grafana files of an in-memory project, by path. Builders record absolute source files when
 * no loader runs: they are made relative to the repository (as the loader does), so goldens hold
 * the same text wherever the repository is checked out.
 */
export function grafanaFiles(project: Project): Record<string, string> {
  const parsed = parseProject(project);
  if (!parsed.ok) throw new Error(`fixture does not pass the schema: ${parsed.diagnostics.map((d) => `${d.path?.join('.')}: ${d.message}`).join('; ')}`);
  const files = compileGrafana(buildModel(parsed.project, 'test/index.ts'));
  return Object.fromEntries(files.map((f) => [f.path, f.content.replaceAll(`${REPO}${path.sep}`, '')]));
}

/** One dashboard's JSON text, by uid. */
export function dashboardJson(project: Project, uid: string): string {
  const text = grafanaFiles(project)[`grafana/dashboards/${uid}.json`];
  if (text === undefined) throw new Error(`no dashboard ${uid}`);
  return text;
}
