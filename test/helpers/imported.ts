import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromDefinitions, type StagesResult } from '../../src/app/stages.js';
import { tempDir } from './cli.js';

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

/** Generated source on one line, as the printer writes what fits: `[{ a }]`, no trailing commas. */
export const oneLine = (source: string): string =>
  source.replace(/\s+/g, ' ').replace(/, ([\])}])/g, ' $1').replace(/([[(]) /g, '$1').replace(/ ([\])])/g, '$1');

/** A fresh project folder (package.json with "type": "module", as init writes) and its definitions path. */
export function importProject(): { root: string; into: string } {
  const root = path.join(tempDir(), 'shop-monitoring');
  mkdirSync(root);
  writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }\n');
  return { root, into: path.join(root, 'definitions') };
}
