import { describe, expect, it } from 'vitest';
import { inferCatalogue, lintCollection, readGroups } from '../../bench/corpus/lint-corpus.js';

// Rules written for this test (not from the corpus): the inference and the run, on a small set.
const RULES = `
groups:
  - name: demo
    rules:
      - record: job:demo_requests:rate5m
        expr: sum by (job) (rate(demo_requests_total{code=~"5.."}[5m]))
      - alert: DemoErrors
        expr: rate(demo_errors_total{code="500"}[5m]) / rate(demo_requests_total[5m]) > 0.1
        for: 5m
        labels: { severity: warning }
        annotations: { summary: Errors, description: "{{ $labels.route }} fails" }
      - alert: DemoSlow
        expr: |
          # a comment line first
          histogram_quantile(0.9, sum by (le) (rate(demo_latency_seconds_bucket[5m]))) > 1
        labels: { severity: warning }
        annotations: { summary: Slow, description: "{{ $labels.instance }} is slow" }
`;

describe('lint-corpus', () => {
  it('reads rule files and PrometheusRule manifests', () => {
    expect(readGroups(RULES).map((g) => g.rules.length)).toEqual([3]);
    expect(readGroups(`apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n${RULES.replace(/^/gm, '  ')}`).map((g) => g.name)).toEqual(['demo']);
  });

  it('infers types and labels from the expressions and the templates (import\'s inference, sorted by name)', () => {
    const metrics = inferCatalogue(readGroups(RULES));
    expect(metrics.map((m) => [m.type, m.name, [...m.labels]])).toEqual([
      ['counter', 'demo_errors_total', ['code', 'route']],
      ['histogram', 'demo_latency_seconds', []],
      // code: from the recording rule's matcher; route: from the alert's {{ $labels.route }}
      ['counter', 'demo_requests_total', ['code', 'route']],
    ]);
  });

  it('lints the collection: what is wrong is found, the rest stays quiet', () => {
    const result = lintCollection({ name: 'demo', files: [], groups: readGroups(RULES).map((g) => ({ ...g, file: 'demo.yml' })) }, '15s');
    expect(result.schema).toEqual([]);
    expect(result.diagnostics.map((d) => [d.id, d.path?.[3]])).toEqual([
      ['alert/annotations', 'DemoErrors'], // no runbook_url
      ['alert/annotations', 'DemoSlow'],
      ['alert/template-label-dropped', 'DemoSlow'], // instance is aggregated away
      ['alert/missing-for', 'DemoSlow'],
    ]);
  });
});
