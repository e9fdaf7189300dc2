/**
 * Round 27: `init DIR` and the projects around DIR.
 *
 * - Every enclosing project counts, not only the nearest: init looked for a config only from the
 *   folder above DIR up to the first it found, so a DIR in the out/ (or definitions, templates) of
 *   a project further up, with another project's config in between, was scaffolded. Now every
 *   folder above DIR is looked at, up to the repository's root (the nearest folder holding .git,
 *   as generate's own config search stops there), or the filesystem's root outside a repository.
 *   A project is a config file (run for its folders) or, without one, a package.json that depends
 *   on totem-mon beside a definitions folder (npm runs `totem-mon generate` there: definitions/,
 *   templates/ and out/ beside it).
 * - A definitions entry above DIR is not enough: init refused under a stray one (a leftover
 *   /tmp/definitions/index.ts). It refuses now only with evidence of a project around that folder:
 *   a config file, or a package.json depending on totem-mon, in it or a folder above (to the
 *   repository's root).
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.js';

let root = '';
const cwd = process.cwd();

beforeEach(() => {
  root = tempDir();
  process.chdir(root);
});

afterEach(() => process.chdir(cwd));

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

const config = (file: string, fields: string) => write(file, `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({ ${fields} });\n`);
const entry = (folder: string) => write(`${folder}/index.ts`, "import { defineProject } from 'totem-mon';\n\nexport default defineProject({} as never);\n");
const dependsOnTotemMon = (folder: string, field = 'devDependencies') => write(`${folder}/package.json`, `${JSON.stringify({ name: 'infra', type: 'module', [field]: { 'totem-mon': '^0.1.0' } }, null, 2)}\n`);

async function refused(dir: string, ...extra: string[]): Promise<string> {
  const before = existsSync(dir) ? snapshotTree(dir) : undefined;
  const result = await runCli(['init', dir, ...extra]);
  expect(result.code, result.stderr).toBe(2);
  if (before) expect(snapshotTree(dir)).toEqual(before);
  else expect(existsSync(dir)).toBe(false);
  return result.stderr;
}

async function scaffolded(dir: string): Promise<void> {
  const result = await runCli(['init', dir]);
  expect(result.code, result.stderr).toBe(0);
  expect(readdirSync(dir)).toContain('totem-mon.config.ts');
}

describe('init looks at every project around DIR, up to the repository\'s root', () => {
  beforeEach(() => mkdirSync(path.join(root, '.git')));

  it('a config further up than the nearest one: its out, definitions and templates folders', async () => {
    config('totem-mon.config.ts', "definitions: 'infra/definitions', out: 'teams/shop/generated'");
    entry('infra/definitions');
    // Another project in between, apart from all of it.
    config('teams/totem-mon.config.ts', "definitions: 'other/definitions', out: 'other/out'");
    for (const dir of ['teams/shop/generated', 'teams/shop/generated/x', './teams/shop/../shop/generated/y']) {
      expect(await refused(dir)).toMatch(/init: .* (is|is inside) the output folder of totem-mon\.config\.ts \(out: 'teams\/shop\/generated' \(from totem-mon\.config\.ts\)\)/);
    }
    expect(await refused('infra/templates/new')).toContain('is inside the notification templates folder of totem-mon.config.ts');
    // The nearer one's folders too.
    expect(await refused('teams/other/out/x')).toContain('is inside the output folder of teams/totem-mon.config.ts');
    await scaffolded('teams/shop/monitoring');
  });

  it('from the current folder inside the project, and through a link into it', async () => {
    config('totem-mon.config.ts', "definitions: 'infra/definitions', out: 'a/b/out'");
    config('a/totem-mon.config.ts', "definitions: 'defs'");
    mkdirSync(path.join(root, 'a/b/c'), { recursive: true });
    process.chdir(path.join(root, 'a/b/c'));
    expect(await refused('../out/new')).toContain("is inside the output folder of ../../../totem-mon.config.ts (out: '../out'");
    process.chdir(root);
    const elsewhere = tempDir();
    symlinkSync(path.join(root, 'a/b'), path.join(elsewhere, 'link'));
    expect(await refused(path.join(elsewhere, 'link/out/new'))).toContain('is inside the output folder of totem-mon.config.ts');
  });

  it('stops at the repository\'s root: a config above it is not this repository\'s (generate does not read it from here)', async () => {
    const outer = tempDir();
    config(path.relative(root, path.join(outer, 'totem-mon.config.ts')), "definitions: 'defs', out: 'repo/gen'");
    mkdirSync(path.join(outer, 'repo/.git'), { recursive: true });
    await scaffolded(path.join(outer, 'repo/gen/monitoring'));
  });

  it('outside any repository, up to the filesystem\'s root', async () => {
    const outside = tempDir();
    config(path.relative(root, path.join(outside, 'totem-mon.config.ts')), "definitions: 'defs', out: 'x/y/gen'");
    config(path.relative(root, path.join(outside, 'x/totem-mon.config.ts')), "definitions: 'other'");
    expect(await refused(path.join(outside, 'x/y/gen/new'))).toContain('is inside the output folder of');
  });

  it('a project without a config: package.json depends on totem-mon beside definitions/ (its default folders)', async () => {
    dependsOnTotemMon('infra');
    entry('infra/definitions');
    expect(await refused('infra/out/new')).toContain('init: infra/out/new is inside the output folder of the project of infra/package.json (the default out folder infra/out/)');
    expect(await refused('infra/templates')).toContain('init: infra/templates is the notification templates folder of the project of infra/package.json');
    expect(await refused('infra/definitions/new')).toContain('is inside');
    await scaffolded('infra/monitoring');
    // A package.json that does not depend on totem-mon is no such project.
    write('plain/package.json', '{ "name": "plain", "dependencies": { "totem-mon-extra": "1" } }\n');
    entry('plain/definitions');
    await scaffolded('plain/out/new');
  });
});

describe('a config above DIR that does not load (round 28)', () => {
  const broken = (file: string, body: string) => write(file, body);

  it('outside any repository (a stray /tmp/totem-mon.config.ts): init goes on, warning and naming it, apart from its default folders', async () => {
    // root holds no .git: the walk goes on to the filesystem's root, and root's config is a stray one.
    for (const body of ['throw new Error("left over");\n', 'export default 42;\n', "import { defineConfig } from 'totem-mon';\nexport default defineConfig({ out: 7 as never });\n"]) {
      broken('totem-mon.config.ts', body);
      const dir = `x${body.length}/y`;
      const result = await runCli(['init', dir]);
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(dir)).toContain('totem-mon.config.ts');
      expect(result.stderr).toMatch(/^init: warning: totem-mon\.config\.ts (could not be loaded|is not a valid config)/m);
      expect(result.stderr).toContain(`(a config above x${body.length}/y, outside any repository): where its generate writes is unknown`);
      // Its default folders are still kept apart from.
      expect(await refused(`out/new${body.length}`)).toContain(`init: out/new${body.length} is inside the output folder of totem-mon.config.ts (the default out folder out/ of totem-mon.config.ts)`);
      expect(await refused(`definitions/new${body.length}`)).toContain('is inside the definitions folder of totem-mon.config.ts');
    }
  });

  it('a good config nearer than the broken one still counts', async () => {
    broken('totem-mon.config.ts', 'throw new Error("left over");\n');
    config('team/totem-mon.config.ts', "definitions: 'defs', out: 'gen'");
    expect(await refused('team/gen/new')).toContain('is inside the output folder of team/totem-mon.config.ts');
  });

  it('inside a repository it is the repository\'s own project: init stops, naming it (exit 2)', async () => {
    mkdirSync(path.join(root, '.git'));
    broken('totem-mon.config.ts', 'throw new Error("broken");\n');
    const stderr = await refused('x/y');
    expect(stderr).toContain('totem-mon.config.ts could not be loaded');
    expect(stderr).not.toContain('warning');
  });
});

describe('a config above DIR, outside any repository, that others may write (round 28)', () => {
  // Running it would run another user's code with your rights: a /tmp/totem-mon.config.ts anyone could plant.
  const planted = (mode: number) => {
    write('totem-mon.config.ts', "import { writeFileSync } from 'node:fs';\nimport { defineConfig } from 'totem-mon';\nwriteFileSync(new URL('./ran', import.meta.url), '');\nexport default defineConfig({ out: 'gen' });\n");
    chmodSync(path.join(root, 'totem-mon.config.ts'), mode);
  };

  it('writable by every user: never run; init warns, naming it, and keeps apart from its default folders', async () => {
    for (const [mode, who] of [[0o666, 'every user'], [0o646, 'every user']] as const) {
      planted(mode);
      const dir = `x${mode}/y`;
      const result = await runCli(['init', dir]);
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(dir)).toContain('totem-mon.config.ts');
      expect(result.stderr).toContain(`init: warning: totem-mon.config.ts is writable by ${who} (a config above x${mode}/y, outside any repository): not run, since it would run with your rights`);
      expect(existsSync(path.join(root, 'ran'))).toBe(false);
      expect(await refused(`out/new${mode}`)).toContain('is inside the output folder of totem-mon.config.ts (the default out folder out/ of totem-mon.config.ts)');
    }
  });

  // Giving a file away takes root (as CI runs here); a user's run cannot make such a file.
  it.runIf(process.getuid?.() === 0)('owned by another user: never run either', async () => {
    planted(0o644);
    chownSync(path.join(root, 'totem-mon.config.ts'), 4242, 4242);
    const result = await runCli(['init', 'x/y']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('init: warning: totem-mon.config.ts is owned by another user (uid 4242) (a config above x/y, outside any repository): not run');
    expect(existsSync(path.join(root, 'ran'))).toBe(false);
  });

  it('your own, writable by you (and your group: a private group per user, umask 002): run as before (its out folder counts)', async () => {
    planted(0o664);
    expect(await refused('gen/new')).toContain('is inside the output folder of totem-mon.config.ts');
    expect(existsSync(path.join(root, 'ran'))).toBe(true);
  });

  it('inside a repository, the repository\'s own config runs whatever its mode (generate runs it there)', async () => {
    mkdirSync(path.join(root, '.git'));
    planted(0o666);
    expect(await refused('gen/new')).toContain('is inside the output folder of totem-mon.config.ts');
    expect(existsSync(path.join(root, 'ran'))).toBe(true);
  });
});

describe('a definitions folder above DIR counts only in a project (a config, or a package.json depending on totem-mon)', () => {
  it('a stray entry above DIR, outside any project: init writes the scaffold', async () => {
    entry('definitions');
    await scaffolded('definitions/monitoring');
    entry('tmp');
    await scaffolded('tmp/deep/monitoring');
  });

  it('a stray entry in a repository without a project: the scaffold too', async () => {
    mkdirSync(path.join(root, '.git'));
    entry('old/definitions');
    await scaffolded('old/definitions/new');
  });

  it('the same entry in a project: refused, whether package.json is beside it, higher up, or a config says so', async () => {
    mkdirSync(path.join(root, '.git'));
    entry('infra/definitions');
    // package.json beside the definitions folder, in the repository's root, any kind of dependency.
    for (const [folder, field] of [['infra', 'devDependencies'], ['.', 'dependencies'], ['infra/definitions', 'peerDependencies']] as const) {
      dependsOnTotemMon(folder, field);
      expect(await refused('infra/definitions/new')).toContain('init: infra/definitions/new is inside a definitions folder (infra/definitions/index.ts imports totem-mon)');
      write(`${folder}/package.json`, '{ "name": "x" }\n');
    }
    await scaffolded('infra/definitions/new');
    // A config of any name, anywhere up to the repository's root, whichever definitions it names.
    config('totem-mon.config.mjs', "definitions: 'elsewhere'");
    mkdirSync(path.join(root, 'elsewhere'));
    expect(await refused('infra/definitions/other')).toContain('is inside a definitions folder (infra/definitions/index.ts imports totem-mon)');
  });

  it('evidence above the repository\'s root is not this repository\'s', async () => {
    const outer = tempDir();
    write(path.relative(root, path.join(outer, 'package.json')), '{ "devDependencies": { "totem-mon": "^0.1.0" } }\n');
    mkdirSync(path.join(outer, 'repo/.git'), { recursive: true });
    write(path.relative(root, path.join(outer, 'repo/definitions/index.ts')), "import { defineProject } from 'totem-mon';\nexport default defineProject({} as never);\n");
    await scaffolded(path.join(outer, 'repo/definitions/new'));
  });

  it('DIR itself a definitions folder is refused without more evidence (the scaffold would land among its files)', async () => {
    entry('lone');
    expect(await refused('lone')).toContain('init: lone is a definitions folder (lone/index.ts imports totem-mon)');
  });
});
