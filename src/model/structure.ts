/**
 * Before the schema check: the loaded definitions must be a tree of plain values of sane depth.
 * A route whose `routes` contain the route itself, a receiver holding another that holds the first,
 * any object that reaches itself, would send a recursive check (zod, the model, routing) into
 * infinite recursion; a structure thousands of levels deep would overflow the stack. Both are
 * reported as findings with the paths involved. Iterative: no depth of input can overflow it.
 */
import type { Diagnostic } from '../diagnostic.js';
import { formatPath } from '../diagnostic.js';
import { resolvePath } from './definition-path.js';

/** Far deeper than any real definition (a route tree, rows of panels); far below what recursion survives. */
export const MAX_DEPTH = 256;
/** More would only repeat the same mistake. */
const MAX_REPORTS = 10;

type RawPath = PropertyKey[];

function children(node: object): Array<[PropertyKey, unknown]> {
  if (Array.isArray(node)) return node.map((v, i) => [i, v]);
  // `source` is the builder's captured location, never user structure.
  return Object.entries(node).filter(([k]) => k !== 'source');
}

export function structureProblems(root: unknown): Diagnostic[] {
  const found: Diagnostic[] = [];
  const onPath = new Map<object, RawPath>();
  const done = new Set<object>();
  const stack: Array<{ node: object; path: RawPath; exit: boolean }> = [];
  if (typeof root === 'object' && root !== null) stack.push({ node: root, path: [], exit: false });
  while (stack.length > 0 && found.length < MAX_REPORTS) {
    const frame = stack.pop()!;
    if (frame.exit) {
      onPath.delete(frame.node);
      done.add(frame.node);
      continue;
    }
    const { node, path } = frame;
    if (done.has(node)) continue;
    const ancestor = onPath.get(node);
    if (ancestor !== undefined) {
      const here = resolvePath(root, path);
      const there = formatPath(resolvePath(root, ancestor).path) || 'the project';
      found.push({
        id: 'schema',
        severity: 'error',
        message: `a cycle: ${formatPath(here.path)} is ${there} again (an object that contains itself)`,
        hint: 'definitions are trees: build a new object (e.g. route({ … })) instead of putting one inside itself',
        ...here,
      });
      continue;
    }
    if (path.length > MAX_DEPTH) {
      const here = resolvePath(root, path.slice(0, MAX_DEPTH));
      found.push({
        id: 'schema',
        severity: 'error',
        message: `nested more than ${MAX_DEPTH} levels deep (from here on)`,
        hint: 'no Prometheus, Alertmanager or Grafana definition needs this depth: flatten it (routes under one parent, rows of panels)',
        ...here,
      });
      // Everything below is too deep as well: one finding for the branch.
      onPath.set(node, path);
      stack.push({ node, path, exit: true });
      continue;
    }
    onPath.set(node, path);
    stack.push({ node, path, exit: true });
    const entries = children(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i]!;
      if (typeof value === 'object' && value !== null) stack.push({ node: value, path: [...path, key], exit: false });
    }
  }
  return found;
}
