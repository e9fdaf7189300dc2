/** Issue 22: rule groups are read from rule files, PrometheusRule manifests and mimirtool namespaces alike, values as written. */
import { describe, expect, it } from 'vitest';
import { detectDocuments } from '../../src/import/detect.js';
import { readRuleGroups } from '../../src/import/rule-groups.js';

const read = (text: string) => readRuleGroups(detectDocuments('in.yml', text).documents);

const GROUP = `
- name: api
  interval: 1m
  limit: 10
  rules:
    - alert: ApiDown
      expr: up{job="api"} == 0
      for: 5m
      keep_firing_for: 10m
      labels: { severity: critical, priority: 1 }
      annotations: { summary: down, description: "{{ $labels.instance }}" }
    - record: job:up:sum
      expr: sum by (job) (up)
      labels: { level: job }
`;

describe('reading rule groups', () => {
  it('from a rule file: names, expressions, durations, labels (numbers as the text had them) and annotations', () => {
    const { groups, items } = read(`groups:${GROUP.replace(/^/gm, '  ')}`);
    expect(items).toEqual([]);
    expect(groups).toEqual([
      {
        name: 'api',
        interval: '1m',
        limit: 10,
        file: 'in.yml',
        path: ['groups', 'api'],
        rules: [
          {
            kind: 'alert',
            name: 'ApiDown',
            expr: 'up{job="api"} == 0',
            for: '5m',
            keepFiringFor: '10m',
            labels: { severity: 'critical', priority: '1' },
            annotations: { summary: 'down', description: '{{ $labels.instance }}' },
            path: ['groups', 'api', 'rules', 'ApiDown'],
          },
          { kind: 'record', name: 'job:up:sum', expr: 'sum by (job) (up)', labels: { level: 'job' }, annotations: {}, path: ['groups', 'api', 'rules', 'job:up:sum'] },
        ],
      },
    ]);
  });

  it('from PrometheusRule manifests, several in one file, each group knowing its manifest', () => {
    const manifest = (name: string) => `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: ${name} }\nspec:\n  groups:${GROUP.replace(/^/gm, '    ')}`;
    const { groups } = read(`${manifest('one')}\n---\n${manifest('two')}`);
    expect(groups.map((g) => [g.name, g.origin, g.path.join('.'), g.rules.length])).toEqual([
      ['api', 'one', 'spec.groups.api', 2],
      ['api', 'two', 'spec.groups.api', 2],
    ]);
  });

  it('from a mimirtool namespace file, the namespace kept as where it came from, with source_tenants (and Thanos\'s partial_response_strategy)', () => {
    const { groups } = read(`namespace: team-a\ngroups:${GROUP.replace(/^/gm, '  ')}\n  - name: federated\n    source_tenants: [a, b]\n    partial_response_strategy: warn\n    rules: []\n`);
    expect(groups.map((g) => [g.name, g.origin, g.sourceTenants, g.partialResponseStrategy])).toEqual([
      ['api', 'team-a', undefined, undefined],
      ['federated', 'team-a', ['a', 'b'], 'warn'],
    ]);
  });

  it('reports what a definition cannot hold or what is not a rule, never drops it silently', () => {
    const { groups, items } = read(`groups:
  - name: g
    evaluation_delay: 1m
    rules:
      - record: x:y
        expr: sum(x)
        for: 5m
      - alert: NoExpr
      - expr: up
`);
    expect(groups[0]!.rules.map((r) => r.name)).toEqual(['x:y']);
    expect(items.map((i) => [i.status, i.path?.join('.'), i.reason])).toEqual([
      ['unsupported', 'groups.g.evaluation_delay', 'not a field Prometheus 2.42 reads; left out'],
      ['unsupported', 'groups.g.rules.x:y.for', 'a recording rule has none (Prometheus refuses it); left out'],
      ['error', 'groups.g.rules.NoExpr', 'not a valid rule: no `expr`'],
      ['error', 'groups.g.rules.2', 'not a valid rule: a rule has either `alert` or `record`'],
    ]);
  });

  it("imports a group's labels (Prometheus 3), and reports what it leaves out as not supported, never as kept", () => {
    const { groups, items } = read(`groups:
  - name: shop
    interval: 30s
    query_offset: 1m
    labels:
      team: shop
    rules:
      - alert: ShopDown
        expr: up{job="shop"} == 0
        labels: { severity: critical }
`);
    expect(groups.map((g) => [g.name, g.labels, g.rules.map((r) => r.labels)])).toEqual([['shop', { team: 'shop' }, [{ severity: 'critical' }]]]);
    expect(items.map((i) => [i.status, i.path?.join('.'), i.reason])).toEqual([['unsupported', 'groups.shop.query_offset', 'not a field Prometheus 2.42 reads; left out']]);
  });

  it('refuses group labels that are not a map of strings', () => {
    const { groups, items } = read('groups:\n  - name: g\n    labels: [a]\n    rules: []\n');
    expect(groups[0]!.labels).toBeUndefined();
    expect(items.map((i) => [i.status, i.path?.join('.')])).toEqual([['error', 'groups.g.labels']]);
  });
});
