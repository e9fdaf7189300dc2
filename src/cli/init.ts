import path from 'node:path';
import type { InitOptions } from '../app/init.js';
import { init } from '../app/init.js';
import { isErrno } from '../io/output-problem.js';
import { assertApartFrom, assertNotGenerated } from '../io/out-folder.js';
import { assertNoUserSources } from '../io/user-sources.js';
import { findConfig } from '../io/config.js';
import { configuredFolders } from '../app/config.js';

/**
 * Refuses a folder whose scaffold would land among someone's sources or where a project's generate
 * writes (exit 2, with or without --force): a folder totem-mon generated, a totem-mon project, a
 * definitions folder or a folder inside one, a folder of definition files, and the definitions,
 * templates and out folders of the project around it (its config, found from the folder above, is
 * run for them, as generate runs it).
 */
async function assertAFolderOfItsOwn(dir: string): Promise<void> {
  const named = `init: ${dir === '.' ? 'the current folder' : dir}`;
  assertNotGenerated(dir, named, 'create the project in a folder of its own, outside any folder totem-mon generates');
  const hint = 'create the project in a folder of its own, apart from other projects\' definitions, templates and output folders (move what is there away first to start over)';
  assertNoUserSources(dir, named, hint);
  const config = findConfig(path.dirname(path.resolve(dir)));
  if (config === undefined) return;
  const folders = await configuredFolders(config);
  assertApartFrom(
    dir,
    named,
    [
      { folder: folders.definitions, what: `the definitions folder of ${folders.config}` },
      { folder: folders.templates, what: `the notification templates folder of ${folders.config}` },
      { folder: folders.out, what: `the output folder of ${folders.config}` },
    ],
    "the scaffold would mix with that project's files",
    hint,
  );
}

/** `totem-mon init [dir] [--force]`: scaffold, then say what to run next. Returns the exit code. */
export async function initCommand(options: InitOptions): Promise<number> {
  const shown = options.dir === '.' ? 'the current folder' : `${options.dir}/`;
  await assertAFolderOfItsOwn(options.dir);
  let result: ReturnType<typeof init>;
  try {
    result = init(options);
  } catch (error) {
    if (!isErrno(error)) throw error;
    process.stderr.write(
      `init: nothing written: could not write in ${shown}: ${error.message}\n` +
        `  hint: the files written before the failure were removed again; fix the cause (permissions, space), then run init again\n`,
    );
    return 1;
  }
  const force = `totem-mon init${options.dir === '.' ? '' : ` ${options.dir}`} --force`;
  if (result.blocked.length > 0) {
    process.stderr.write(
      `init: nothing written: ${result.blocked.length} path(s) in ${shown} cannot hold the scaffold:\n` +
        `${result.blocked.map((b) => `  ${b.path} ${b.why}`).join('\n')}\n` +
        `  hint: move or remove them (or fix the link), or choose another folder; --force replaces files, never these\n`,
    );
    return 1;
  }
  if (result.written.length === 0) {
    process.stderr.write(
      `init: nothing written: ${result.existing.length} file(s) exist in ${shown} and would be overwritten:\n` +
        `${result.existing.map((f) => `  ${f}`).join('\n')}\n` +
        `  hint: move them away, choose another folder, or run \`${force}\` to overwrite them\n`,
    );
    return 1;
  }
  const overwritten = new Set(result.existing);
  const cd = options.dir === '.' ? [] : [`cd ${path.normalize(options.dir)}`];
  process.stdout.write(
    `init: ${result.written.length} files in ${shown} (project "${result.name}"):\n` +
      `${result.written.map((f) => `  ${f}${overwritten.has(f) ? ' (overwritten)' : ''}`).join('\n')}\n` +
      `next:\n` +
      [...cd, 'npm install', 'npx totem-mon generate    # compile definitions/ into out/ (commit out/)', 'npx totem-mon validate    # promtool and amtool prove it; CI runs generate --check and validate']
        .map((l) => `  ${l}`)
        .join('\n') +
      '\n',
  );
  return 0;
}
