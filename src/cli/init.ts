import path from 'node:path';
import type { InitOptions } from '../app/init.js';
import { assertAFolderOfItsOwn, init } from '../app/init.js';
import { isErrno } from '../io/output-problem.js';

/** `totem-mon init [dir] [--force]`: scaffold, then say what to run next. Returns the exit code. */
export async function initCommand(options: InitOptions): Promise<number> {
  const shown = options.dir === '.' ? 'the current folder' : `${options.dir}/`;
  await assertAFolderOfItsOwn(options.dir, (message) => process.stderr.write(`init: warning: ${message}\n`));
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
