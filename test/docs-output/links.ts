// Every link in the generated docs must lead somewhere: a relative link to a generated file (and
// to an anchor that file has), a Grafana link to a generated dashboard's uid with its variables.
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
    }
  }
  return broken;
}
