/**
 * Round 26: import and init never write where generate writes, nor into or over the user's sources.
 *
 * - `import --into X` where X is the output folder the project's generate writes (totem-mon.config.ts
 *   `out`, or the default out/) but that has not been generated yet (no manifest): import wrote its
 *   definitions there, where the next generate writes (and whose stray files it reports or refuses).
 *   It is now refused (exit 2) in any spelling (`..`, links, absolute), also with --dry-run, naming
 *   where the folder came from; the config is read for its `out` (found from the current folder, and
 *   from the folder holding X, as generate finds it).
 * - `init DIR` where DIR is someone's definitions folder (definition files that import 'totem-mon',
 *   the folder a config names), inside one, holds a totem-mon project already (a config file of any
 *   name, definitions), or is the folder an enclosing project generates into: it wrote the scaffold
 *   among them (or, with --force, over them). Refused (exit 2), with or without --force.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

let root = '';
const cwd = process.cwd();

beforeEach(() => {
  // A repository: <root>/.git, <root>/infra/definitions (+ shared/), run from <root>.
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  cpSync(path.join(FIXTURES, 'shared'), path.join(root, 'infra/shared'), { recursive: true });
  cpSync(path.join(FIXTURES, 'good'), path.join(root, 'infra/definitions'), { recursive: true });
  writeFileSync(path.join(root, 'rules.yml'), 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n');
  process.chdir(root);
});

afterEach(() => process.chdir(cwd));

const config = (file: string, fields: string) =>
  writeFileSync(path.join(root, file), `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({ ${fields} });\n`);

async function importInto(into: string, ...extra: string[]) {
  return runCli(['import', 'rules.yml', '--into', into, ...extra]);
}

describe('import --into the output folder generate writes, before it was generated', () => {
  it('the default out/ (no config), in any spelling, also --dry-run: exit 2, nothing written', async () => {
    for (const into of ['out', 'out/', './out', 'infra/../out', path.join(root, 'out')]) {
      for (const extra of [[], ['--dry-run']]) {
        const result = await importInto(into, ...extra);
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(`totem-mon: --into ${into} is the output folder generate writes (the default out folder out/)`);
        expect(result.stderr).toContain('hint: import into a folder of its own');
      }
    }
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('a folder inside it, or one containing it (it would be the definitions folder around out/)', async () => {
    for (const [into, how] of [['out/definitions', 'is inside'], ['.', 'contains']] as const) {
      const result = await importInto(into);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`--into ${into} ${how} the output folder generate writes (the default out folder out/)`);
    }
    expect(existsSync(path.join(root, 'out'))).toBe(false);
    expect(existsSync(path.join(root, 'index.ts'))).toBe(false);
  });

  it('the out folder totem-mon.config.ts names (read for it), and through a link to it; the default is then free', async () => {
    config('totem-mon.config.ts', "definitions: 'infra/definitions', out: 'infra/generated'");
    symlinkSync(path.join(root, 'infra/generated'), path.join(root, 'gen-link'));
    for (const into of ['infra/generated', 'infra/generated/defs', 'gen-link', 'gen-link/defs']) {
      const result = await importInto(into);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/the output folder generate writes \(out: 'infra\/generated' \(from totem-mon\.config\.ts\)\)/);
      expect(result.stderr).toContain('hint: import into a folder of its own');
    }
    expect(existsSync(path.join(root, 'infra/generated'))).toBe(false);
    const free = await importInto('out');
    expect(free.code, free.stderr).toBe(0);
    expect(readdirSync(path.join(root, 'out'))).toContain('index.ts');
  });

  it('the config of the project holding --into, when the current folder is elsewhere', async () => {
    config('infra/totem-mon.config.ts', "out: 'build'");
    const result = await importInto('infra/build');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("--into infra/build is the output folder generate writes (out: 'infra/build' (from infra/totem-mon.config.ts))");
    // Its default out/ beside its config, when it names none.
    config('infra/totem-mon.config.ts', "definitions: 'definitions'");
    expect((await importInto('infra/out')).stderr).toContain('--into infra/out is the output folder generate writes (the default out folder infra/out/ of infra/totem-mon.config.ts)');
  });

  it('every project around --into counts, not only the nearest config (round 28: as init)', async () => {
    // The repository's config writes into a folder of a project nested in it, run from that project.
    config('totem-mon.config.ts', "definitions: 'infra/definitions', out: 'teams/shop/generated'");
    mkdirSync(path.join(root, 'teams/shop'), { recursive: true });
    config('teams/shop/totem-mon.config.ts', "definitions: 'definitions', out: 'out'");
    cpSync(path.join(root, 'rules.yml'), path.join(root, 'teams/shop/rules.yml'));
    process.chdir(path.join(root, 'teams/shop'));
    for (const into of ['generated', 'generated/definitions', path.join(root, 'teams/shop/generated')]) {
      const result = await importInto(into);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/(is|is inside) the output folder generate writes \(out: 'generated' \(from \.\.\/\.\.\/totem-mon\.config\.ts\)\)/);
      expect(result.stderr).toContain(`--into ${into} `);
    }
    // The nearer one's out/ too; a folder apart from both is fine.
    expect((await importInto('out/x')).stderr).toContain("is inside the output folder generate writes (out: 'out' (from totem-mon.config.ts))");
    expect(existsSync(path.join(root, 'teams/shop/generated'))).toBe(false);
    const apart = await importInto('definitions');
    expect(apart.code, apart.stderr).toBe(0);
  });

  it('a project without a config around --into (package.json depending on totem-mon beside definitions/): its default out/', async () => {
    writeFileSync(path.join(root, 'infra/package.json'), '{ "type": "module", "devDependencies": { "totem-mon": "^0.1.0" } }\n');
    const result = await importInto('infra/out/imported');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--into infra/out/imported is inside the output folder generate writes (the default out folder infra/out/)');
  });

  it('a config that does not load: exit 2 naming it (where generate writes is unknown)', async () => {
    writeFileSync(path.join(root, 'totem-mon.config.ts'), 'throw new Error("broken");\n');
    const result = await importInto('imported');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('totem-mon.config.ts could not be loaded');
    expect(existsSync(path.join(root, 'imported'))).toBe(false);
  });

  it('a folder apart is fine', async () => {
    const result = await importInto('imported');
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('init never writes into or over the user\'s sources', () => {
  const refused = async (dir: string, ...extra: string[]) => {
    const before = existsSync(dir) ? snapshotTree(dir) : undefined;
    const result = await runCli(['init', dir, ...extra]);
    expect(result.code, result.stderr).toBe(2);
    if (before) expect(snapshotTree(dir)).toEqual(before);
    else expect(existsSync(dir)).toBe(false);
    return result.stderr;
  };

  it('a definitions folder (an entry that imports totem-mon), or a folder inside it (in a project: round 27), also with --force', async () => {
    // The repository is a totem-mon project (its package.json depends on it): a definitions folder above DIR counts.
    writeFileSync(path.join(root, 'package.json'), '{ "type": "module", "devDependencies": { "totem-mon": "^0.1.0" } }\n');
    for (const extra of [[], ['--force']]) {
      expect(await refused('infra/definitions', ...extra)).toContain('init: infra/definitions is a definitions folder (infra/definitions/index.ts imports totem-mon)');
      expect(await refused('infra/definitions/new', ...extra)).toContain('init: infra/definitions/new is inside a definitions folder (infra/definitions/index.ts imports totem-mon)');
      expect(await refused('./infra/shared/../definitions/x/y', ...extra)).toContain('is inside a definitions folder');
    }
    symlinkSync(path.join(root, 'infra/definitions'), path.join(root, 'defs-link'));
    expect(await refused('defs-link/new')).toContain('is inside a definitions folder');
    // Another entry name.
    mkdirSync(path.join(root, 'other'));
    writeFileSync(path.join(root, 'other/index.mts'), "import { defineProject } from \"totem-mon\";\nexport default defineProject({} as never);\n");
    expect(await refused('other')).toContain('is a definitions folder (other/index.mts imports totem-mon)');
  });

  it('a folder of definition files (modules that import totem-mon), also with --force', async () => {
    expect(await refused('infra/shared', '--force')).toContain('init: infra/shared holds definition files (infra/shared/base.ts imports totem-mon)');
  });

  it('a totem-mon project already: a config file of any name, or its definitions, also with --force', async () => {
    for (const name of ['totem-mon.config.ts', 'totem-mon.config.mjs']) {
      mkdirSync(path.join(root, `p-${name}`));
      writeFileSync(path.join(root, `p-${name}`, name), 'export default {};\n');
      for (const extra of [[], ['--force']]) expect(await refused(`p-${name}`, ...extra)).toContain(`init: p-${name} is a totem-mon project already (it holds ${name})`);
    }
    for (const extra of [[], ['--force']]) expect(await refused('infra', ...extra)).toContain('init: infra is a totem-mon project already (infra/definitions/index.ts imports totem-mon)');
  });

  it('the definitions, templates or out folder an enclosing config names (read for them), even before they exist', async () => {
    config('totem-mon.config.ts', "definitions: 'mon/defs', out: 'mon/generated'");
    mkdirSync(path.join(root, 'mon/defs'), { recursive: true });
    expect(await refused('mon/defs')).toContain("init: mon/defs is the definitions folder of totem-mon.config.ts (definitions: 'mon/defs' (from totem-mon.config.ts))");
    expect(await refused('mon/generated')).toContain("init: mon/generated is the output folder of totem-mon.config.ts (out: 'mon/generated' (from totem-mon.config.ts))");
    expect(await refused('mon/generated/x')).toContain('is inside the output folder of totem-mon.config.ts');
    expect(await refused('mon/templates')).toContain('is the notification templates folder of totem-mon.config.ts');
    expect(await refused('mon')).toContain('contains the definitions folder of totem-mon.config.ts');
  });

  it('a folder apart, in the same repository, is fine', async () => {
    config('totem-mon.config.ts', "definitions: 'infra/definitions'");
    const result = await runCli(['init', 'monitoring']);
    expect(result.code, result.stderr).toBe(0);
  });
});
