import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { API_DOCS, renderApiDocs } from '../../scripts/api-docs.mjs';
import * as api from '../../src/index.js';

// docs/api.md is generated from the declarations (`npm run docs:api`): a change to the public API
// without regenerating it fails here, in CI as locally.
describe('docs/api.md', () => {
  const rendered = renderApiDocs();

  it('is up to date with the declarations (run `npm run docs:api`)', () => {
    expect(readFileSync(path.join(REPO, API_DOCS), 'utf8')).toBe(rendered);
  });

  it('documents every runtime export of totem-mon', () => {
    const missing = Object.keys(api).filter((name) => !rendered.includes(`\n### ${name}\n`));
    expect(missing).toEqual([]);
  });

  it('is the same on every machine: no absolute path, not today’s date', () => {
    expect(rendered).not.toContain(REPO);
    expect(rendered).not.toContain(new Date().toISOString().slice(0, 10));
  });
}, 120_000);
