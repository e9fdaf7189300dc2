// record/cycle, record/duplicate, record/shadows-metric: recording rules that never produce data,
// or whose series collide with another rule's or with a scraped metric's.
import { describe, expect, it } from 'vitest';
import { record } from '../../../src/index.js';
import { expectFindings, findings, rulePath, shop } from './shop.js';

describe('record/cycle', () => {
  it('fires on a rule that reads its own series, and on each rule of a cycle', () => {
    const self = record({ name: 'store:self:x', expr: 'store:self:x + 1' });
    const a = record({ name: 'store:a:x', expr: 'sum by (store) (store:b:x)' });
    const b = record({ name: 'store:b:x', expr: 'store:a:x * 2' });
    expectFindings(findings('record/cycle', shop({ rules: [self, a, b] })), [
      {
        severity: 'error',
        message: 'recording rule "store:self:x" reads its own series "store:self:x": there is nothing to read at its first evaluation, so it never produces data',
        hint: 'compute it from scraped series (or from recording rules outside the cycle)',
        path: rulePath('store:self:x', 'expr'),
        at: self,
        span: 'store:self:x',
      },
      {
        severity: 'error',
        message: 'recording rule "store:a:x" reads "store:b:x", which is recorded from "store:a:x" in turn ("store:a:x" → "store:b:x" → "store:a:x"): a cycle of recording rules never produces data',
        hint: 'compute it from scraped series (or from recording rules outside the cycle)',
        path: rulePath('store:a:x', 'expr'),
        at: a,
        span: 'store:b:x',
      },
      {
        severity: 'error',
        message: 'recording rule "store:b:x" reads "store:a:x", which is recorded from "store:b:x" in turn ("store:b:x" → "store:a:x" → "store:b:x"): a cycle of recording rules never produces data',
        hint: 'compute it from scraped series (or from recording rules outside the cycle)',
        path: rulePath('store:b:x', 'expr'),
        at: b,
        span: 'store:a:x',
      },
    ]);
  });

  // Audit round 24: whether a rule reads its own series is the dependency graph's self-edge (a label
  // the rule fixes rules a selector out), not the selector's name alone.
  it('reads a rule\'s own series by the dependency graph: a selector its fixed labels rule out is no cycle, one they let through is', () => {
    const ruledOut = record({ name: 'store:self:rate', labels: { job: 'y' }, expr: 'rate(store:self:rate{job="x"}[5m])' });
    const regexOut = record({ name: 'store:re:rate', labels: { env: 'prod' }, expr: 'sum by (store) (store:re:rate{env!~"prod|stage"})' });
    const matches = record({ name: 'store:loop:rate', labels: { job: 'x' }, expr: 'rate(store:loop:rate{job="x"}[5m])' });
    const unfixed = record({ name: 'store:open:rate', expr: 'rate(store:open:rate{job="x"}[5m])' });
    const found = findings('record/cycle', shop({ rules: [ruledOut, regexOut, matches, unfixed] }));
    expect(found.map((d) => d.message)).toEqual([
      'recording rule "store:loop:rate" reads its own series "store:loop:rate": there is nothing to read at its first evaluation, so it never produces data',
      'recording rule "store:open:rate" reads its own series "store:open:rate": there is nothing to read at its first evaluation, so it never produces data',
    ]);
  });

  it('one name written by two rules: reading the other\'s series is no self-read, and a cycle only through it', () => {
    const prod = record({ name: 'store:split:x', labels: { env: 'prod' }, expr: 'store:split:x{env="stage"} * 2' });
    const stage = record({ name: 'store:split:x', labels: { env: 'stage' }, expr: 'sum by (store) (shop_cart_items)' });
    expect(findings('record/cycle', shop({ rules: [prod, stage] }))).toEqual([]);
    const looping = record({ name: 'store:split:x', labels: { env: 'stage' }, expr: 'store:split:x{env="prod"} + 1' });
    // Audit round 25: the rules of one name are told apart by their group, place and fixed labels.
    const p = '"store:split:x"{env="prod"} (group "shop", rules[0])';
    const l = '"store:split:x"{env="stage"} (group "shop", rules[1])';
    expect(findings('record/cycle', shop({ rules: [prod, looping] })).map((d) => d.message)).toEqual([
      `recording rule ${p} reads ${l}, which is recorded from ${p} in turn (${p} → ${l} → ${p}): a cycle of recording rules never produces data`,
      `recording rule ${l} reads ${p}, which is recorded from ${l} in turn (${l} → ${p} → ${l}): a cycle of recording rules never produces data`,
    ]);
  });

  it('is quiet on a chain without a cycle, and on a rule an `or` seeds', () => {
    const first = record({ name: 'store:orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))' });
    const second = record({ name: 'store:orders:rate5m_x2', expr: 'store:orders:rate5m * 2' });
    const seeded = record({ name: 'store:seeded:x', expr: 'store:seeded:x + 1 or sum by (store) (shop_cart_items)' });
    expect(findings('record/cycle', shop({ rules: [first, second, seeded] }))).toEqual([]);
  });
});

describe('record/duplicate', () => {
  it('fires on one name with the same labels twice (error) and with other label sets (warning)', () => {
    const one = record({ name: 'store:orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))' });
    const again = record({ name: 'store:orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[10m]))' });
    const byStatus = record({ name: 'store:orders:rate5m', labels: { window: '5m' }, expr: 'sum by (status) (rate(shop_orders_total[5m]))' });
    expectFindings(findings('record/duplicate', shop({ rules: [one, again, byStatus] })), [
      {
        severity: 'error',
        message: 'recording rule "store:orders:rate5m" is defined twice with the same labels (also in group "shop"): both write the same series, two values at each evaluation',
        hint: 'remove one, or tell them apart with labels: { … } (e.g. window: "5m" and "1h")',
        // The second and third of a name: `(2)`, `(3)` in the path (src/model/definition-path.ts pathSteps).
        path: rulePath('store:orders:rate5m (2)', 'name'),
        at: again,
      },
      {
        severity: 'warning',
        message: 'recording rule "store:orders:rate5m" writes series with labels status, window, and another rule of that name (in group "shop") with labels store: a query of "store:orders:rate5m" mixes both shapes',
        hint: 'give each aggregation level its own name (level:metric:operations, e.g. job:… and instance:…)',
        path: rulePath('store:orders:rate5m (3)', 'name'),
        at: byStatus,
      },
    ]);
  });

  it('is quiet on one name per window label (the SLO pattern)', () => {
    const five = record({ name: 'store:orders:rate', labels: { window: '5m' }, expr: 'sum by (store) (rate(shop_orders_total[5m]))' });
    const hour = record({ name: 'store:orders:rate', labels: { window: '1h' }, expr: 'sum by (store) (rate(shop_orders_total[1h]))' });
    expect(findings('record/duplicate', shop({ rules: [five, hour] }))).toEqual([]);
    // Other matchers on a kept label: disjoint series (kube-prometheus's code_verb:…:increase1h, one rule per status class).
    const ok = record({ name: 'status:orders:increase1h', expr: 'sum by (status) (increase(shop_orders_total{status=~"2.."}[1h]))' });
    const failed = record({ name: 'status:orders:increase1h', expr: 'sum by (status) (increase(shop_orders_total{status=~"5.."}[1h]))' });
    expect(findings('record/duplicate', shop({ rules: [ok, failed] }))).toEqual([]);
  });
});

describe('record/shadows-metric', () => {
  it('fires on a recording rule named like a catalogue series', () => {
    const rule = record({ name: 'shop_cart_items', expr: 'sum by (store) (shop_cart_items)' });
    const bucket = record({ name: 'shop_checkout_seconds_count', expr: 'sum by (store) (shop_checkout_seconds_count)' });
    const found = findings('record/shadows-metric', shop({ rules: [rule, bucket] }));
    expect(findings('record/cycle', shop({ rules: [rule, bucket] }))).toEqual([]);
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'recording rule "shop_cart_items" writes series named like the catalogue metric "shop_cart_items": its samples mix with the scraped ones, and every query of "shop_cart_items" reads both'],
      ['error', 'recording rule "shop_checkout_seconds_count" writes series named like the catalogue metric "shop_checkout_seconds_count": its samples mix with the scraped ones, and every query of "shop_checkout_seconds_count" reads both'],
    ]);
  });
});

describe('record/cycle on the rule dependency graph (src/model/rule-dependencies.ts)', () => {
  it('follows a cycle across several rules and reports its shortest path', () => {
    const a = record({ name: 'store:a:x', expr: 'store:c:x + store:b:x' });
    const b = record({ name: 'store:b:x', expr: 'store:c:x * 2' });
    const c = record({ name: 'store:c:x', expr: 'sum by (store) (store:a:x)' });
    expect(findings('record/cycle', shop({ rules: [a, b, c] })).map((d) => d.message)).toEqual([
      'recording rule "store:a:x" reads "store:c:x", which is recorded from "store:a:x" in turn ("store:a:x" → "store:c:x" → "store:a:x"): a cycle of recording rules never produces data',
      'recording rule "store:b:x" reads "store:c:x", which is recorded from "store:b:x" in turn ("store:b:x" → "store:c:x" → "store:a:x" → "store:b:x"): a cycle of recording rules never produces data',
      'recording rule "store:c:x" reads "store:a:x", which is recorded from "store:c:x" in turn ("store:c:x" → "store:a:x" → "store:c:x"): a cycle of recording rules never produces data',
    ]);
  });

  it('a read of series another rule of the name writes (a fixed label tells them apart) is no cycle', () => {
    const fromB = record({ name: 'store:a:x', labels: { source: 'b' }, expr: 'sum by (store) (store:b:x)' });
    const scraped = record({ name: 'store:a:x', labels: { source: 'cart' }, expr: 'sum by (store) (shop_cart_items)' });
    const b = record({ name: 'store:b:x', expr: 'store:a:x{source="cart"} * 2' });
    expect(findings('record/cycle', shop({ rules: [fromB, scraped, b] }))).toEqual([]);
    // Reading the series store:a:x writes from store:b:x: a cycle.
    const back = record({ name: 'store:b:x', expr: 'store:a:x{source="b"} * 2' });
    expect(findings('record/cycle', shop({ rules: [fromB, scraped, back] })).map((d) => d.message)).toEqual([
      expect.stringContaining('recording rule "store:a:x"{source="b"} (group "shop", rules[0]) reads "store:b:x"'),
      expect.stringContaining('recording rule "store:b:x" reads "store:a:x"{source="b"} (group "shop", rules[0])'),
    ]);
  });
});

// Audit round 25: a selector without a literal metric name reads recorded series too; a cycle
// through one is reported (it may also select other series, so the message says what follows either way).
describe('record/cycle through selectors without a literal metric name', () => {
  const NEITHER = 'a cycle of recording rules never produces data or feeds each result into the next';
  const SELF = 'a recording rule that reads what it writes never produces data or feeds each result into the next';

  it('a rule reading its own series through __name__ equality, regex, list or a negative matcher', () => {
    const cases = [
      record({ name: 'store:eq:x', expr: 'sum by (store) ({__name__="store:eq:x"}) + 1' }),
      record({ name: 'store:re:x', expr: 'sum by (store) ({__name__=~"store:re:.*"})' }),
      record({ name: 'store:list:x', expr: 'sum by (store) ({__name__=~"store:list:x|shop_cart_items"})' }),
      record({ name: 'store:ci:x', expr: 'sum by (store) ({__name__=~"(?i)STORE:CI:X"})' }),
      record({ name: 'store:neg:x', expr: 'sum by (store) ({__name__!~"shop_.*", store="a"})' }),
    ];
    expect(findings('record/cycle', shop({ rules: cases })).map((d) => d.message)).toEqual([
      'recording rule "store:eq:x" reads its own series "store:eq:x": there is nothing to read at its first evaluation, so it never produces data',
      `recording rule "store:re:x" reads its own series through {__name__=~"store:re:.*"}: ${SELF}`,
      `recording rule "store:list:x" reads its own series through {__name__=~"store:list:x|shop_cart_items"}: ${SELF}`,
      `recording rule "store:ci:x" reads its own series through {__name__=~"(?i)STORE:CI:X"}: ${SELF}`,
      `recording rule "store:neg:x" reads its own series through {__name__!~"shop_.*", store="a"}: ${SELF}`,
    ]);
  });

  it('a cycle of two rules through a regex, reported on both, with the selector and its span', () => {
    const a = record({ name: 'store:a:x', expr: 'sum by (store) ({__name__=~"store:b:.*"})' });
    const b = record({ name: 'store:b:x', expr: 'store:a:x * 2' });
    const found = findings('record/cycle', shop({ rules: [a, b] }));
    expect(found.map((d) => d.message)).toEqual([
      `recording rule "store:a:x" reads "store:b:x" through {__name__=~"store:b:.*"}, which is recorded from "store:a:x" in turn ("store:a:x" → "store:b:x" → "store:a:x"): ${NEITHER}`,
      'recording rule "store:b:x" reads "store:a:x", which is recorded from "store:b:x" in turn ("store:b:x" → "store:a:x" → "store:b:x"): a cycle of recording rules never produces data',
    ]);
    expect(found[0]!.excerpt).toMatchObject({ from: 'sum by (store) ('.length, to: 'sum by (store) ({__name__=~"store:b:.*"}'.length });
  });

  it('and the other direction: a selector its name matchers or the fixed labels rule out is no cycle', () => {
    const rules = [
      record({ name: 'store:out:x', expr: 'sum by (store) ({__name__=~"store:other:.*"})' }),
      record({ name: 'store:neg:y', expr: 'sum by (store) ({__name__!~"store:neg:.*", store="a"})' }),
      record({ name: 'store:fixed:x', labels: { env: 'prod' }, expr: 'sum by (store) ({__name__=~"store:fixed:.*", env="stage"})' }),
      record({ name: 'store:ne:x', expr: 'sum by (store) ({__name__="store:ne:x", __name__!="store:ne:x"})' }),
      record({ name: 'store:seeded:y', expr: 'sum by (store) ({__name__=~"store:seeded:.*"}) or sum by (store) (shop_cart_items)' }),
    ];
    expect(findings('record/cycle', shop({ rules }))).toEqual([]);
  });
});
