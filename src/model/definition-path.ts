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
      const name = NAMED_COLLECTIONS.has(key) ? nameOf(item) : undefined;
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
