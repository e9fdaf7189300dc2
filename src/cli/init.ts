import path from 'node:path';
import type { InitOptions } from '../app/init.js';
import { init } from '../app/init.js';

/** `totem-mon init [dir] [--force]`: scaffold, then say what to run next. Returns the exit code. */
export function initCommand(options: InitOptions): number {
  const result = init(options);
  const shown = options.dir === '.' ? 'the current folder' : `${options.dir}/`;
  const force = `totem-mon init${options.dir === '.' ? '' : ` ${options.dir}`} --force`;
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
