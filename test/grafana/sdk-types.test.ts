// The classic dashboard JSON we write is checked against the Grafana Foundation SDK's own types:
// every dashboard, panel, options and field-config key must be one the SDK declares (TypeScript's
// excess-property check on object literals), for Totem's dashboards and every feature golden.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { REPO, tempDir } from '../helpers/cli.js';

/** Panel type → the SDK module whose `Options` and `FieldConfig` type its options and `fieldConfig.defaults.custom`. */
const PLUGINS: Record<string, { module: string; custom: boolean }> = {
  timeseries: { module: 'timeseries', custom: true },
  stat: { module: 'stat', custom: false },
  gauge: { module: 'gauge', custom: false },
  bargauge: { module: 'bargauge', custom: false },
  table: { module: 'table', custom: true },
  heatmap: { module: 'heatmap', custom: true },
  histogram: { module: 'histogram', custom: true },
  piechart: { module: 'piechart', custom: true },
  'state-timeline': { module: 'statetimeline', custom: true },
  'status-history': { module: 'statushistory', custom: true },
  text: { module: 'text', custom: false },
  // Through sdkPanel (test/grafana/sdk-panel.test.ts):
  xychart: { module: 'xychart', custom: true },
};

function typedModule(dashboards: Record<string, unknown>): string {
  const imports = Object.values(PLUGINS).map((p) => `import type * as ${p.module} from '@grafana/grafana-foundation-sdk/${p.module}';`);
  const panelTypes = Object.entries(PLUGINS).map(
    ([type, p]) =>
      `  | (Base & { type: '${type}'; options?: ${p.module}.Options; fieldConfig?: Field<${p.custom ? `${p.module}.FieldConfig` : 'never'}> })`,
  );
  return [
    "import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';",
    ...imports,
    "import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';",
    // JSON holds the values of the SDK's enums, not the enums: compare with the values' literal types.
    'type Json<T> = 0 extends 1 & T ? T : T extends string ? `${T}` : T extends number ? number : T extends boolean | null | undefined ? T',
    '  : T extends readonly (infer E)[] ? Json<E>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;',
    "type Field<C> = { defaults: Omit<dashboard.FieldConfig, 'custom'> & { custom?: C }; overrides: dashboard.FieldConfigSource['overrides'] };",
    "type Base = Omit<dashboard.Panel, 'type' | 'options' | 'fieldConfig' | 'targets'> & { targets?: Omit<prometheus.Dataquery, '_implementsDataqueryVariant'>[] };",
    'type Panel = Json<',
    ...panelTypes,
    '>;',
    "type Row = Json<Omit<dashboard.RowPanel, 'panels'>> & { panels: Panel[] };",
    "type Dashboard = Json<Omit<dashboard.Dashboard, 'panels'>> & { panels: Array<Panel | Row> };",
    ...Object.entries(dashboards).map(([name, json], i) => `// ${name}\nexport const d${i}: Dashboard = ${JSON.stringify(json, null, 2)};`),
    '',
  ].join('\n');
}

function goldens(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dirs = [path.join(REPO, 'out/grafana/dashboards'), path.join(REPO, 'test/grafana/__golden__/features')];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) out[path.relative(REPO, path.join(dir, f))] = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  }
  return out;
}

async function typecheck(source: string): Promise<{ exitCode: number; output: string }> {
  const dir = tempDir('totem-mon-sdk-types-');
  try {
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/check.ts'), source);
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: [] }, include: ['src'] }),
    );
    const r = await execa(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', dir], { reject: false, all: true });
    return { exitCode: r.exitCode ?? 1, output: r.all ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
