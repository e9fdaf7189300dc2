/** Issue 22: import tells the kind of each input document from its content, not its file name. */
import { describe, expect, it } from 'vitest';
import { detectDocuments } from '../../src/import/detect.js';

const kinds = (text: string) => detectDocuments('in.yml', text).documents.map((d) => d.kind);

describe('input kind detection', () => {
  it('tells rule files, PrometheusRule manifests, mimirtool namespaces and promtool test files apart', () => {
    expect(kinds('groups:\n  - name: a\n    rules: []\n')).toEqual(['rule-file']);
    expect(kinds('namespace: team-a\ngroups:\n  - name: a\n    rules: []\n')).toEqual(['mimir-namespace']);
    expect(kinds('apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: x }\nspec:\n  groups: []\n')).toEqual(['prometheus-rule']);
    expect(kinds('rule_files: [a.yml]\ntests:\n  - input_series: []\n')).toEqual(['promtool-tests']);
  });

  it('tells Alertmanager configurations and Grafana dashboards (bare or wrapped, JSON or YAML) apart', () => {
    expect(kinds('route: { receiver: a }\nreceivers: [{ name: a }]\n')).toEqual(['alertmanager']);
    expect(kinds('{"title": "x", "panels": [], "schemaVersion": 39}')).toEqual(['grafana-dashboard']);
    expect(kinds('{"dashboard": {"title": "x", "panels": []}, "overwrite": true}')).toEqual(['grafana-dashboard']);
  });

  it('reads each document of a multi-document file on its own', () => {
    const text = 'kind: PrometheusRule\nspec: { groups: [] }\n---\nkind: ConfigMap\ndata: {}\n---\n';
    const result = detectDocuments('all.yaml', text);
    expect(result.documents.map((d) => [d.kind, d.index])).toEqual([['prometheus-rule', 0]]);
    expect(result.problems).toEqual([{ status: 'unsupported', file: 'all.yaml', what: 'document 2', reason: expect.stringContaining('not a kind import reads') }]);
  });

  it('reports a file that is not YAML, never guesses', () => {
    const result = detectDocuments('bad.yml', 'groups: [\n');
    expect(result.documents).toEqual([]);
    expect(result.problems).toEqual([{ status: 'error', file: 'bad.yml', what: 'document 1', reason: expect.stringContaining('not valid YAML or JSON') }]);
  });
});
