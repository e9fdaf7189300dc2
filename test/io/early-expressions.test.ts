/**
 * The receiving side of the texts the loader process tells (src/io/early-expressions.ts): batches
 * that come before the table exists wait for it; a load that is stopped (its signal aborted) or
 * that failed keeps no table and parses nothing more.
 */
import { describe, expect, it } from 'vitest';
import { EarlyExpressions } from '../../src/io/early-expressions.js';
import { EarlyParses } from '../../src/promql/early.js';

const table = async (early: EarlyExpressions): Promise<EarlyParses | undefined> => {
  for (let i = 0; i < 50 && early.parses === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return early.parses;
};

describe('EarlyExpressions', () => {
  it('keeps the batches that come before its table exists, and adds the later ones', async () => {
    const early = new EarlyExpressions();
    early.receive(['up']);
    early.receive(['rate(x[5m])']);
    const parses = await table(early);
    expect(parses).toBeInstanceOf(EarlyParses);
    early.receive(['sum(y)']);
    parses!.drain();
    expect(['up', 'rate(x[5m])', 'sum(y)'].map((t) => parses!.take(t) !== undefined)).toEqual([true, true, true]);
  });

  it('keeps nothing once its load is aborted, before or after the table exists', async () => {
    const before = new AbortController();
    const early = new EarlyExpressions(before.signal);
    early.receive(['up']);
    before.abort();
    expect(await table(early)).toBeUndefined();
    early.receive(['up']);
    expect(early.parses).toBeUndefined();

    const after = new AbortController();
    const later = new EarlyExpressions(after.signal);
    later.receive(['up']);
    const parses = await table(later);
    parses!.drain();
    after.abort();
    expect(later.parses).toBeUndefined();
    expect(parses!.take('up')).toBeUndefined();
  });

  it('hands its table over when the project arrives, or none: a table still on its way then is never made (no parse made for nothing)', async () => {
    const ready = new EarlyExpressions();
    ready.receive(['up']);
    const parses = await table(ready);
    expect(ready.handOver()).toBe(parses);

    const late = new EarlyExpressions();
    late.receive(['up']);
    expect(late.handOver()).toBeUndefined();
    late.receive(['sum(x)']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(late.parses).toBeUndefined();
  });

  it('tells `many` once, as soon as that many texts have come, and never for a load that was stopped', () => {
    const told: number[] = [];
    const early = new EarlyExpressions(undefined, { count: 3, then: () => told.push(told.length) });
    early.receive(['up', 'sum(x)']);
    expect(told).toEqual([]);
    early.receive(['a', 'b']);
    expect(told).toEqual([0]);
    early.receive(['c', 'd', 'e']);
    expect(told).toEqual([0]);
    early.drop();

    const stopped = new AbortController();
    const none: number[] = [];
    const aborted = new EarlyExpressions(stopped.signal, { count: 1, then: () => none.push(1) });
    stopped.abort();
    aborted.receive(['up']);
    expect(none).toEqual([]);
  });
});

