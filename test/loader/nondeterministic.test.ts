/**
 * definitions/nondeterministic: calls the definitions make to the clock or to chance while they load
 * are reported at their line (src/io/loader/nondeterminism.ts); fixed values, process.env and
 * totem-mon's own calls are not; the functions are themselves again once the load is done.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { generate, goodCopy } from '../helpers/output.js';

/** A good copy whose index.ts starts with these lines (line 1 is the first). */
function startingWith(lines: string[]): string {
  const definitions = goodCopy();
  const index = path.join(definitions, 'index.ts');
  writeFileSync(index, `${lines.join('\n')}\n${readFileSync(index, 'utf8')}`);
  return definitions;
}

const NONDETERMINISTIC = /warning \[definitions\/nondeterministic\] ([^\s:]+:\d+)[^\n]*?: (.+?) returns another value on every run/g;

function reported(stderr: string): string[] {
  return [...stderr.matchAll(NONDETERMINISTIC)].map((m) => `${m[1]} ${m[2]}`);
}

describe('definitions/nondeterministic', () => {
  it('reports each call to the clock or chance at its line, with a hint', async () => {
    const definitions = startingWith([
      "import { randomBytes as bytes, randomUUID as uuid } from 'node:crypto';",
      'const stamp = Date.now();',
      'const when = new Date();',
      'const coin = Math.random();',
      'const id = crypto.randomUUID();',
      'const tick = performance.now();',
      'const nanos = process.hrtime.bigint();',
      'const pair = process.hrtime();',
      "const salt = bytes(4).toString('hex');",
      'const other = uuid();',
      'const text = Date();',
      'void [stamp, when, coin, id, tick, nanos, pair, salt, other, text];',
    ]);
    const out = path.join(tempDir(), 'out');
    const result = await generate(definitions, out);
    expect(result.code, result.stderr).toBe(0);
    expect(reported(result.stderr)).toEqual([
      'good/index.ts:2 Date.now()',
      'good/index.ts:3 new Date()',
      'good/index.ts:4 Math.random()',
      'good/index.ts:5 crypto.randomUUID()',
      'good/index.ts:6 performance.now()',
      'good/index.ts:7 process.hrtime.bigint()',
      'good/index.ts:8 process.hrtime()',
      'good/index.ts:9 crypto.randomBytes()',
      'good/index.ts:10 crypto.randomUUID()',
      'good/index.ts:11 Date()',
    ]);
    expect(result.stderr).toContain('new Date() returns another value on every run');
    expect(result.stderr).toContain('hint: use a fixed value, or read it from an environment variable (process.env)');
  });

  it('a call in a loop is one finding; a call in a module the definitions import is at that module\'s line', async () => {
    const definitions = startingWith([
      "import { suffix } from './suffix.js';",
      'for (let i = 0; i < 5000; i++) Math.random();',
      'void suffix;',
    ]);
    writeFileSync(path.join(definitions, 'suffix.ts'), "// a helper\nexport const suffix: string = String(Date.now());\n");
    const result = await generate(definitions, path.join(tempDir(), 'out'));
    expect(reported(result.stderr)).toEqual(['good/index.ts:2 Math.random()', 'good/suffix.ts:2 Date.now()']);
  });

  it('stays quiet on fixed dates, process.env, and definitions that use neither', async () => {
    const definitions = startingWith([
      "const epoch = new Date(0).toISOString() + new Date('2026-01-01').getTime() + Date.UTC(2026, 0, 1);",
      "const release = process.env.RELEASE ?? 'dev';",
      'void [epoch, release];',
    ]);
    const result = await generate(definitions, path.join(tempDir(), 'out'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('definitions/nondeterministic');
  });

  it('can be turned off project-wide', async () => {
    const definitions = startingWith(['const stamp = Date.now();', 'void stamp;']);
    const index = path.join(definitions, 'index.ts');
    writeFileSync(index, readFileSync(index, 'utf8').replace('ruleGroups: [alerts, records],', "ruleGroups: [alerts, records],\n  lint: { checks: { 'definitions/nondeterministic': 'off' } },"));
    const result = await generate(definitions, path.join(tempDir(), 'out'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('definitions/nondeterministic');
  });

  it('Date, instanceof and the clock behave as without the watch', async () => {
    const definitions = startingWith([
      'const d = new Date(5);',
      "if (!(d instanceof Date) || d.getTime() !== 5 || Object.prototype.toString.call(d) !== '[object Date]') throw new Error('Date changed');",
      "if (typeof Date.now() !== 'number' || Date.UTC(1970, 0, 1) !== 0 || Date.prototype.constructor !== Date.prototype.constructor) throw new Error('Date changed');",
      "class Stamp extends Date {}",
      "if (!(new Stamp(1) instanceof Stamp) || new Stamp(1).getTime() !== 1) throw new Error('subclass changed');",
    ]);
    const result = await generate(definitions, path.join(tempDir(), 'out'));
    expect(result.code, result.stderr).toBe(0);
    expect(reported(result.stderr)).toEqual(['good/index.ts:3 Date.now()']);
  });
});

describe('two loads in one process (the config, then the definitions)', () => {
  it('a function the first load imported by name (one module of each builtin for both loads) is watched for the second', async () => {
    // The config takes named exports of node:crypto, node:process and node:perf_hooks while its
    // load is watched; the loader keeps each builtin's module once, so the definitions' imports of
    // the same names are the values the config's load linked.
    const definitions = startingWith([
      "import { randomUUID, randomBytes } from 'node:crypto';",
      "import { hrtime, uptime } from 'node:process';",
      "import { performance as perf } from 'node:perf_hooks';",
      'const id = randomUUID();',
      'const salt = randomBytes(2);',
      'const pair = hrtime();',
      'const up = uptime();',
      'const tick = perf.now();',
      'void [id, salt, pair, up, tick];',
    ]);
    // The config beside definitions/ (its default): one loader process loads both, in turn.
    const root = path.dirname(definitions);
    renameSync(definitions, path.join(root, 'definitions'));
    writeFileSync(
      path.join(root, 'totem-mon.config.ts'),
      "import { defineConfig } from 'totem-mon';\nimport { randomUUID, randomBytes, randomInt } from 'node:crypto';\nimport { hrtime, uptime } from 'node:process';\nimport { performance } from 'node:perf_hooks';\nvoid [randomUUID, randomBytes, randomInt, hrtime, uptime, performance];\nexport default defineConfig({ out: 'out' });\n",
    );
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const result = await runCli(['generate']);
      expect(result.code, result.stderr).toBe(0);
      expect(reported(result.stderr)).toEqual([
        'definitions/index.ts:4 crypto.randomUUID()',
        'definitions/index.ts:5 crypto.randomBytes()',
        'definitions/index.ts:6 process.hrtime()',
        'definitions/index.ts:7 process.uptime()',
        'definitions/index.ts:8 performance.now()',
      ]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('the watch in the loader process', () => {
  it('puts every function back when it stops, and notes nothing of totem-mon\'s own calls', async () => {
    const { watchNondeterminism } = await import('../../src/io/loader/nondeterminism.js');
    const before = [Date, Date.now, Math.random, performance.now, process.hrtime, process.hrtime.bigint, crypto.randomUUID];
    const watch = watchNondeterminism({ own: () => true, locate: (file, line, column) => ({ file, line, column }) });
    expect(Date).not.toBe(before[0]);
    Date.now();
    Math.random();
    new Date();
    expect(watch.stop()).toEqual([]); // every caller here counts as own
    expect([Date, Date.now, Math.random, performance.now, process.hrtime, process.hrtime.bigint, crypto.randomUUID]).toEqual(before);
    expect(Object.prototype.hasOwnProperty.call(crypto, 'randomUUID')).toBe(false);
    mkdirSync(tempDir(), { recursive: true });
  });

  it('a function one watch made, kept and called during the next watch, notes to the next one; after both, nothing is noted and the originals are back', async () => {
    const { watchNondeterminism } = await import('../../src/io/loader/nondeterminism.js');
    const options = { own: (file: string) => !file.endsWith('nondeterministic.test.ts'), locate: (file: string, line: number, column: number) => ({ file: path.basename(file), line, column }) };
    const nodeCrypto = await import('node:crypto');
    const originals = { uuid: nodeCrypto.randomUUID, random: Math.random, hrtime: process.hrtime, Date };
    const first = watchNondeterminism(options);
    // What a module evaluated during the first load keeps (a named import linked then, a global taken into a variable).
    const kept = { uuid: (await import('node:crypto')).randomUUID, random: Math.random, hrtime: process.hrtime, KeptDate: Date };
    expect(kept.uuid).not.toBe(originals.uuid);
    expect(first.stop()).toEqual([]);
    const second = watchNondeterminism(options);
    kept.uuid();
    kept.random();
    kept.hrtime();
    new kept.KeptDate();
    const uses = second.stop();
    expect(uses.map((use) => use.api)).toEqual(['crypto.randomUUID()', 'Math.random()', 'process.hrtime()', 'new Date()']);
    expect(uses.every((use) => use.source.file === 'nondeterministic.test.ts')).toBe(true);
    // No watch under way: a kept function notes nothing (a third watch started later sees only its own calls).
    kept.random();
    const third = watchNondeterminism(options);
    expect(third.stop()).toEqual([]);
    expect({ uuid: (await import('node:crypto')).randomUUID, random: Math.random, hrtime: process.hrtime, Date }).toEqual(originals);
  });

  it('notes a call from a file that is not totem-mon\'s', async () => {
    const { watchNondeterminism } = await import('../../src/io/loader/nondeterminism.js');
    const watch = watchNondeterminism({ own: (file) => !file.endsWith('nondeterministic.test.ts'), locate: (file, line, column) => ({ file: path.basename(file), line, column }) });
    Math.random();
    const uses = watch.stop();
    expect(uses).toEqual([{ api: 'Math.random()', source: expect.objectContaining({ file: 'nondeterministic.test.ts' }) }]);
  });
});
