/**
 * Round 27: out/ never holds a file the definitions (or the config) read, however they read it.
 *
 * Round 26 refused an out/ holding a module the definitions import through totem-mon's loader (a
 * TypeScript module). Files read any other way were not seen, so generate could write over, or
 * remove as stale, a file the definitions read: data read with `fs` (readFileSync, fs/promises,
 * streams, a file descriptor), loaded with CommonJS `require` (createRequire), imported as JSON or
 * CommonJS, an ES module in JavaScript, a folder they list. Each is now refused (exit 2, nothing
 * written) by generate, generate --check and validate, with or without a config file.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../helpers/built.js';
import { FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

let root = '';
const cwd = process.cwd();
const GOOD = readFileSync(path.join(FIXTURES, 'good/index.ts'), 'utf8');

beforeEach(() => {
  // A repository: <root>/.git, <root>/infra/definitions (+ shared/), data beside them, run from <root>.
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  cpSync(path.join(FIXTURES, 'shared'), path.join(root, 'infra/shared'), { recursive: true });
  cpSync(path.join(FIXTURES, 'good'), path.join(root, 'infra/definitions'), { recursive: true });
  mkdirSync(path.join(root, 'infra/data'));
  writeFileSync(path.join(root, 'infra/data/settings.json'), '{ "team": "shop" }\n');
  writeFileSync(path.join(root, 'infra/data/settings.yml'), 'team: shop\n');
  writeFileSync(path.join(root, 'infra/data/helper.cjs'), "module.exports = { team: require('./settings.json').team };\n");
  writeFileSync(path.join(root, 'infra/data/helper.mjs'), "export const team = 'shop';\n");
  process.chdir(root);
});

afterEach(() => process.chdir(cwd));

/** The good definitions, with `imports` added to their imports and `body` run before them. */
function definitions(imports: string, body = ''): void {
  const lines = GOOD.split('\n');
  const last = lines.findIndex((line) => line.includes("from '../shared/base.js'"));
  lines.splice(last + 1, 0, imports, body);
  writeFileSync(path.join(root, 'infra/definitions/index.ts'), lines.join('\n'));
}

const generate = (out: string, ...extra: string[]) => runCli(['generate', '--definitions', 'infra/definitions', '--out', out, ...extra]);

/** Every way a definition may read infra/data/<file> (or list infra/data): imports, then code. */
const WAYS: ReadonlyArray<{ name: string; imports: string; body: string; file: string; how?: 'list' }> = [
  { name: 'fs.readFileSync of a URL', imports: "import fs from 'node:fs';", body: "fs.readFileSync(new URL('../data/settings.json', import.meta.url), 'utf8');", file: 'settings.json' },
  { name: 'readFileSync, imported by name, of a path', imports: "import { readFileSync } from 'node:fs';\nimport path from 'node:path';", body: "readFileSync(path.join(import.meta.dirname, '../data/settings.yml'));", file: 'settings.yml' },
  { name: 'a path relative to the current folder', imports: "import { readFileSync } from 'fs';", body: "readFileSync('infra/data/settings.yml', 'utf8');", file: 'settings.yml' },
  { name: 'fs/promises readFile', imports: "import { readFile } from 'node:fs/promises';", body: "await readFile(new URL('../data/settings.json', import.meta.url), 'utf8');", file: 'settings.json' },
  { name: 'fs.promises.open and a FileHandle', imports: "import fs from 'node:fs';", body: "const handle = await fs.promises.open(new URL('../data/settings.json', import.meta.url));\nawait handle.readFile('utf8');\nawait handle.close();", file: 'settings.json' },
  { name: 'fs.readFile with a callback', imports: "import fs from 'node:fs';", body: "await new Promise((resolve, reject) => fs.readFile(new URL('../data/settings.yml', import.meta.url), (error, data) => (error ? reject(error) : resolve(data))));", file: 'settings.yml' },
  { name: 'a file descriptor (openSync, readSync)', imports: "import { closeSync, openSync, readSync } from 'node:fs';", body: "const fd = openSync(new URL('../data/settings.yml', import.meta.url), 'r');\nreadSync(fd, Buffer.alloc(16));\ncloseSync(fd);", file: 'settings.yml' },
  { name: 'a read stream', imports: "import { createReadStream } from 'node:fs';", body: "for await (const chunk of createReadStream(new URL('../data/settings.yml', import.meta.url))) void chunk;", file: 'settings.yml' },
  { name: 'the fs Node gives process.getBuiltinModule', imports: '', body: "(process as any).getBuiltinModule('node:fs').readFileSync(new URL('../data/settings.yml', import.meta.url));", file: 'settings.yml' },
  { name: 'require (createRequire) of JSON', imports: "import { createRequire } from 'node:module';", body: "createRequire(import.meta.url)('../data/settings.json');", file: 'settings.json' },
  { name: 'require (createRequire) of a CommonJS module, and what it requires', imports: "import { createRequire } from 'node:module';", body: "createRequire(import.meta.url)('../data/helper.cjs');", file: 'helper.cjs' },
  { name: 'an import of JSON', imports: "import settings from '../data/settings.json' with { type: 'json' };", body: 'void settings;', file: 'settings.json' },
  { name: 'an import of a CommonJS module', imports: "import helper from '../data/helper.cjs';", body: 'void helper;', file: 'helper.cjs' },
  { name: 'an import of an ES module in JavaScript', imports: "import { team } from '../data/helper.mjs';", body: 'void team;', file: 'helper.mjs' },
  { name: 'a dynamic import of JSON', imports: '', body: "await import('../data/settings.json', { with: { type: 'json' } });", file: 'settings.json' },
  { name: 'readdirSync (a folder listed)', imports: "import { readdirSync } from 'node:fs';", body: "readdirSync(new URL('../data', import.meta.url));", file: '', how: 'list' },
  { name: 'fs.promises.readdir (a folder listed)', imports: "import { promises } from 'node:fs';", body: "await promises.readdir(new URL('../data/', import.meta.url));", file: '', how: 'list' },
];

describe('generate refuses an out/ that holds a file the definitions read (exit 2, nothing written)', () => {
  it.each(WAYS)('$name', async ({ imports, body, file, how }) => {
    definitions(imports, body);
    const before = snapshotTree(path.join(root, 'infra/data'));
    for (const extra of [[], ['--check']]) {
      const result = await generate('infra/data', ...extra);
      expect(result.code, result.stderr).toBe(2);
      if (how === 'list') expect(result.stderr).toContain('--out infra/data is infra/data, a folder the definitions list: generated files would mix with it');
      else expect(result.stderr).toMatch(new RegExp(`--out infra/data holds infra/data/[a-z.]+, a file the definitions (read|load): generated files would mix with it`));
      if (file === 'helper.cjs' || file === 'helper.mjs') expect(result.stderr).toContain(`infra/data/${file}`);
      expect(result.stderr).toContain('hint: give --out a folder of its own');
    }
    expect(snapshotTree(path.join(root, 'infra/data'))).toEqual(before);
    expect(existsSync(path.join(root, 'infra/data/prometheus'))).toBe(false);
    // The same definitions, with an out/ apart from what they read: generated.
    const apart = await generate('infra/out');
    expect(apart.code, apart.stderr).toBe(0);
  });

  it('a folder above the file, and a link whose target is in out/', async () => {
    mkdirSync(path.join(root, 'infra/data/deep'));
    writeFileSync(path.join(root, 'infra/data/deep/more.json'), '{}\n');
    mkdirSync(path.join(root, 'infra/links'));
    symlinkSync(path.join(root, 'infra/data/deep/more.json'), path.join(root, 'infra/links/more.json'));
    definitions("import { readFileSync } from 'node:fs';", "readFileSync(new URL('../links/more.json', import.meta.url));");
    for (const out of ['infra/data', 'infra/data/deep', path.join(root, 'infra/data/deep')]) {
      const result = await generate(out);
      expect(result.code, `${out}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain('a file the definitions read');
    }
    // The folder holding the link itself: generate would mix with it too.
    expect((await generate('infra/links')).code).toBe(2);
    expect((await generate('infra/out')).code).toBe(0);
  });

  it('a file generate wrote before (it would write over it, or remove it as stale)', async () => {
    expect((await generate('infra/gen')).code).toBe(0);
    const rules = path.join(root, 'infra/gen/prometheus/rules/app_alerts.yml');
    const before = readFileSync(rules, 'utf8');
    definitions("import { readFileSync } from 'node:fs';", "readFileSync(new URL('../gen/prometheus/rules/app_alerts.yml', import.meta.url), 'utf8');");
    const result = await generate('infra/gen');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--out infra/gen holds infra/gen/prometheus/rules/app_alerts.yml, a file the definitions read');
    expect(readFileSync(rules, 'utf8')).toBe(before);
  });

  it('a file read only after an await, or by a module imported dynamically', async () => {
    writeFileSync(path.join(root, 'infra/definitions/late.ts'), "import { readFileSync } from 'node:fs';\nexport const late = readFileSync(new URL('../data/settings.yml', import.meta.url), 'utf8');\n");
    definitions('', "await new Promise((resolve) => setTimeout(resolve, 5));\nawait import('./late.js');");
    const result = await generate('infra/data');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('holds infra/data/settings.yml, a file the definitions read');
  });

  it('totem-mon\'s own reads are not the definitions\' (an out/ apart from what they read is fine)', async () => {
    definitions("import { readFileSync } from 'node:fs';", "readFileSync(new URL('../data/settings.yml', import.meta.url), 'utf8');");
    const result = await generate('infra/out');
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(path.join(root, 'infra/out'))).toContain('prometheus');
  });
});

describe('a process or thread the definitions start (round 28): what it is given to run or read', () => {
  // Its own reads are not seen; what it is given is: the script a Worker runs, the program or module
  // spawned, execFile'd or forked, the arguments and the cwd that name a file or folder.
  const STARTS: ReadonlyArray<{ name: string; imports: string; body: string; file: string }> = [
    { name: 'a Worker running a script in out/', imports: "import { Worker } from 'node:worker_threads';", body: "await new Promise((resolve, reject) => { const w = new Worker(new URL('../data/helper.mjs', import.meta.url)); w.once('exit', resolve); w.once('error', reject); });", file: 'helper.mjs' },
    { name: 'a Worker given a file in its argv', imports: "import { Worker } from 'node:worker_threads';", body: "await new Promise((resolve) => { const w = new Worker('process.exit(0)', { eval: true, argv: ['infra/data/settings.yml'] }); w.once('exit', resolve); });", file: 'settings.yml' },
    { name: 'execFileSync of node with a script in out/', imports: "import { execFileSync } from 'node:child_process';\nimport { fileURLToPath } from 'node:url';", body: "execFileSync(process.execPath, [fileURLToPath(new URL('../data/helper.cjs', import.meta.url))]);", file: 'helper.cjs' },
    { name: 'spawnSync with a relative path and a cwd', imports: "import { spawnSync } from 'node:child_process';", body: "spawnSync('cat', ['settings.json'], { cwd: 'infra/data' });", file: 'settings.json' },
    { name: 'fork of a module in out/', imports: "import { fork } from 'node:child_process';", body: "await new Promise((resolve) => fork('infra/data/helper.cjs').once('exit', resolve));", file: 'helper.cjs' },
    { name: 'execSync of a command line naming a file (--flag=path too)', imports: "import { execSync } from 'node:child_process';", body: "execSync('true --config=infra/data/settings.yml \"infra/data/settings.yml\"');", file: 'settings.yml' },
  ];
  it.each(STARTS)('$name', async ({ imports, body, file }) => {
    definitions(imports, body);
    const result = await generate('infra/data');
    expect(result.code, result.stderr).toBe(2);
    // The file, or (given as the process's cwd) out/ itself, named as a folder.
    expect(result.stderr).toMatch(new RegExp(`--out infra/data (holds infra/data/${file.replace('.', '\\.')}, a file|is infra/data, a folder) the definitions read`));
    if (body.includes("cwd: 'infra/data'")) expect(result.stderr).toContain('--out infra/data is infra/data, a folder the definitions read');
    expect(existsSync(path.join(root, 'infra/data/prometheus'))).toBe(false);
    const apart = await generate('infra/out');
    expect(apart.code, apart.stderr).toBe(0);
  });

  it('a process given nothing in out/ (a command without paths, a path elsewhere) does not stop generate', async () => {
    definitions("import { execFileSync, execSync } from 'node:child_process';", "execFileSync(process.execPath, ['--version']);\nexecSync('echo hello > /dev/null');\nexecFileSync('cat', ['infra/shared/base.ts']);");
    const result = await generate('infra/data');
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('the config file\'s reads, and validate (with or without a config)', () => {
  const config = (fields: string, before = '') =>
    writeFileSync(path.join(root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\n${before}\nexport default defineConfig({ ${fields} });\n`);

  it('a file the config reads, in the out/ it names: generate, --check and validate refuse it', async () => {
    config("definitions: 'infra/definitions', out: 'infra/data'", "import { readFileSync } from 'node:fs';\nreadFileSync(new URL('infra/data/settings.yml', import.meta.url));");
    for (const args of [['generate'], ['generate', '--check'], ['validate', '--offline']]) {
      const result = await runCli(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain("out: 'infra/data' (from totem-mon.config.ts) holds infra/data/settings.yml, a file totem-mon.config.ts reads");
    }
    expect(existsSync(path.join(root, 'infra/data/prometheus'))).toBe(false);
  });

  it('a file the definitions read through a function the config imported first (one module of node:fs for both loads)', async () => {
    // The config beside definitions/ (its default): one loader process loads both, in turn.
    writeFileSync(
      path.join(root, 'infra/totem-mon.config.ts'),
      "import { defineConfig } from 'totem-mon';\nimport { readFileSync, readdirSync } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\nvoid readFileSync, readdirSync, readFile;\nexport default defineConfig({ out: 'data' });\n",
    );
    process.chdir(path.join(root, 'infra'));
    for (const [imports, body, what] of [
      ["import { readFileSync } from 'node:fs';", "readFileSync(new URL('../data/settings.yml', import.meta.url));", 'holds data/settings.yml, a file the definitions read'],
      ["import { readFile } from 'node:fs/promises';", "await readFile(new URL('../data/settings.json', import.meta.url));", 'holds data/settings.json, a file the definitions read'],
      ["import { readdirSync } from 'node:fs';", "readdirSync(new URL('../data', import.meta.url));", 'is data, a folder the definitions list'],
    ] as const) {
      definitions(imports, body);
      for (const args of [['generate'], ['validate', '--offline']]) {
        const result = await runCli(args);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toContain(`out: 'data' (from totem-mon.config.ts) ${what}`);
      }
    }
  });

  it('validate without a config judges the out/ generate writes by default (out/ here): a module imported from it, a file read in it', async () => {
    mkdirSync(path.join(root, 'out'));
    cpSync(path.join(root, 'infra/data/settings.yml'), path.join(root, 'out/settings.yml'));
    definitions("import { readFileSync } from 'node:fs';", "readFileSync('out/settings.yml', 'utf8');");
    const read = await runCli(['validate', '--offline', '--definitions', 'infra/definitions']);
    expect(read.code, read.stderr).toBe(2);
    expect(read.stderr).toContain('the default out folder out/ holds out/settings.yml, a file the definitions read');
    // A module the definitions import from it (round 26 judged it only with a config).
    cpSync(path.join(root, 'infra/shared'), path.join(root, 'out/shared'), { recursive: true });
    writeFileSync(path.join(root, 'infra/definitions/index.ts'), GOOD.replace("'../shared/base.js'", "'../../out/shared/base.js'"));
    const imported = await runCli(['validate', '--offline', '--definitions', 'infra/definitions']);
    expect(imported.code, imported.stderr).toBe(2);
    expect(imported.stderr).toContain('the default out folder out/ holds out/shared/base.ts, a file the definitions load');
    // The same definitions, where generate's default out/ is elsewhere (validate from infra/): fine.
    process.chdir(path.join(root, 'infra'));
    const apart = await runCli(['validate', '--offline', '--definitions', 'definitions']);
    expect(apart.code, apart.stderr).toBe(0);
  });
});

describe('the built CLI: fs/promises, loaded only when the definitions use it, is watched however they reach it', () => {
  const WAYS_IN = [
    "import { readFile } from 'node:fs/promises';\nawait readFile('infra/data/settings.yml');",
    "import fs from 'node:fs';\nawait fs.promises.readFile('infra/data/settings.yml');",
    "import { promises } from 'node:fs';\nawait promises.readFile('infra/data/settings.yml');",
    "await (process as any).getBuiltinModule('fs/promises').readFile('infra/data/settings.yml');",
    "import { createRequire } from 'node:module';\nawait createRequire(import.meta.url)('fs/promises').readFile('infra/data/settings.yml');",
  ];
  beforeAll(ensureBuilt, 180_000);

  it.each(WAYS_IN)('%s', async (way) => {
    const [imports, ...body] = way.split('\n');
    definitions(body.length > 0 ? imports! : '', body.length > 0 ? body.join('\n') : imports!);
    const result = await execa(process.execPath, [BIN, 'generate', '--definitions', 'infra/definitions', '--out', 'infra/data'], { cwd: root, reject: false });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain('--out infra/data holds infra/data/settings.yml, a file the definitions read');
    expect(existsSync(path.join(root, 'infra/data/prometheus'))).toBe(false);
  });
});
