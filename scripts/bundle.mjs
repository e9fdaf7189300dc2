#!/usr/bin/env node
// The CLI as one file: dist/totem-mon.js, bundled by esbuild from tsc's dist/ (part of `npm run build`).
// Loading some 250 small modules (ours, yaml's and commander's CommonJS, zod, lezer, the Grafana SDK)
// took most of a small project's generate; one file is parsed once, its modules still run lazily
// (dynamic imports stay lazy). It sits directly in dist/, where src/own-files.ts expects it. The
// loader process, its hooks and the API the definitions import stay tsc's separate modules; the
// native parsers stay in node_modules.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The dist/ folder to bundle in (default the repository's; the package test builds into a copy).
const dist = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist');

// Chunks of earlier builds (their names carry a hash of their content).
for (const name of readdirSync(dist)) if (/^totem-mon-.+\.js$/.test(name)) rmSync(path.join(dist, name));

await build({
  // The compile worker (src/app/compile-thread.ts) is an entry of its own, sharing the chunks.
  entryPoints: { 'totem-mon': path.join(dist, 'cli/main.js'), 'totem-mon-compile-worker': path.join(dist, 'app/compile-worker.js') },
  outdir: dist,
  // Dependencies come from the repository's node_modules, wherever dist/ is.
  nodePaths: [path.join(root, 'node_modules')],
  chunkNames: 'totem-mon-[hash]',
  splitting: true,
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['oxc-parser', 'oxc-transform'],
  // CommonJS dependencies require Node's built-in modules; an ES module has no `require` of its own.
  banner: { js: "import { createRequire as __totemMonCreateRequire } from 'node:module';\nconst require = __totemMonCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
