// V8 keeps a script's source in memory as long as it runs: one byte per character when every
// character is Latin-1, two otherwise; and Node reads the file as UTF-8 faster when it is ASCII
// alone (the CLI's ~5 MB at each start: ~9 ms against ~13 ms). scripts/bundle.mjs escapes every
// other character (esbuild leaves those of comments and regular expressions as written), so the
// bundles are ASCII. And what they bundle runs as it should once (tslib), or not at all when
// nothing uses it (zod's locales), below.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/built.js';

describe('the bundles of the build', () => {
  beforeAll(ensureBuilt, 180_000);

  it.each([['totem-mon.cjs'], ['totem-mon-compile-worker.cjs'], ['totem-mon-loader.cjs']])('%s holds only ASCII characters', (name) => {
    const text = readFileSync(path.join(REPO, 'dist', name), 'utf8');
    const beyond = [...text.matchAll(/[^\u0000-\u007f]/g)].slice(0, 5).map((m) => JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 10)));
    expect(beyond).toEqual([]);
  });

  // zod's entries re-export all its 64 locales (~550 KB, run at every start); totem-mon's messages
  // are zod's default English, configured from locales/en.js, which stays.
  it('the CLI bundles zod with its English locale alone', () => {
    const text = readFileSync(path.join(REPO, 'dist', 'totem-mon.cjs'), 'utf8');
    const locales = [...new Set([...text.matchAll(/node_modules\/zod\/v4\/locales\/([\w-]+)\.js/g)].map((m) => m[1]))];
    expect(locales).toEqual(['en']);
  });

  // The Grafana SDK's CommonJS files each require tslib: its CommonJS build, run once (a module of
  // the bundle), not its ES module build copied into a fresh object at every require (scripts/bundle.mjs).
  it.each([['totem-mon.cjs'], ['totem-mon-compile-worker.cjs']])('%s runs tslib once, as CommonJS', (name) => {
    const text = readFileSync(path.join(REPO, 'dist', name), 'utf8');
    expect(text).toContain('@grafana/grafana-foundation-sdk');
    expect(text).not.toMatch(/__toCommonJS\(tslib/);
    expect(text.match(/var require_tslib = __commonJS\(/g)).toHaveLength(1);
  });
});
