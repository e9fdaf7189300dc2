import { propertyBelow } from '../source-sites.js';

/**
 * Turns a raw path into the one users read: `groups › totem_alerts › rules › HighErrorRate › for`.
 * Elements of named collections show their name; others their index (`panels[1]`).
 */
const NAME_FIELDS = ['name', 'title'] as const;
/** Collections whose items are known by name rather than by position. */
const NAMED_COLLECTIONS = new Set(['teams', 'metrics', 'ruleGroups', 'rules', 'scrapeJobs', 'dashboards', 'receivers', 'timeIntervals', 'panels', 'variables', 'healthChecks']);

function nameOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  for (const field of NAME_FIELDS) {
    const value = (item as Record<string, unknown>)[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * The path steps of the items of one named collection: each item's name, and for the second item
 * of a name and later ones the name with its count, `HighLatency (2)` (Prometheus allows two alerts
 * of one name in a group, Grafana two panels of one title): a path names one definition, so a
 * finding, an `ignore` and every lookup by path keep them apart. A step already taken by an item's
 * own name is skipped. Items without a name get undefined.
 */
export function pathSteps(names: ReadonlyArray<string | undefined>): Array<string | undefined> {
  const own = new Set(names.filter((n): n is string => n !== undefined));
  const taken = new Set<string>();
  const counts = new Map<string, number>();
  return names.map((name) => {
    if (name === undefined) return undefined;
    let step = name;
    if (taken.has(name)) {
      let k = counts.get(name) ?? 1;
      do step = `${name} (${++k})`;
      while (taken.has(step) || own.has(step));
      counts.set(name, k);
    }
    taken.add(step);
    return step;
  });
}

export interface ResolvedPath {
  path: string[];
  /** The innermost object along the path that carries a captured source location. */
  source?: { file: string; line: number; column: number };
}

export function resolvePath(root: unknown, rawPath: readonly PropertyKey[]): ResolvedPath {
  const path: string[] = [];
  let node: unknown = root;
  let source: ResolvedPath['source'];
  // Steps below the innermost object with a source: the property inside its builder call.
  let below: string[] = [];
  let key = '';
  const noteSource = (value: unknown) => {
    const s = (value as { source?: ResolvedPath['source'] } | null)?.source;
    if (s && typeof s.file === 'string') {
      source = s;
      below = [];
    }
  };
  noteSource(node);
  for (const step of rawPath) {
    below.push(String(step));
    if (typeof step === 'number') {
      const item = Array.isArray(node) ? node[step] : undefined;
      const name = NAMED_COLLECTIONS.has(key) && Array.isArray(node) ? pathSteps(node.map(nameOf))[step] : undefined;
      if (name !== undefined) {
        path.push(name);
      } else {
        path[path.length - 1] = `${path[path.length - 1] ?? ''}[${step}]`;
      }
      node = item;
    } else {
      key = String(step);
      path.push(key);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
    noteSource(node);
  }
  return source ? { path, source: propertyBelow(source, below) } : { path };
}
