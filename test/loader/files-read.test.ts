/**
 * The loader reports the files the definitions read and the folders they list while they load
 * (src/io/loader/reads.ts), beside the modules that ran: every file read with `fs` or `require`,
 * imported as JSON or CommonJS, and no file that totem-mon itself read for them (oxc, package.json,
 * Node's own modules). Reads after the load are not the load's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/io/load.js';
import { tempDir } from '../helpers/cli.js';

function project(files: Record<string, string>): string {
  const root = tempDir();
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const END = "export default defineProject({ name: 'x' } as never);\n";

describe('the files a load read', () => {
  it('are those the definitions read, opened, required, imported as data or listed; none of totem-mon\'s own', async () => {
    const root = project({
      'package.json': '{ "type": "module" }\n',
      'data/a.yml': 'a: 1\n',
      'data/b.json': '{ "b": 2 }\n',
      'data/c.cjs': "module.exports = require('./b.json');\n",
      'data/d.json': '{ "d": 4 }\n',
      'data/e.txt': 'e\n',
      'data/written.txt': '',
      'definitions/helper.mjs': "export const helper = 'js';\n",
      'definitions/index.ts': [
        "import { defineProject } from 'totem-mon';",
        "import fs, { openSync, closeSync, readdirSync } from 'node:fs';",
        "import { readFile } from 'node:fs/promises';",
        "import { createRequire } from 'node:module';",
        "import d from '../data/d.json' with { type: 'json' };",
        "import { helper } from './helper.mjs';",
        "fs.readFileSync(new URL('../data/a.yml', import.meta.url));",
        "createRequire(import.meta.url)('../data/c.cjs');",
        "await readFile(new URL('../data/e.txt', import.meta.url));",
        "closeSync(openSync(new URL('../data/written.txt', import.meta.url), 'w'));",
        "readdirSync(new URL('../data', import.meta.url));",
        "setTimeout(() => fs.readFileSync(new URL('../package.json', import.meta.url)), 0);",
        'void d, helper;',
        END,
      ].join('\n'),
    });
    const loaded = await loadDefinitions(path.join(root, 'definitions'));
    expect(loaded.diagnostics).toEqual([]);
    const at = (file: string) => path.join(root, file);
    // The TypeScript entry ran through the loader (a module); the JavaScript module too.
    expect(loaded.modules).toEqual([at('definitions/index.ts')]);
    expect(loaded.files).toEqual({
      read: ['data/a.yml', 'data/b.json', 'data/c.cjs', 'data/d.json', 'data/e.txt', 'definitions/helper.mjs', 'definitions/index.ts'].map(at).sort(),
      listed: [at('data')],
    });
  });

  it('none when the definitions read nothing but their modules', async () => {
    const root = project({ 'definitions/index.ts': `import { defineProject } from 'totem-mon';\n${END}` });
    const loaded = await loadDefinitions(path.join(root, 'definitions'));
    expect(loaded.files).toEqual({ read: [path.join(root, 'definitions/index.ts')], listed: [] });
  });
});
