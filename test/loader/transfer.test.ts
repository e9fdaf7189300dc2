/**
 * The hand-over from the loader process: the project graph as structured-clone data. Functions
 * (metric handles' methods) and symbols survive as inert stand-ins, shared objects and cycles stay
 * shared, sources are mapped, and a deep graph is no stack overflow.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { reviveTransferred, toTransferable, type MarkerPlace } from '../../src/io/loader/transfer.js';
import type { SourceRef } from '../../src/diagnostic.js';

const noMapping = (source: SourceRef) => source;
/** Through the loader: copy, structured clone (what the IPC channel does), revive. */
const handOver = (value: unknown, map = noMapping) => reviveTransferred(deserialize(serialize(toTransferable(value, map))));

describe('the project crosses from the loader process as data', () => {
  it('a function becomes an inert function of the same name; a symbol keeps its description', () => {
    let called = 0;
    const metric = { kind: 'metric', name: 'x_total', select: () => called++, toString: () => 'x_total', tag: Symbol('t') };
    const back = handOver({ metrics: [metric] }) as { metrics: Array<Record<string, unknown>> };
    const copy = back.metrics[0]!;
    expect(copy.kind).toBe('metric');
    expect(typeof copy.select).toBe('function');
    expect((copy.select as () => unknown).name).toBe('select');
    expect((copy.select as () => unknown)()).toBeUndefined();
    expect(called).toBe(0);
    expect(typeof copy.tag).toBe('symbol');
    expect((copy.tag as symbol).description).toBe('t');
  });

  it('shared objects stay shared and cycles stay cycles', () => {
    const shared = { kind: 'receiver', name: 'r' };
    const route: Record<string, unknown> = { receiver: shared, routes: [] };
    (route.routes as unknown[]).push(route);
    const back = handOver({ a: shared, b: shared, route }) as { a: object; b: object; route: { routes: unknown[] } };
    expect(back.a).toBe(back.b);
    expect(back.route.routes[0]).toBe(back.route);
  });

  it('getters run in the loader process; their values cross as plain fields', () => {
    let reads = 0;
    const value = {
      get name() {
        reads++;
        return 'computed';
      },
    };
    const copy = toTransferable(value, noMapping);
    expect(reads).toBe(1);
    expect(Object.getOwnPropertyDescriptor(copy, 'name')?.get).toBeUndefined();
    expect((copy as { name: string }).name).toBe('computed');
  });

  it('every source is mapped (the loader maps positions back to the TypeScript and relativises them)', () => {
    const map = (s: SourceRef): SourceRef => ({ file: `rel/${s.file.split('/').pop()}`, line: s.line - 1, column: 3 });
    const back = handOver({ rules: [{ kind: 'alert', source: { file: '/abs/defs/rules.ts', line: 10, column: 40 } }] }, map);
    expect(back).toEqual({ rules: [{ kind: 'alert', source: { file: 'rel/rules.ts', line: 9, column: 3 } }] });
  });

  it('reviving at the places toTransferable listed gives what the walk over the whole graph gives', () => {
    const shared = { kind: 'metric', select: function select() {}, tag: Symbol('shared') };
    const cycle: Record<string, unknown> = { name: 'cycle', fn: () => 1 };
    cycle.self = cycle;
    const graph = {
      metrics: [shared, shared, { kind: 'metric', toString: () => 'x', list: [Symbol('in an array'), () => 2, 'text', null] }],
      nested: { deeper: { deepest: { handler: function handler() {} } } },
      cycle,
      map: new Map([['k', 'v']]),
      source: { file: '/abs/x.ts', line: 1, column: 1 },
    };
    const describe = (value: unknown, seen = new Set<unknown>()): unknown => {
      if (typeof value === 'function') return `function ${value.name}`;
      if (typeof value === 'symbol') return `symbol ${value.description}`;
      if (typeof value !== 'object' || value === null || value instanceof Map) return value;
      if (seen.has(value)) return '[seen]';
      seen.add(value);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v, seen)]));
    };
    const walked = reviveTransferred(deserialize(serialize(toTransferable(graph, noMapping))));
    const markers: MarkerPlace[] = [];
    const project = toTransferable(graph, noMapping, markers);
    expect(markers).toHaveLength(7);
    const message = deserialize(serialize({ project, markers })) as { project: unknown; markers: MarkerPlace[] };
    const listed = reviveTransferred(message.project, message.markers) as typeof graph;
    expect(describe(listed)).toEqual(describe(walked));
    expect(listed.metrics[0]).toBe(listed.metrics[1]);
    expect(listed.cycle.self).toBe(listed.cycle);
    const root: MarkerPlace[] = [];
    expect(typeof reviveTransferred(deserialize(serialize(toTransferable(function top() {}, noMapping, root))), root)).toBe('function');
  });

  it('Date, RegExp, Map, Set and buffers are left to structured clone; other objects, whatever their prototype, are copied', () => {
    class Job {
      constructor(public name: string) {}
      get upper(): string {
        return this.name.toUpperCase();
      }
    }
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const leaves = { date: new Date(0), re: /x/g, map: new Map([['k', 1]]), set: new Set([1]), bytes: new Uint8Array([1, 2]), buffer: new ArrayBuffer(2) };
    const value = { ...leaves, job: new Job('api'), bare, list: [1, [2]] };
    const copy = toTransferable(value, noMapping) as Record<string, unknown>;
    for (const [key, leaf] of Object.entries(leaves)) expect(copy[key]).toBe(leaf);
    expect(copy.job).not.toBe(value.job);
    expect(Object.getPrototypeOf(copy.job)).toBe(Object.prototype);
    expect(copy.job).toEqual({ name: 'api' });
    expect(copy.bare).not.toBe(bare);
    expect(copy.bare).toEqual({ a: 1 });
    expect(copy.list).not.toBe(value.list);
    expect(copy.list).toEqual([1, [2]]);
    const back = handOver(value) as Record<string, unknown>;
    expect(back.date).toEqual(new Date(0));
    expect(back.map).toEqual(new Map([['k', 1]]));
    expect(back.bytes).toEqual(new Uint8Array([1, 2]));
  });

  it('a very deep graph is no stack overflow', () => {
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 200_000; i++) deep = { next: deep };
    let node = toTransferable(deep, noMapping) as Record<string, unknown>;
    let depth = 0;
    while (node.next) {
      node = node.next as Record<string, unknown>;
      depth++;
    }
    expect(depth).toBe(200_000);
    expect(reviveTransferred({ ...deep })).toBeTruthy();
  });
});
