import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { CHECK_IDS, checkDocs } from '../../src/check-ids.js';

// Every check has a page docs/checks/<area>/<name>.md in one format (PROTOCOL, issue #14), every
// page belongs to a check, and the README's checks table has a row for each.
const SECTIONS = ['## What it catches', '## Why it matters', '## Bad', '## Good', '## How to silence'];
const pagesDir = path.join(REPO, 'docs/checks');
const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');

function pages(): string[] {
  return readdirSync(pagesDir, { withFileTypes: true }).flatMap((area) =>
    area.isDirectory()
      ? readdirSync(path.join(pagesDir, area.name))
          .filter((f) => f.endsWith('.md'))
          .map((f) => `${area.name}/${f.slice(0, -'.md'.length)}`)
      : [`${area.name}`],
  );
}

/** The text of one `## Section`, up to the next one. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = page.slice(start + heading.length + 2);
  const next = rest.search(/^## /m);
  return (next < 0 ? rest : rest.slice(0, next)).trim();
}

describe('check pages', () => {
  it('every page belongs to a check', () => {
    expect(pages().filter((p) => !(CHECK_IDS as readonly string[]).includes(p))).toEqual([]);
  });

  describe.each([...CHECK_IDS])('%s', (id) => {
    const file = path.join(REPO, checkDocs(id));
    const page = existsSync(file) ? readFileSync(file, 'utf8') : '';

    it(`has a page ${checkDocs(id)}`, () => {
      expect(page, `write ${checkDocs(id)} (see an existing page for the format)`).not.toBe('');
    });

    it('starts with its id and a one-line summary', () => {
      const [title, blank, summary, after] = page.split('\n');
      expect(title).toBe(`# ${id}`);
      expect(blank).toBe('');
      expect(summary?.trim()).not.toBe('');
      expect(after).toBe('');
    });

    it('has every section, in order, none empty', () => {
      const at = SECTIONS.map((h) => page.indexOf(`\n${h}\n`));
      expect(at.every((i) => i > 0), `sections: ${SECTIONS.join(', ')}`).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      for (const h of SECTIONS) expect(section(page, h), h).not.toBe('');
    });

    it('shows a bad and a good TypeScript definition', () => {
      expect(section(page, '## Bad')).toMatch(/^```ts\n[\s\S]+\n```/);
      expect(section(page, '## Good')).toMatch(/^```ts\n[\s\S]+\n```/);
    });

    it('says how to silence it, project-wide and (where it can be) on one definition', () => {
      const silence = section(page, '## How to silence');
      expect(silence).toContain(`lint: { checks: { '${id}': 'off' } }`);
      // Not on a definition: the stale ignore itself, and a call made while the definitions load.
      if (id !== 'lint/stale-ignore' && id !== 'definitions/nondeterministic') expect(silence).toContain(`ignore: { '${id}': '`);
    });

    it('has a row in the README checks table', () => {
      expect(readme.split('\n').some((line) => line.startsWith(`| \`${id}\``))).toBe(true);
    });
  });
});
