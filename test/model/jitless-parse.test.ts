/**
 * Issue 16: the schema check parses without zod's JIT (src/model/parse.ts): zod otherwise writes
 * and compiles a parser for each object schema the first time it meets one, more than a small
 * project's whole parse costs. Both of zod's paths must give the same result: the same output,
 * field for field and in the same order (the compilers write fields in the order they find them),
 * and the same issues in the same order, on valid projects and on broken ones.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/io/load.js';
import { parseProject } from '../../src/model/parse.js';
import { projectSchema } from '../../src/model/schema/project.js';
import { dashboardSchema } from '../../src/model/schema/dashboard.js';
import { buildModel } from '../../src/model/build.js';
import { FIXTURES, REPO } from '../helpers/cli.js';
import { SAMPLE_PROJECTS } from '../helpers/sample-projects.js';

/** A value as nested [key, value] lists: equal only with the same fields in the same order. */
function ordered(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  const out: unknown[] = [Array.isArray(value) ? 'array' : Object.getPrototypeOf(value) === null ? 'null-prototype' : (value.constructor?.name ?? '?')];
  seen.set(value, out);
  for (const key of Reflect.ownKeys(value)) out.push([key, ordered((value as Record<PropertyKey, unknown>)[key], seen)]);
  return out;
}

function bothWays(raw: unknown) {
  const jit = projectSchema.safeParse(raw);
  const jitless = projectSchema.safeParse(raw, { jitless: true });
  return { jit, jitless };
}

function expectSame(raw: unknown): boolean {
  const { jit, jitless } = bothWays(raw);
  expect(jitless.success).toBe(jit.success);
  if (jit.success && jitless.success) {
    expect(ordered(jitless.data)).toStrictEqual(ordered(jit.data));
  } else {
    expect(jitless.error!.issues).toStrictEqual(jit.error!.issues);
  }
  return jit.success;
}

/** Every object in the project (each once) with the path to it. */
function objectsOf(root: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown) => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (!Array.isArray(value)) found.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) walk(child);
  };
  walk(root);
  return found;
}

/** A copy of the objects and arrays (same prototypes, fields in order); functions and other leaves shared. */
function copied(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  const copy: Record<PropertyKey, unknown> = Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null);
  seen.set(value, copy);
  for (const key of Reflect.ownKeys(value)) copy[key] = copied((value as Record<PropertyKey, unknown>)[key], seen);
  return copy;
}

/** A deep copy whose `n`th object (of objectsOf) is changed by `change`. */
function mutated(project: unknown, n: number, change: (object: Record<string, unknown>) => void): unknown {
  const copy = copied(project);
  const target = objectsOf(copy)[n];
  if (target) change(target);
  return copy;
}

const WRONG: Array<[string, (object: Record<string, unknown>) => void]> = [
  ['an unknown field', (o) => (o['notAField'] = 1)],
  ['each field of the wrong type', (o) => {
    for (const key of Object.keys(o)) o[key] = typeof o[key] === 'string' ? 42 : typeof o[key] === 'number' ? 'x' : Array.isArray(o[key]) ? {} : typeof o[key] === 'object' ? 'x' : null;
  }],
  ['its first field missing', (o) => delete o[Object.keys(o)[0]!]],
  ['its first string emptied', (o) => {
    const key = Object.keys(o).find((k) => typeof o[k] === 'string');
    if (key) o[key] = '';
  }],
];

describe('the schema check without zod\'s JIT', () => {
  it.each(SAMPLE_PROJECTS)('gives %s the same output, field for field, and parseProject takes that path', async (_name, dir) => {
    const loaded = await loadDefinitions(dir());
    expect(loaded.project).toBeDefined();
    expect(expectSame(loaded.project)).toBe(true);
    const parsed = parseProject(loaded.project);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    expect(ordered(parsed.project)).toStrictEqual(ordered(bothWays(loaded.project).jit.data));
    // The SLO dashboard the model writes goes through the dashboard schema the same way.
    for (const dashboard of buildModel(parsed.project, 'index.ts').dashboards) {
      const input = JSON.parse(JSON.stringify(dashboard)) as unknown;
      expect(ordered(dashboardSchema.safeParse(input, { jitless: true }))).toStrictEqual(ordered(dashboardSchema.safeParse(input)));
    }
  });

  it.each(WRONG)('gives the same issues, in the same order, with %s in any object of Totem', async (_name, change) => {
    const loaded = await loadDefinitions(path.join(REPO, 'definitions'));
    const count = objectsOf(loaded.project).length;
    expect(count).toBeGreaterThan(100);
    let failed = 0;
    // Every third object, so that each kind of definition is met at every depth.
    for (let n = 0; n < count; n += 3) if (!expectSame(mutated(loaded.project, n, change))) failed++;
    expect(failed).toBeGreaterThan(0);
  });

  it('fails on the broken fixtures with the same issues', async () => {
    for (const name of ['several-schema-problems', 'alert-unknown-field', 'duration-with-space', 'alert-without-condition', 'not-a-project']) {
      const loaded = await loadDefinitions(path.join(FIXTURES, 'broken', name));
      if (loaded.project !== undefined) expectSame(loaded.project);
    }
  });
});
