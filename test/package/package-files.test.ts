/**
 * Issue 20: what the npm package holds, and whether its documents' links work from the npm page.
 * `npm pack --dry-run` lists no test, fixture, benchmark or Totem file (Totem's definitions,
 * templates, config and output stay in this repository); every link of the README and of the shipped
 * docs is an anchor that exists, a shipped file, or an absolute link (into this repository: to a
 * file that exists).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  homepage?: string;
  repository?: { type: string; url: string };
  bugs?: { url: string };
};
const repository = (pkg.repository?.url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');

let shipped: string[] = [];

beforeAll(async () => {
  const { stdout } = await execa('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], { cwd: REPO, env: { npm_config_update_notifier: 'false' } });
  shipped = (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path).sort();
}, 60_000);

describe('the npm package', () => {
  it('names its repository, home page and issue tracker', () => {
    expect(repository).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(pkg.homepage).toBe(`${repository}#readme`);
    expect(pkg.bugs?.url).toBe(`${repository}/issues`);
  });

  it('ships the CLI, the scaffold, the user docs and the changelog', () => {
    for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'bin/totem-mon.js', 'bin/package.json', 'bin/run-bundle.js', 'dist/code-cache.cjs', 'bin/run-compile-worker.cjs', 'dist/totem-mon.cjs', 'dist/totem-mon.cjs.cache', 'dist/totem-mon-compile-worker.cjs', 'dist/totem-mon-compile-worker.cjs.cache', 'dist/totem-mon-loader.cjs', 'dist/totem-mon-loader.cjs.cache', 'dist/io/loader/boot.cjs', 'scaffold/definitions/index.ts', 'scaffold/gitignore', 'scaffold/github/workflows/monitoring.yml', 'docs/checks/promql/unknown-metric.md']) {
      expect(shipped, file).toContain(file);
    }
  });

  it('holds no test, fixture, benchmark, script or source file', () => {
    const unwanted = shipped.filter((f) => /^(test|bench|scripts|src|\.ci)\//.test(f) || /fixture|__golden__|\.test\.[jt]s$/.test(f));
    expect(unwanted).toEqual([]);
  });

  it("holds none of Totem's files: its definitions, templates, config, output or the e2e notes about them", () => {
    const totem = shipped.filter((f) => /^(definitions|templates|out)\//.test(f) || f === 'totem-mon.config.ts' || f === 'docs/e2e.md' || /totem(?!-mon)/i.test(f));
    expect(totem).toEqual([]);
  });
});

describe("the README's Use it walkthrough", () => {
  it('gives, in order, the commands the package test (test/e2e/package.test.ts) runs on the installed tarball', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const useIt = readme.slice(readme.indexOf('## Use it'), readme.indexOf('\n## ', readme.indexOf('## Use it') + 1));
    for (const section of ['### Install', '### Start a repository: init', '### The commands', '### In CI', '### Upgrading']) expect(useIt).toContain(section);
    const block = /### Start a repository: init\n\n```sh\n([\s\S]*?)```/.exec(useIt)?.[1] ?? '';
    const commands = block.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npx totem-mon init monitoring', 'cd monitoring', 'npm install', 'npx totem-mon generate', 'npx totem-mon validate']);
    expect(readme.indexOf('## Develop it')).toBeGreaterThan(readme.indexOf('## Use it'));
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes; repeats get -1, -2. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of withoutCode(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .replace(/`/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    result.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return result;
}

/** The text without fenced code blocks and inline code, where brackets are not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

function links(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

describe('links from the npm page', () => {
  const documents = () => ['README.md', ...shipped.filter((f) => f.endsWith('.md') && f !== 'README.md')];

  it('the README has links of each kind to check', () => {
    const readme = links(readFileSync(path.join(REPO, 'README.md'), 'utf8'));
    expect(readme.some((l) => l.startsWith('#'))).toBe(true);
    expect(readme.some((l) => l.startsWith(`${repository}/`))).toBe(true);
    expect(readme.some((l) => !/^(#|https?:)/.test(l))).toBe(true);
  });

  it('every link is an existing anchor, a shipped file or an absolute URL (into this repository: an existing file)', () => {
    const broken: string[] = [];
    for (const doc of documents()) {
      const text = readFileSync(path.join(REPO, doc), 'utf8');
      for (const link of links(text)) {
        const [target = '', anchor] = link.split('#');
        if (/^(https?|mailto):/.test(link)) {
          if (link.startsWith(`${repository}/blob/main/`) || link.startsWith(`${repository}/tree/main/`)) {
            const file = target.slice(`${repository}/blob/main/`.length);
            if (!existsSync(path.join(REPO, file))) broken.push(`${doc}: ${link} (no such file in the repository)`);
          }
          continue;
        }
        const file = target === '' ? doc : path.posix.normalize(path.posix.join(path.posix.dirname(doc), target));
        const folder = file.endsWith('/') ? file : `${file}/`;
        if (!shipped.includes(file) && !shipped.some((f) => f.startsWith(folder))) {
          broken.push(`${doc}: ${link} (${file} is not in the package: link it absolutely, ${repository}/blob/main/${file})`);
          continue;
        }
        if (anchor && file.endsWith('.md') && !anchors(readFileSync(path.join(REPO, file), 'utf8')).has(anchor)) {
          broken.push(`${doc}: ${link} (no heading #${anchor} in ${file})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
