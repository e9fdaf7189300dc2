// The bundled CLI (scripts/bundle.mjs) is split so that `generate` and `validate` start the loader
// process before the heavy libraries of the stages are even parsed: what each chunk loads
// statically, and what only on demand, read from the chunks themselves (esbuild writes a
// `// node_modules/<package>/<file>` or `// dist/<file>` line above every module it bundles).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { BUNDLE, ensureBuilt } from '../helpers/built.js';

const DIST = path.join(REPO, 'dist');
const STAGE_LIBRARIES = ['zod', 'yaml', '@grafana/grafana-foundation-sdk', '@prometheus-io/lezer-promql', '@lezer/lr', 'execa'];

const text = (chunk: string): string => readFileSync(path.join(DIST, chunk), 'utf8');
const staticImports = (chunk: string): string[] =>
  [...text(chunk).matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)";|^import\s*"\.\/([^"]+)";/gm)].map((m) => (m[1] ?? m[2])!);
const dynamicImports = (chunk: string): string[] => [...text(chunk).matchAll(/\bimport\("\.\/([^"]+)"\)/g)].map((m) => m[1]!);

/** The chunk and every chunk it loads before it runs. */
function staticClosure(chunk: string): string[] {
  const seen = new Set<string>();
  const pending = [chunk];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...staticImports(next));
  }
  return [...seen];
}

/** Every chunk the entry can ever load, statically or on demand. */
function everyChunk(): string[] {
  const seen = new Set<string>();
  const pending = [path.basename(BUNDLE)];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...staticImports(next), ...dynamicImports(next));
  }
  return [...seen];
}

const packagesIn = (chunks: readonly string[]): Set<string> =>
  new Set(chunks.flatMap((c) => [...text(c).matchAll(/^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)].map((m) => m[1]!)));
const modulesIn = (chunks: readonly string[]): Set<string> => new Set(chunks.flatMap((c) => [...text(c).matchAll(/^\/\/ dist\/(\S+\.js)$/gm)].map((m) => m[1]!)));

/** The chunk that holds one of our modules (`cli/generate.js`). */
function chunkOf(module: string): string {
  const found = everyChunk().filter((c) => modulesIn([c]).has(module));
  expect(found, module).toHaveLength(1);
  return found[0]!;
}

describe('the bundled CLI loads what a step needs when it needs it', () => {
  beforeAll(ensureBuilt, 180_000);

  it('every chunk it can load exists, and together they hold the stages and their libraries', () => {
    const chunks = everyChunk();
    for (const c of chunks) expect(existsSync(path.join(DIST, c)), c).toBe(true);
    const packages = packagesIn(chunks);
    for (const library of STAGE_LIBRARIES) expect(packages, library).toContain(library);
    const modules = modulesIn(chunks);
    for (const module of ['app/stages.js', 'app/validate.js', 'lint/index.js', 'compile/index.js', 'io/load.js', 'io/loader/spawn.js']) expect(modules, module).toContain(module);
  });

  it('starting up (the command line) loads none of the stages or their libraries', () => {
    const atStart = staticClosure(path.basename(BUNDLE));
    const packages = packagesIn(atStart);
    for (const library of STAGE_LIBRARIES) expect(packages, library).not.toContain(library);
    expect(modulesIn(atStart)).not.toContain('app/stages.js');
  });

  for (const command of ['generate', 'validate']) {
    it(`${command} has the loader process in hand before the stages and the report are loaded`, () => {
      const start = staticClosure(chunkOf(`cli/${command}.js`));
      const modules = modulesIn(start);
      expect(modules).toContain('io/load.js');
      expect(modules).toContain('io/loader/spawn.js');
      for (const later of ['app/stages.js', `app/${command}.js`, `cli/${command}-report.js`, 'lint/index.js', 'compile/index.js']) expect(modules, later).not.toContain(later);
      const packages = packagesIn(start);
      for (const library of STAGE_LIBRARIES) expect(packages, library).not.toContain(library);
    });
  }
});
