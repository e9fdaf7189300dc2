/**
 * The built loader process runs its modules and the API as one bundle from a V8 code cache
 * (src/io/loader/boot.cts, loader-bundle.cts; scripts/bundle.mjs), where from src/ child.ts imports
 * them as modules. Both must be the same loader: for every fixture, the same messages (projects,
 * call sites with their builders, markers, errors and their positions), the same output and
 * progress, the same exit. And the cache must be one V8 takes under the loader's own flags (else
 * every run quietly compiles the bundle again); one refused, or none, only costs time.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOADER_NODE_FLAGS } from '../../src/io/loader/spawn.js';
import { FIXTURES, REPO, tempDir } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/built.js';

const DIST = path.join(REPO, 'dist');
const FLAGS = LOADER_NODE_FLAGS;

/** dist/ copied elsewhere (as a package built on another machine is installed), with the repository's dependencies beside it. */
function copiedDist(): string {
  const root = tempDir();
  cpSync(DIST, path.join(root, 'dist'), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return path.join(root, 'dist');
}

interface Run {
  messages: unknown[];
  stdout: string;
  stderr: string;
  progress: string;
  code: number | null;
}

/** The loader process started with `entry` (boot.cjs or child.js of `dist`), as spawn.ts starts one, loading `dir`. */
function runLoader(entry: string, dir: string, dist = DIST): Promise<Run> {
  const request = { loads: [{ entry: path.join(dir, 'index.ts'), dir }], selfEntry: pathToFileURL(path.join(dist, 'index.js')).href };
  const child = spawn(process.execPath, [...FLAGS, path.join(dist, 'io/loader', entry), JSON.stringify(request)], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const run: Run = { messages: [], stdout: '', stderr: '', progress: '', code: null };
  child.on('message', (message) => run.messages.push(message));
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (run.stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (run.stderr += text));
  (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (text: string) => (run.progress += text));
  return new Promise((resolve) => child.on('close', (code) => resolve({ ...run, code })));
}

describe('the built loader process (its bundle, from the code cache)', () => {
  beforeAll(ensureBuilt, 180_000);

  it('hands over what child.ts does: the same messages, output, progress and exit, for every fixture', async () => {
    const missing = path.join(tempDir(), 'definitions');
    mkdirSync(missing);
    writeFileSync(path.join(missing, 'index.ts'), "import 'no-such-package';\nexport default { kind: 'project' };\n");
    // synth() in a definition: the use cases are dist/'s own modules, imported when it is called.
    const synthesised = path.join(tempDir(), 'definitions');
    mkdirSync(synthesised);
    writeFileSync(
      path.join(synthesised, 'index.ts'),
      "import { synth } from 'totem-mon';\nimport { project } from '" + path.join(FIXTURES, 'loader/base.js') + "';\n" +
        'const result = await synth(project);\nexport default { ...project, synthesised: Object.keys(result.files).sort() };\n',
    );
    const dirs = ['good', 'positions', 'late-import', 'module-graph', 'meta-resolve', 'throws', 'unsettled', 'stdout', 'exit-zero', 'exit-in-import', 'exit-in-timer', 'really-exit']
      .map((name) => path.join(FIXTURES, 'loader', name))
      .concat(missing, synthesised);
    for (const dir of dirs) {
      const [bundled, modules] = await Promise.all([runLoader('boot.cjs', dir), runLoader('child.js', dir)]);
      // Each replies, or its definitions ran and ended the process without one (process.reallyExit, an unsettled top-level await).
      expect(bundled.messages.length > 0 || bundled.progress.startsWith('0 file:'), dir).toBe(true);
      expect(bundled, dir).toEqual(modules);
    }
    // A package resolved by import.meta.resolve alone: Node's resolver is loaded before the module runs.
    const metaResolve = (await runLoader('boot.cjs', path.join(FIXTURES, 'loader/meta-resolve'))).messages.at(-1) as { project: { resolved: string } };
    expect(metaResolve.project.resolved).toBe(pathToFileURL(path.join(REPO, 'node_modules/yaml/dist/index.js')).href);
    const synthesisedFiles = ((await runLoader('boot.cjs', synthesised)).messages.at(-1) as { project: { synthesised: string[] } }).project.synthesised;
    expect(synthesisedFiles.length).toBeGreaterThan(0);
    // The fixtures' builder calls were seen, and each named its builder: the bundle's functions keep their names.
    const positions = (await runLoader('boot.cjs', path.join(FIXTURES, 'loader/positions'))).messages.at(-1) as { sites: Array<{ builder?: string }> };
    expect(positions.sites.length).toBeGreaterThan(0);
    expect(positions.sites.every((site) => site.builder !== undefined)).toBe(true);
  }, 120_000);

  it('hands over the same from a copy of the build: the cache V8 takes there names the folder it was made in', async () => {
    const positions = path.join(FIXTURES, 'loader/positions');
    const [copied, own] = await Promise.all([runLoader('boot.cjs', positions, copiedDist()), runLoader('child.js', positions)]);
    expect(copied).toEqual(own);
  });

  it('has the API of dist/index.js: the same exports, each function named as there', async () => {
    const script = [
      `const { compileLoaderBundle, loadLoaderBundle } = await import(${JSON.stringify(path.join(DIST, 'io/loader/loader-bundle.cjs'))});`,
      `const bundle = ${JSON.stringify(path.join(DIST, 'totem-mon-loader.cjs'))};`,
      'const { api } = loadLoaderBundle(compileLoaderBundle(bundle).script, bundle);',
      `const own = await import(${JSON.stringify(pathToFileURL(path.join(DIST, 'index.js')).href)});`,
      'const shape = (ns) => Object.keys(ns).sort().map((name) => [name, typeof ns[name], ns[name]?.name]);',
      'console.log(JSON.stringify({ bundled: shape(api), own: shape(own) }));',
    ].join('\n');
    const run = await execa(process.execPath, [...FLAGS, '--input-type=module', '-e', script], { reject: false, timeout: 60_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    const { bundled, own } = JSON.parse(run.stdout) as { bundled: unknown[]; own: unknown[] };
    expect(own.length).toBeGreaterThan(20);
    expect(bundled).toEqual(own);
  });

  it('has a code cache the build made that V8 accepts under the loader flags; one refused, or none, still loads', async () => {
    const corrupt = path.join(tempDir(), 'corrupt.cache');
    writeFileSync(corrupt, Buffer.alloc(4096, 7));
    const status = async (cacheFile?: string) => {
      const script = [
        `const { compileLoaderBundle } = await import(${JSON.stringify(path.join(DIST, 'io/loader/loader-bundle.cjs'))});`,
        `console.log(compileLoaderBundle(${JSON.stringify(path.join(DIST, 'totem-mon-loader.cjs'))}${cacheFile ? `, ${JSON.stringify(cacheFile)}` : ''}).cache);`,
      ].join('\n');
      const run = await execa(process.execPath, [...FLAGS, '--input-type=module', '-e', script], { reject: false, timeout: 60_000 });
      expect(run.exitCode, run.stderr).toBe(0);
      return run.stdout.trim();
    };
    expect(await status()).toBe('accepted');
    expect(await status(corrupt)).toBe('rejected');
    expect(await status(path.join(tempDir(), 'missing.cache'))).toBe('none');
  });
});
