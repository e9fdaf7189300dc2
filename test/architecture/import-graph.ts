/**
 * The import graph of src/, read from the TypeScript sources (the compiler's own import scanner,
 * `ts.preProcessFile`: static, dynamic and type-only imports and re-exports), and two judgements
 * on it: cycles between folders, and arrows the architecture forbids (README "How it is built").
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import: `from` and a relative `to` are files under src/ (`model/catalogue.ts`); a bare `to` is a package. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `to` is a package name, not a file. */
  package?: boolean;
}

/** A forbidden arrow: files under `from` (a folder, or '*' for any) must not import `to` (a folder or a package), unless under `unless`. */
export interface ArrowRule {
  from: string;
  to: string;
  unless?: readonly string[];
}

function sourceFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full, base);
    return /\.(ts|mts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path.relative(base, full).split(path.sep).join('/')] : [];
  });
}

/** `./x.js` from `model/a.ts` → `model/x.ts` (or `model/x/index.ts`), when that file exists. */
function resolveRelative(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = joined.replace(/\.(m?js|tsx?)$/, '');
  return [`${stem}.ts`, `${stem}.mts`, `${stem}.tsx`, `${stem}/index.ts`].find((candidate) => files.has(candidate));
}

/** Every import of every TypeScript file under `srcDir`; relative ones resolved to files, bare ones as the package name. */
export function importsOf(srcDir: string): ImportEdge[] {
  const files = sourceFiles(srcDir);
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const info = ts.preProcessFile(readFileSync(path.join(srcDir, from), 'utf8'), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      if (specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) {
        const to = resolveRelative(from, specifier, known);
        if (to === undefined) throw new Error(`${from}: cannot resolve ${specifier}`);
        edges.push({ from, to });
      } else {
        const parts = specifier.split('/');
        edges.push({ from, to: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!, package: true });
      }
    }
  }
  return edges;
}

/** The folder a file under src/ belongs to: its first directory; a file at the top is a node of its own (`diagnostic.ts`). */
export function folderOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file : file.slice(0, slash);
}

/** Arrows between folders, each with the imports that make it (files only; packages are not folders). */
export function folderArrows(edges: readonly ImportEdge[]): Map<string, Map<string, ImportEdge[]>> {
  const arrows = new Map<string, Map<string, ImportEdge[]>>();
  for (const edge of edges) {
    if (edge.package) continue;
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (from === to) continue;
    const out = arrows.get(from) ?? new Map<string, ImportEdge[]>();
    arrows.set(from, out);
    out.set(to, [...(out.get(to) ?? []), edge]);
  }
  return arrows;
}

/** The shortest way back from `start` to itself, as the list of folders on the way (start first), or undefined. */
function cycleThrough(start: string, arrows: Map<string, Map<string, ImportEdge[]>>): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const next of [...(arrows.get(node)?.keys() ?? [])].sort()) {
      if (next === start) {
        const way = [node];
        while (way[0] !== start) way.unshift(previous.get(way[0]!)!);
        return way;
      }
      if (!previous.has(next) && next !== start) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/**
 * Every cycle between folders, one per group of folders that reach each other, described with
 * the imports that make each arrow: `model → promql (model/catalogue.ts → promql/analyze.ts) → model (…)`.
 */
export function folderCycles(edges: readonly ImportEdge[]): string[] {
  const arrows = folderArrows(edges);
  const described = new Set<string>();
  const inCycle = new Set<string>();
  const cycles: string[] = [];
  for (const start of [...arrows.keys()].sort()) {
    if (inCycle.has(start)) continue;
    const way = cycleThrough(start, arrows);
    if (!way) continue;
    for (const folder of way) inCycle.add(folder);
    const steps = way.map((from, i) => {
      const to = way[(i + 1) % way.length]!;
      const example = arrows.get(from)!.get(to)!.map((e) => `${e.from} → ${e.to}`);
      return `→ ${to} (${example.slice(0, 3).join(', ')}${example.length > 3 ? ', …' : ''})`;
    });
    const text = `${start} ${steps.join(' ')}`;
    if (!described.has(text)) cycles.push(text);
    described.add(text);
  }
  return cycles;
}

function under(file: string, place: string): boolean {
  return place === '*' || file === place || file.startsWith(`${place}/`);
}

/** Imports that break a rule: `compile/x.ts → io/y.ts (compile must not import io)`. */
export function forbiddenImports(edges: readonly ImportEdge[], rules: readonly ArrowRule[]): string[] {
  const found: string[] = [];
  for (const edge of edges) {
    for (const rule of rules) {
      if (!under(edge.from, rule.from) || !(edge.package ? edge.to === rule.to : under(edge.to, rule.to))) continue;
      if (rule.from === '*' && folderOf(edge.from) === folderOf(edge.to)) continue; // inside the folder itself
      if (rule.unless?.some((place) => under(edge.from, place))) continue;
      const who = rule.from === '*' ? `only ${rule.unless?.join(', ')} may import ${rule.to}` : `${rule.from} must not import ${rule.to}`;
      found.push(`${edge.from} → ${edge.to} (${who})`);
    }
  }
  return found;
}
