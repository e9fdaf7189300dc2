/**
 * The config fixture's shop (test/fixtures/config/folders/definitions) in a repository root of its
 * own, copied for each test and made the working folder (totem-mon looks for its config from
 * there), with writers of its totem-mon.config.ts and of its definitions.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { FIXTURES, tempDir } from './cli.js';

const SHOP = path.join(FIXTURES, 'config/folders/definitions');

export interface ShopProject {
  /** This test's copy: the repository root, definitions/ below it. */
  readonly root: string;
  /** Writes totem-mon.config.ts with these `grafana` settings (`folder: 'Ops'`). */
  writeConfig(grafana: string): void;
  /** Replaces `from` by `to` in definitions/index.ts (a fixture without `from` fails the test). */
  editDefinitions(from: string, to: string): void;
}

/** Registers the per-test copy (beforeEach/afterEach) and returns it. */
export function shopProjectPerTest(): ShopProject {
  const cwd = process.cwd();
  let root = '';
  beforeEach(() => {
    root = tempDir();
    mkdirSync(path.join(root, '.git'));
    cpSync(SHOP, path.join(root, 'definitions'), { recursive: true });
    process.chdir(root);
  });
  afterEach(() => process.chdir(cwd));
  return {
    get root() {
      return root;
    },
    writeConfig(grafana) {
      writeFileSync(path.join(root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({\n  out: 'out',\n  grafana: {\n    ${grafana},\n  },\n});\n`);
    },
    editDefinitions(from, to) {
      const file = path.join(root, 'definitions/index.ts');
      const text = readFileSync(file, 'utf8');
      if (!text.includes(from)) throw new Error(`fixture has no ${from}`);
      writeFileSync(file, text.replace(from, to));
    },
  };
}
