import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { fromDefinitions, type StagesResult } from '../../src/app/stages.js';
import { tempDir } from './cli.js';

const REPO = path.join(import.meta.dirname, '..', '..');

/**
 * Imported definitions as a user gets them: the files in `<dir>/definitions/`, an index.ts around
 * them, loaded by the real loader (its own process) and run through every stage.
 */
export function writeDefinitions(files: Record<string, string>): string {
  const dir = tempDir('totem-mon-import-');
  const definitions = path.join(dir, 'definitions');
  mkdirSync(definitions, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(definitions, name)), { recursive: true });
    writeFileSync(path.join(definitions, name), content);
  }
  return definitions;
}

export function runStages(definitions: string): Promise<StagesResult> {
  return fromDefinitions({ definitions });
}

/** `tsc --noEmit` over the definitions, `import 'totem-mon'` typed by this repository's API. */
export async function typecheckDefinitions(definitions: string): Promise<{ exitCode: number; output: string }> {
  const dir = path.dirname(definitions);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: ['node'],
        paths: { 'totem-mon': [path.join(REPO, 'src/index.ts')] },
      },
      include: ['definitions'],
    }),
  );
  const r = await execa(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', dir], { reject: false, all: true });
  return { exitCode: r.exitCode ?? 1, output: r.all ?? '' };
}

/** Generated source on one line, as the printer writes what fits: `[{ a }]`, no trailing commas. */
export const oneLine = (source: string): string =>
  source.replace(/\s+/g, ' ').replace(/, ([\])}])/g, ' $1').replace(/([[(]) /g, '$1').replace(/ ([\])])/g, '$1');
