/**
 * Issue 22: Grafana data source provisioning files (Prometheus, Loki, Tempo, Jaeger with their
 * correlations) → the project's `grafana: { datasource, loki, tempo, jaeger }` settings; what the
 * settings cannot say is reported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDocuments } from '../../src/import/detect.js';
import { importDatasources } from '../../src/import/grafana-datasources.js';
import { parse } from 'yaml';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const dir = path.join(FIXTURES, 'import', 'grafana', 'datasources');
const docs = ['prometheus.yaml', 'logs-traces.yaml'].flatMap((f) => detectDocuments(f, readFileSync(path.join(dir, f), 'utf8')).documents);

describe('Grafana data source provisioning import', () => {
  it('detects a data source provisioning file by its content', () => {
    expect(docs.map((d) => d.kind)).toEqual(['grafana-datasources', 'grafana-datasources']);
  });

  it('reads connections and correlations into the grafana settings', () => {
    const { settings } = importDatasources(docs);
    expect(settings).toEqual({
      datasource: { name: 'Metrics', uid: 'metrics', url: 'http://prom.shop:9090', exemplars: { label: 'traceID' } },
      loki: { name: 'Logs', uid: 'logs', url: 'http://loki.shop:3100', maxLines: 500, traceLinks: { field: 'traceID' } },
      tempo: {
        name: 'Traces', uid: 'traces', url: 'http://tempo.shop:3200',
        traceToLogs: { tags: { 'service.name': 'app' }, spanStartTimeShift: '-5m', spanEndTimeShift: '5m' },
        serviceMap: true,
      },
      // Jaeger's trace → logs is on by default when Loki is configured: absent here, so off.
      jaeger: { traceToLogs: false },
    });
  });

  it('reports what the settings cannot say', () => {
    const { items } = importDatasources(docs);
    const reported = items.map((i) => `${i.status} ${i.what}: ${i.reason ?? ''}`);
    expect(reported).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unsupported data source Elastic: .*elasticsearch/),
        expect.stringMatching(/^unsupported data source Traces: .*jsonData\.tracesToMetrics/),
      ]),
    );
  });

  it('import → generate provisions the same data sources with the same correlations', async () => {
    const root = path.join(tempDir(), 'shop');
    const into = path.join(root, 'definitions');
    const imported = await runCli(['import', dir, '--into', into, '--format', 'json']);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(readFileSync(path.join(into, 'index.ts'), 'utf8')).toContain("loki: { name: 'Logs', uid: 'logs', url: 'http://loki.shop:3100', maxLines: 500, traceLinks: { field: 'traceID' } }");
    // A config of its own: the repository's (the current folder's) sets Totem's Grafana data source.
    const config = path.join(root, 'totem-mon.config.ts');
    writeFileSync(config, "import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({});\n");
    const generated = await runCli(['generate', '--config', config, '--definitions', into, '--out', path.join(root, 'out')]);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    const provisioned = (kind: string) =>
      (parse(readFileSync(path.join(root, 'out/grafana/provisioning/datasources', `${kind}.yml`), 'utf8')) as { datasources: Array<Record<string, unknown>> }).datasources[0]!;
    const input = (parse(readFileSync(path.join(dir, 'logs-traces.yaml'), 'utf8')) as { datasources: Array<Record<string, unknown>> }).datasources;
    expect(provisioned('loki')).toMatchObject({ ...input[0], jsonData: { maxLines: 500, derivedFields: [expect.objectContaining((input[0]!['jsonData'] as { derivedFields: object[] }).derivedFields[0])] } });
    expect((provisioned('tempo')['jsonData'] as Record<string, unknown>)['tracesToLogsV2']).toMatchObject((input[1]!['jsonData'] as Record<string, unknown>)['tracesToLogsV2'] as object);
    expect(provisioned('prometheus')).toMatchObject({ name: 'Metrics', uid: 'metrics', url: 'http://prom.shop:9090', jsonData: { exemplarTraceIdDestinations: [{ name: 'traceID', datasourceUid: 'traces' }] } });
    expect(provisioned('jaeger')['jsonData']).toEqual({});
  }, 120_000);
});
