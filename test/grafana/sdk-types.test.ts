// The classic dashboard JSON we write is checked against the Grafana Foundation SDK's own types:
// every dashboard, panel, options and field-config key must be one the SDK declares (TypeScript's
// excess-property check on object literals), for Totem's dashboards and every feature golden.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';
import { pluginImports, pluginVariants, typecheck, typedDocuments } from '../helpers/sdk-types.js';

function typedModule(dashboards: Record<string, unknown>): string {
  return typedDocuments(
    [
      "import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';",
      ...pluginImports(),
      "type Field<C> = { defaults: Omit<dashboard.FieldConfig, 'custom'> & { custom?: C }; overrides: dashboard.FieldConfigSource['overrides'] };",
      "type Base = Omit<dashboard.Panel, 'type' | 'options' | 'fieldConfig' | 'targets'> & { targets?: Array<Omit<prometheus.Dataquery, '_implementsDataqueryVariant'> | Omit<loki.dataquery, '_implementsDataqueryVariant'> | Omit<tempo.Dataquery, '_implementsDataqueryVariant'>> };",
      'type Panel = Json<',
      ...pluginVariants((type, module, custom) => `(Base & { type: '${type}'; options?: ${module}.Options; fieldConfig?: Field<${custom}> })`),
      // Grafana's trace view (one trace by id) has no options of its own and no SDK module.
      "  | (Base & { type: 'traces'; options?: never; fieldConfig?: Field<never> })",
      '>;',
      "type Row = Json<Omit<dashboard.RowPanel, 'panels'>> & { panels: Panel[] };",
      "type Dashboard = Json<Omit<dashboard.Dashboard, 'panels'>> & { panels: Array<Panel | Row> };",
    ],
    'Dashboard',
    dashboards,
  );
}

function goldens(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dirs = [path.join(REPO, 'out/grafana/dashboards'), path.join(REPO, 'test/grafana/__golden__/features')];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) out[path.relative(REPO, path.join(dir, f))] = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  }
  return out;
}

describe('classic dashboard JSON against the SDK types', () => {
  it("every field of Totem's dashboards and the feature goldens is one the SDK declares", async () => {
    const all = goldens();
    expect(Object.keys(all).length).toBeGreaterThanOrEqual(5);
    const result = await typecheck(typedModule(all));
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  }, 120_000);

  it('refuses a field the SDK does not declare (the check can fail)', async () => {
    const [name, first] = Object.entries(goldens())[0]!;
    const json = structuredClone(first) as { panels: Array<Record<string, unknown>> };
    json.panels[0]!.colour = 'red';
    const result = await typecheck(typedModule({ [name]: json }));
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/'"?colour"?' does not exist/);
  }, 120_000);
});
