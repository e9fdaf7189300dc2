/**
 * A project's dashboards in both schemas, for the tests that compare or type-check them: Totem's
 * (definitions/, loaded once through the loader process) and any in-memory project.
 */
import path from 'node:path';
import { loadDefinitions } from '../../src/io/load.js';
import { readTemplates } from '../../src/io/templates.js';
import { fromProject } from '../../src/app/stages.js';
import type { Project } from '../../src/index.js';
import { REPO } from './cli.js';
import { grafanaFiles } from './grafana.js';

export interface BothSchemas {
  /** grafana/dashboards/**.json by path. */
  classic: Record<string, string>;
  /** grafana/resources/**.json by path. */
  v2: Record<string, string>;
}

const pick = (files: Record<string, string>, dir: string) => Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith(`grafana/${dir}/`)));

let totem: Promise<BothSchemas> | undefined;

/** Totem's dashboards compiled in each schema (the same project, only `grafana.schema` differs). */
export function totemV2(): Promise<BothSchemas> {
  totem ??= (async () => {
    const loaded = await loadDefinitions(path.join(REPO, 'definitions'));
    const compile = (schema: 'classic' | 'v2') => {
      const result = fromProject(loaded.project, { entry: loaded.entry, templates: () => readTemplates(loaded.dir), settings: { grafana: { schema } } });
      if (!result.files) throw new Error(`Totem does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
      return Object.fromEntries(result.files.map((f) => [f.path, f.content]));
    };
    return { classic: pick(compile('classic'), 'dashboards'), v2: pick(compile('v2'), 'resources') };
  })();
  return totem;
}

/** An in-memory project's dashboards in each schema, whatever its own `grafana.schema` says. */
export function bothSchemas(project: Project): BothSchemas {
  const as = (schema: 'classic' | 'v2') => grafanaFiles({ ...project, grafana: { ...project.grafana, schema } });
  return { classic: pick(as('classic'), 'dashboards'), v2: pick(as('v2'), 'resources') };
}
