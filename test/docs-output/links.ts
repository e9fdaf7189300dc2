// Every link in the generated docs must lead somewhere: a relative link to a generated file (and
// to an anchor that file has, and only one: no heading of the page has the same id on GitHub), a
// Grafana link to a generated dashboard's uid with its variables.
import path from 'node:path';
import type { OutputFile } from '../../src/compile/output.js';

export interface BrokenLink {
  file: string;
  target: string;
  why: string;
}

const LINK = /\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)/g;

export function links(file: OutputFile): string[] {
  return [...file.content.matchAll(LINK)].map((m) => m[1]!);
}

/** A heading's text as rendered: Markdown's backslash escapes and code spans' backticks gone. */
function rendered(heading: string): string {
  return heading.replace(/\\(.)/g, '$1').replace(/`+/g, '');
}

/**
 * The ids GitHub gives a page's headings (github-slugger: lowercased, punctuation but `-` and `_`
 * dropped, spaces made `-`, a repeat given `-1`, `-2`, …); other renderers slug alike or keep case.
 */
export function headingIds(markdown: string): string[] {
  const seen = new Map<string, number>();
  const ids: string[] = [];
  for (const m of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = rendered(m[1]!)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    ids.push(n === 0 ? slug : `${slug}-${n}`);
  }
  return ids;
}

/** Links whose target is not there. `grafanaUrl`: links under it name dashboards by `/d/<uid>`. */
export function brokenLinks(files: readonly OutputFile[], grafanaUrl?: string): BrokenLink[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const anchors = (f: OutputFile) => new Set([...f.content.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!));
  const dashboards = new Map(
    files
      .filter((f) => /^grafana\/dashboards\/[^/]+\.json$/.test(f.path))
      .map((f) => {
        const json = JSON.parse(f.content) as { uid: string; templating?: { list: { name: string }[] } };
        return [json.uid, new Set((json.templating?.list ?? []).map((v) => v.name))] as const;
      }),
  );
  const broken: BrokenLink[] = [];
  for (const file of files.filter((f) => f.path.endsWith('.md'))) {
    for (const target of links(file)) {
      const fail = (why: string) => broken.push({ file: file.path, target, why });
      if (grafanaUrl && target.startsWith(`${grafanaUrl}/`)) {
        const url = new URL(target);
        const uid = /^\/d\/([^/]+)$/.exec(url.pathname.slice(new URL(grafanaUrl).pathname.replace(/\/$/, '').length))?.[1];
        if (!uid || !dashboards.has(decodeURIComponent(uid))) fail('no generated dashboard has this uid');
        for (const name of url.searchParams.keys()) {
          if (!name.startsWith('var-') || !dashboards.get(decodeURIComponent(uid ?? ''))?.has(name.slice(4))) fail(`${name} is not a variable of the dashboard`);
        }
        continue;
      }
      if (/^[a-z]+:/.test(target)) {
        fail('an absolute link the docs should not make');
        continue;
      }
      const [rel, hash] = target.split('#') as [string, string | undefined];
      const resolved = rel === '' ? file.path : path.posix.normalize(path.posix.join(path.posix.dirname(file.path), decodeURIComponent(rel)));
      const to = byPath.get(resolved);
      if (!to) fail(`${resolved} is not generated`);
      else if (hash !== undefined && !anchors(to).has(hash)) fail(`${resolved} has no anchor ${hash}`);
      // GitHub matches a fragment without case and lands on the first element with the id: one of
      // the page's headings with the same id would take the link.
      else if (hash !== undefined && headingIds(to.content).some((id) => id === hash.toLowerCase())) fail(`${resolved} has a heading whose id is also ${hash}`);
    }
  }
  return broken;
}
