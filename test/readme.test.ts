import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/cli.js';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../src/lint/index.js';

// The README is the newcomer's manual: it must stay true as checks are added.
const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');

describe('README', () => {
  it.each([...CHECKS, ...COVERAGE_CHECKS].map((c) => [c.id, c.severity] as const))('lists check %s with severity %s', (id, severity) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${id}\``));
    expect(row, `README's check table has no row for ${id}`).toBeDefined();
    expect(row).toContain(`| ${severity}`);
  });

  it.each(OFFLINE_TEST_CHECKS.map((c) => c.id))('mentions %s', (id) => {
    expect(readme).toContain(id);
  });

  it('gives the two commands that set up a fresh machine', () => {
    expect(readme).toContain('npm ci && npx totem-mon generate');
    expect(readme).toContain('npm test');
  });

  it('holds benchmark figures', () => {
    const table = readme.slice(readme.indexOf('<!-- bench:start -->'), readme.indexOf('<!-- bench:end -->'));
    expect(table).toMatch(/\| large \| 10,000 \|/);
  });
});
