/**
 * `totem-mon init [dir]`: a working monitoring repository from the scaffold totem-mon ships
 * (scaffold/: definitions of a small web service, neutral notification templates, the config,
 * tsconfig, CI for GitHub Actions and GitLab) and a package.json that depends on this version.
 * Existing files are never overwritten unless asked (`--force`).
 */
import path from 'node:path';
import { blockedPaths, existingFiles, writeNewFiles, type BlockedPath } from '../io/new-files.js';
import { ownPackage, readScaffold } from '../io/own-package.js';
import { compareText } from '../text-order.js';
import { assertApartFrom, assertNotGenerated } from '../io/out-folder.js';
import { assertNoUserSources } from '../io/user-sources.js';
import { enclosingProjectFolders } from './enclosing-projects.js';

// npm leaves files named .gitignore out of a package and dot-folders are easy to lose: the scaffold
// keeps these without their dot, and init puts it back.
const DOTTED = ['gitignore', 'gitlab-ci.yml', 'github'];
const PROJECT_NAME = /__PROJECT_NAME__/g;

export interface InitOptions {
  dir: string;
  force?: boolean;
}

export interface InitResult {
  /** The folder, as given. */
  dir: string;
  /** The project's name (from the folder's name). */
  name: string;
  /** Files written, relative to dir (none when some already existed and force was not given). */
  written: string[];
  /** Files that existed already: overwritten with force, else the reason nothing was written. */
  existing: string[];
  /** Paths where files cannot go (a folder that is a file or a link to nothing…): nothing written. */
  blocked: BlockedPath[];
}

/** A project and npm package name from a folder name: lowercase letters, digits and dashes. */
export function projectName(dir: string): string {
  const base = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return base || 'monitoring';
}

/** The files init writes, path → content. */
export function scaffoldFiles(name: string): Array<{ path: string; content: string }> {
  const own = ownPackage();
  const packageJson = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      generate: 'totem-mon generate',
      check: 'totem-mon generate --check',
      validate: 'totem-mon validate',
      typecheck: 'tsc',
    },
    devDependencies: {
      [own.name]: `^${own.version}`,
      typescript: own.devDependencies?.['typescript'] ?? '~5.9',
    },
  };
  return [
    { path: 'package.json', content: `${JSON.stringify(packageJson, null, 2)}\n` },
    ...readScaffold().map((file) => {
      const [first] = file.path.split('/');
      return {
        path: DOTTED.includes(first!) ? `.${file.path}` : file.path,
        content: file.content.replace(PROJECT_NAME, name),
      };
    }),
  ].sort((a, b) => compareText(a.path, b.path));
}

/**
 * Refuses a folder whose scaffold would land among someone's sources or where a project's generate
 * writes (exit 2, with or without --force): a folder totem-mon generated, a totem-mon project, a
 * definitions folder or a folder inside a project's one, a folder of definition files, and the
 * definitions, templates and out folders of every project around it, up to the repository's root
 * (src/app/enclosing-projects.ts, the rule import applies too: each config found is run for them,
 * as generate runs it; a package.json depending on totem-mon beside definitions/ has the default
 * folders; a config outside every repository that does not load is said in `warn`, and its default
 * folders are kept apart from).
 */
export async function assertAFolderOfItsOwn(dir: string, warn: (message: string) => void = () => {}): Promise<void> {
  const named = `init: ${dir === '.' ? 'the current folder' : dir}`;
  assertNotGenerated(dir, named, 'create the project in a folder of its own, outside any folder totem-mon generates');
  const hint = 'create the project in a folder of its own, apart from other projects\' definitions, templates and output folders (move what is there away first to start over)';
  assertNoUserSources(dir, named, hint);
  for (const folders of await enclosingProjectFolders(dir, { warn })) {
    assertApartFrom(
      dir,
      named,
      [
        { folder: folders.definitions, what: `the definitions folder of ${folders.name}` },
        { folder: folders.templates, what: `the notification templates folder of ${folders.name}` },
        { folder: folders.out, what: `the output folder of ${folders.name}` },
      ],
      "the scaffold would mix with that project's files",
      hint,
    );
  }
}

/** Everything is checked before anything is written: then every file is written, or none. */
export function init(options: InitOptions): InitResult {
  const name = projectName(options.dir);
  const files = scaffoldFiles(name);
  const paths = files.map((f) => f.path);
  const blocked = blockedPaths(options.dir, paths);
  const existing = existingFiles(options.dir, paths).filter((file) => !blocked.some((b) => b.path === file));
  if (blocked.length > 0 || (existing.length > 0 && !options.force)) return { dir: options.dir, name, written: [], existing, blocked };
  writeNewFiles(options.dir, files, { overwrite: Boolean(options.force) });
  return { dir: options.dir, name, written: paths, existing, blocked };
}
