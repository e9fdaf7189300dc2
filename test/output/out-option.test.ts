/**
 * Issue 13, `--out` that would put generated files among the user's own: an empty value (the current
 * folder), the definitions folder or one of its ancestors, a repository root. Usage errors, exit 2.
 * Round 25: also a folder inside the definitions folder, in any spelling (through links too), from
 * a flag or the config, for generate and generate --check (and validate, for a config's folders);
 * import and init never write into a folder totem-mon generated.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

let root = '';
const cwd = process.cwd();

beforeEach(() => {
  // A small repository: <root>/.git, <root>/infra/definitions (+ shared/), run from <root>.
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  cpSync(path.join(FIXTURES, 'shared'), path.join(root, 'infra/shared'), { recursive: true });
  cpSync(path.join(FIXTURES, 'good'), path.join(root, 'infra/definitions'), { recursive: true });
  process.chdir(root);
});

afterEach(() => process.chdir(cwd));

async function generateInto(out: string, ...extra: string[]) {
  return runCli(['generate', '--definitions', 'infra/definitions', '--out', out, ...extra]);
}

function untouched(): void {
  expect(existsSync(path.join(root, 'prometheus'))).toBe(false);
  expect(readdirSync(path.join(root, 'infra/definitions'))).toEqual(['index.ts']);
  expect(existsSync(path.join(root, 'infra/prometheus'))).toBe(false);
}

describe('--out is refused (exit 2) when it', () => {
  it('is empty', async () => {
    const result = await generateInto('');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('totem-mon: --out is empty');
    expect(result.stderr).toContain('hint:');
    untouched();
  });

  it('is the definitions folder', async () => {
    const result = await generateInto('infra/definitions');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out infra/definitions is the definitions folder');
    untouched();
  });

  it('is an ancestor of the definitions folder (also with --check)', async () => {
    for (const extra of [[], ['--check']]) {
      const result = await generateInto('infra', ...extra);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--out infra contains the definitions folder');
    }
    untouched();
  });

  it('is a repository root (a folder with .git)', async () => {
    mkdirSync(path.join(root, 'other/.git'), { recursive: true });
    const result = await generateInto('other');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out other is the root of a repository');
    expect(readdirSync(path.join(root, 'other'))).toEqual(['.git']);
  });

  it('but a plain folder next to the definitions is fine', async () => {
    const result = await generateInto('infra/out');
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('round 25: out/ inside the definitions folder is refused (exit 2), naming the setting', () => {
  for (const out of ['infra/definitions/metrics', 'infra/definitions/metrics/', './infra/../infra/definitions/gen', `ABSOLUTE/infra/definitions/gen`]) {
    it(`generate and generate --check: --out ${out}`, async () => {
      const spelled = out.replace('ABSOLUTE', root);
      for (const extra of [[], ['--check']]) {
        const result = await generateInto(spelled, ...extra);
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(`totem-mon: --out ${spelled} is inside the definitions folder (--definitions infra/definitions)`);
        expect(result.stderr).toContain('hint: give --out a folder of its own');
      }
      untouched();
    });
  }

  it('through a link beside the definitions that points into them', async () => {
    symlinkSync(path.join(root, 'infra/definitions'), path.join(root, 'infra/gen'));
    const result = await generateInto('infra/gen/out');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--out infra/gen/out is inside the definitions folder');
    untouched();
  });

  it('from totem-mon.config.ts (relative to it): the message names the config, for generate, --check and validate', async () => {
    writeFileSync(path.join(root, 'totem-mon.config.ts'), "import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({ definitions: 'infra/definitions', out: 'infra/definitions/out' });\n");
    for (const args of [['generate'], ['generate', '--check'], ['validate', '--offline']]) {
      const result = await runCli(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain("out: 'infra/definitions/out' (from totem-mon.config.ts) is inside the definitions folder (definitions: 'infra/definitions' (from totem-mon.config.ts))");
      expect(result.stderr).toContain('hint: set out in totem-mon.config.ts to a folder of its own');
    }
    untouched();
  });

  it('the default out/ inside the definitions folder a flag names', async () => {
    const result = await runCli(['generate', '--definitions', '.']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('the default out folder out/ is inside the definitions folder (--definitions .)');
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('but a folder whose name only starts like the definitions folder is fine', async () => {
    const result = await generateInto('infra/definitions-out');
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('round 25: import and init never write into a folder totem-mon generated', () => {
  beforeEach(async () => {
    expect((await generateInto('infra/out')).code).toBe(0);
  });
  const manifest = () => readFileSync(path.join(root, 'infra/out/.totem-mon-manifest.json'), 'utf8');

  it('import --into the output folder, or a folder inside it (also --dry-run): exit 2, nothing written', async () => {
    const rules = path.join(root, 'rules.yml');
    writeFileSync(rules, 'groups:\n  - name: g\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n');
    const before = readdirSync(path.join(root, 'infra/out')).sort();
    for (const into of ['infra/out', 'infra/out/definitions', './infra/out/', path.join(root, 'infra/out/new/deeper')]) {
      for (const extra of [[], ['--dry-run']]) {
        const result = await runCli(['import', rules, '--into', into, ...extra]);
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(`--into ${into} is`);
        expect(result.stderr).toMatch(/--into \S+ (is|is inside infra\/out,) a folder totem-mon generates \(it holds \.totem-mon-manifest\.json\)/);
      }
    }
    expect(readdirSync(path.join(root, 'infra/out')).sort()).toEqual(before);
    expect(manifest()).toContain('"generator": "totem-mon"');
  });

  it('init in the output folder or below it: exit 2, nothing written', async () => {
    const before = readdirSync(path.join(root, 'infra/out')).sort();
    for (const dir of ['infra/out', 'infra/out/project']) {
      const result = await runCli(['init', dir]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('a folder totem-mon generates');
    }
    expect(readdirSync(path.join(root, 'infra/out')).sort()).toEqual(before);
  });
});

describe('round 26: out/ never holds the templates, the config or a file the definitions import (exit 2, nothing written)', () => {
  it('the notification templates folder, or a folder inside it, for generate and --check (whether it exists yet or not)', async () => {
    for (const exists of [false, true]) {
      if (exists) {
        mkdirSync(path.join(root, 'infra/templates'));
        writeFileSync(path.join(root, 'infra/templates/shop.tmpl'), '{{ define "shop" }}shop{{ end }}\n');
      }
      for (const out of ['infra/templates', 'infra/templates/out', './infra/definitions/../templates/']) {
        for (const extra of [[], ['--check']]) {
          const result = await generateInto(out, ...extra);
          expect(result.code, result.stderr).toBe(2);
          expect(result.stderr).toMatch(new RegExp(`--out ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (is|is inside) the notification templates folder \\(templates/ beside the definitions folder --definitions infra/definitions\\)`));
          expect(result.stderr).toContain('hint: give --out a folder of its own');
        }
      }
      if (exists) expect(readdirSync(path.join(root, 'infra/templates'))).toEqual(['shop.tmpl']);
      else expect(existsSync(path.join(root, 'infra/templates'))).toBe(false);
    }
    untouched();
  });

  it('a folder holding a module the definitions import from outside their folder (../shared/base.ts), for generate, --check and validate', async () => {
    const shared = () => readdirSync(path.join(root, 'infra/shared')).sort();
    const before = shared();
    for (const out of ['infra/shared', 'infra/shared/', path.join(root, 'infra/shared')]) {
      for (const extra of [[], ['--check']]) {
        const result = await generateInto(out, ...extra);
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(`--out ${out} holds infra/shared/base.ts, a file the definitions load`);
      }
    }
    symlinkSync(path.join(root, 'infra/shared'), path.join(root, 'shared-link'));
    expect((await generateInto('shared-link')).code).toBe(2);
    writeFileSync(path.join(root, 'totem-mon.config.ts'), "import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({ definitions: 'infra/definitions', out: 'infra/shared' });\n");
    for (const args of [['generate'], ['generate', '--check'], ['validate', '--offline']]) {
      const result = await runCli(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain("out: 'infra/shared' (from totem-mon.config.ts) holds infra/shared/base.ts, a file the definitions load");
    }
    expect(shared()).toEqual(before);
    untouched();
  });

  it('the folder of the config file (--config)', async () => {
    mkdirSync(path.join(root, 'infra/conf'));
    writeFileSync(path.join(root, 'infra/conf/totem-mon.config.ts'), "import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({ definitions: '../definitions', out: '.' });\n");
    for (const args of [['generate', '--config', 'infra/conf/totem-mon.config.ts'], ['generate', '--config', 'infra/conf/totem-mon.config.ts', '--out', 'infra/conf']]) {
      const result = await runCli(args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('holds the config file infra/conf/totem-mon.config.ts');
    }
    expect(readdirSync(path.join(root, 'infra/conf'))).toEqual(['totem-mon.config.ts']);
  });

  it('but out/ beside all of them is fine', async () => {
    const result = await generateInto('infra/out');
    expect(result.code, result.stderr).toBe(0);
  });
});
