// V8 keeps a script's source in memory as long as it runs: one byte per character when every
// character is Latin-1, two otherwise. scripts/bundle.mjs escapes the rest (esbuild leaves those of
// comments and regular expressions as written), so the bundles' sources stay one byte per character.
// And what they bundle runs as it should once: tslib, below.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/built.js';

describe('the bundles of the build', () => {
  beforeAll(ensureBuilt, 180_000);

  it.each([['totem-mon.cjs'], ['totem-mon-compile-worker.cjs']])('%s holds only Latin-1 characters', (name) => {
    const text = readFileSync(path.join(REPO, 'dist', name), 'utf8');
    const beyond = [...text.matchAll(/[^\u0000-\u00ff]/g)].slice(0, 5).map((m) => JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 10)));
    expect(beyond).toEqual([]);
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
