/**
 * The folders of every totem-mon project around a folder that a command writing the user's files
 * must keep apart from: init's scaffold (src/app/init.ts) and import's definitions (src/cli/import.ts)
 * both take them from here, so that the two apply one rule.
 *
 * The projects are those of src/io/user-sources.ts enclosingProjects: in every folder above, up to
 * the repository's root (or the filesystem's root outside a repository), a config file (run, as
 * generate runs it, for its definitions and out folders) or, without one, a package.json depending
 * on totem-mon beside definitions/ (its default folders).
 *
 * A config that does not load leaves where its generate writes unknown. Inside a repository it is
 * the repository's own project (generate runs it from there): the command stops, naming it (a
 * usage error, exit 2). Outside every repository it is a stray file above the folder (a leftover
 * /tmp/totem-mon.config.ts, a config in the home folder); it does not stop the command, which warns,
 * naming it, and keeps apart from the folders it has when it names none: definitions/, templates/
 * and out/ beside it. An out folder it names elsewhere and has generated is refused all the same
 * (src/io/out-folder.ts assertNotGenerated: the folder's manifest says so, whoever wrote it).
 * Outside every repository a config another user owns, or every user may write, is not run at all
 * (notYours): it is warned of and kept apart from the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, UsageFindingsError } from '../diagnostic.js';
import type { FolderSetting } from '../io/out-folder.js';
import { templatesDir } from '../io/templates.js';
import { enclosingProjects, isRepositoryRoot, upToRepositoryRoot } from '../io/user-sources.js';
import { findConfig } from '../io/config.js';
import { configuredFolders, DEFAULT_DEFINITIONS, DEFAULT_OUT } from './config.js';

/** A project around a folder: how messages name it, and the folders its generate reads and writes. */
export interface ProjectFolders {
  name: string;
  definitions: FolderSetting;
  templates: FolderSetting;
  out: FolderSetting;
  /** Its config's `versions.alertmanager`, when it sets one. */
  alertmanagerTarget?: string;
  /** Its config file (absolute), when it has one. */
  file?: string;
}

/** Whether a file lies in a repository: a folder holding .git is it or above it. */
export function inRepository(file: string): boolean {
  return upToRepositoryRoot(path.dirname(path.resolve(file))).some(isRepositoryRoot);
}

/**
 * Why a file is not the user's own to run: another user owns it (not root either), or every user
 * may write it. Group write is not counted: with a private group per user (umask 002, the default
 * of many distributions) every file a user makes is group-writable. Undefined where it is theirs,
 * or where the platform has no owners (Windows).
 */
export function notYours(file: string): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch {
    return undefined; // gone: the load that follows says so
  }
  if (stats.uid !== uid && stats.uid !== 0) return `owned by another user (uid ${stats.uid})`;
  if ((stats.mode & 0o002) !== 0) return 'writable by every user';
  return undefined;
}

/**
 * The projects around `dir` (nearest first) with their folders, relative to the current folder.
 * `warn` gets what is said of a config outside every repository that does not load (see above).
 */
export async function enclosingProjectFolders(
  dir: string,
  options: { warn: (message: string) => void; loadTimeoutMs?: number; known?: ReadonlyMap<string, ProjectFolders> },
): Promise<ProjectFolders[]> {
  const cwd = process.cwd();
  const shown = (p: string) => (path.relative(cwd, p) || '.').split(path.sep).join('/');
  const defaults = (name: string, base: string, definitionsDir: string, of: string): ProjectFolders => ({
    name,
    definitions: { path: shown(definitionsDir), shown: `the default definitions folder ${shown(definitionsDir)}/${of}`, origin: 'default' },
    templates: { path: shown(templatesDir(definitionsDir)), shown: `templates/ beside the default definitions folder ${shown(definitionsDir)}/${of}`, origin: 'default' },
    out: { path: shown(path.join(base, DEFAULT_OUT)), shown: `the default out folder ${shown(path.join(base, DEFAULT_OUT))}/${of}`, origin: 'default' },
  });
  const projects: ProjectFolders[] = [];
  for (const project of enclosingProjects(dir)) {
    if (!('config' in project)) {
      projects.push(defaults(`the project of ${shown(project.packageJson)}`, path.dirname(project.packageJson), project.definitions, ''));
      continue;
    }
    const known = options.known?.get(project.config);
    if (known !== undefined) {
      projects.push(known);
      continue;
    }
    // Outside every repository, a config someone else could have written (/tmp/totem-mon.config.ts
    // of another user) is never run: running it runs their code with your rights.
    const foreign = inRepository(project.config) ? undefined : notYours(project.config);
    if (foreign !== undefined) {
      const base = path.dirname(project.config);
      const name = shown(project.config);
      options.warn(
        `${name} is ${foreign} (a config above ${shown(path.resolve(dir))}, outside any repository): not run, since it would run with your rights; ` +
          `kept apart from its default folders (${shown(path.join(base, DEFAULT_DEFINITIONS))}/, ${shown(path.join(base, DEFAULT_OUT))}/) only. ` +
          `If it is a project of yours, make it yours (chown, chmod go-w); if it is a leftover, remove it`,
      );
      projects.push(defaults(name, base, path.join(base, DEFAULT_DEFINITIONS), ` of ${name}`));
      continue;
    }
    try {
      const configured = await configuredFolders(project.config, { cwd, ...(options.loadTimeoutMs !== undefined ? { loadTimeoutMs: options.loadTimeoutMs } : {}) });
      projects.push({ name: configured.config, ...configured, file: project.config });
    } catch (error) {
      if (!(error instanceof UsageError) || inRepository(project.config)) throw error;
      const base = path.dirname(project.config);
      const name = shown(project.config);
      const why = error instanceof UsageFindingsError && error.diagnostics[0] !== undefined ? `${error.message}: ${error.diagnostics[0].message}` : error.message;
      options.warn(
        `${why} (a config above ${shown(path.resolve(dir))}, outside any repository): where its generate writes is unknown; ` +
          `kept apart from its default folders (${shown(path.join(base, DEFAULT_DEFINITIONS))}/, ${shown(path.join(base, DEFAULT_OUT))}/) only. ` +
          `If it is a project of yours, fix it; if it is a leftover, remove it`,
      );
      projects.push(defaults(name, base, path.join(base, DEFAULT_DEFINITIONS), ` of ${name}`));
    }
  }
  return projects;
}

/**
 * What import takes of the configs generate would run on the definitions it writes into `into`:
 * the output folders to keep apart from, those of the config found from the current folder upwards
 * (its `out`, else out/ beside it; without a config, out/ here: generate run from here) and of every
 * project around `into` (enclosingProjectFolders, as init), and the Alertmanager target
 * (`versions.alertmanager`) of the config found from the current folder, else of the nearest
 * config around `into`. The config found from here must load (generate runs it).
 */
export async function importSettings(into: string, warn: (message: string) => void): Promise<{ outs: FolderSetting[]; alertmanagerTarget?: string }> {
  const cwd = process.cwd();
  const here = findConfig(cwd);
  const outs: FolderSetting[] = [];
  const known = new Map<string, ProjectFolders>();
  let alertmanagerTarget: string | undefined;
  if (here === undefined) {
    outs.push({ path: DEFAULT_OUT, shown: `the default out folder ${DEFAULT_OUT}/`, origin: 'default' });
  } else {
    const configured = await configuredFolders(here, { cwd });
    known.set(here, { name: configured.config, ...configured, file: here });
    outs.push(configured.out);
    alertmanagerTarget = configured.alertmanagerTarget;
  }
  let nearest = true;
  for (const project of await enclosingProjectFolders(into, { warn, known })) {
    if (project.file !== here || here === undefined) outs.push(project.out);
    // The project `into` lies in is the nearest config's (generate run there would find it first).
    if (project.file !== undefined && nearest) {
      nearest = false;
      alertmanagerTarget ??= project.alertmanagerTarget;
    }
  }
  return { outs, ...(alertmanagerTarget !== undefined ? { alertmanagerTarget } : {}) };
}
