import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/cli.js';

/** Line 4 does not parse. Written at test time: a committed copy would fail the repository's own typecheck. */
export const SYNTAX_ERROR_SOURCE = [
  '// Not valid TypeScript: reported at the offending token.',
  "import { defineProject } from 'totem-mon';",
  '',
  "const broken: = defineProject({ name: 'x' } as never);",
  '',
  'export default broken;',
  '',
].join('\n');

/** A definitions folder named syntax-error whose index.ts does not parse. */
export function syntaxErrorDefinitions(): string {
  const dir = path.join(tempDir(), 'syntax-error');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'index.ts'), SYNTAX_ERROR_SOURCE);
  return dir;
}
