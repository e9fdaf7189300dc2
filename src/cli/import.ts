import { UsageError } from '../diagnostic.js';
import { importFiles } from '../app/import.js';
import { assertApartFrom, assertNotGenerated } from '../io/out-folder.js';
import { importSettings } from '../app/enclosing-projects.js';
import { renderImportJson, renderImportText } from '../report/import.js';

export const IMPORT_FORMATS = ['text', 'json'] as const;

export interface ImportCommandOptions {
  into: string;
  force?: boolean;
  dryRun?: boolean;
  name?: string;
  metrics?: string;
  format: string;
}

/** `totem-mon import <files or folders…>`: definitions from existing monitoring files, and what was done with each thing read. */
export async function importCommand(inputs: string[], options: ImportCommandOptions): Promise<number> {
  if (!(IMPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`unknown format "${options.format}"`, 2, `use one of: ${IMPORT_FORMATS.join(', ')}`);
  }
  // Also with --dry-run: the user learns it before a real run.
  const hint = 'import into a folder of its own, beside the output folder, such as --into definitions (the default)';
  assertNotGenerated(options.into, `--into ${options.into}`, hint);
  // Nor where generate will write, generated yet or not.
  const { outs, alertmanagerTarget } = await importSettings(options.into, (message) => process.stderr.write(`import: warning: ${message}\n`));
  assertApartFrom(options.into, `--into ${options.into}`, outs.map((folder) => ({ folder, what: 'the output folder generate writes' })), 'generate owns what is there, and the definitions would mix with its output', hint);
  const result = await importFiles({
    inputs,
    into: options.into,
    force: Boolean(options.force),
    dryRun: Boolean(options.dryRun),
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.metrics !== undefined ? { metrics: options.metrics } : {}),
    // An input's group_by: [] means what it means for the release the project is judged for.
    ...(alertmanagerTarget !== undefined ? { alertmanagerTarget } : {}),
  });
  const blocked = result.written.length === 0 && result.existing.length > 0 && !options.force && !options.dryRun;
  const failed = blocked || result.items.some((i) => i.status === 'error') || result.diagnostics.some((d) => d.severity === 'error');
  if (options.format === 'json') process.stdout.write(renderImportJson(result, options.into, !failed));
  else process.stdout.write(renderImportText(result, options.into));
  if (blocked) {
    process.stderr.write(
      `import: nothing written: ${result.existing.length} file(s) exist in ${options.into} and would be overwritten:\n` +
        `${result.existing.map((f) => `  ${f}`).join('\n')}\n` +
        `  hint: import into another folder (--into), or add --force to overwrite them\n`,
    );
  }
  return failed ? 1 : 0;
}
