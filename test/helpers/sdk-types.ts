// Checking generated Grafana JSON against the Foundation SDK's own types: the JSON becomes object
// literals typed by the SDK in a throwaway TypeScript project, and tsc's excess-property check
// refuses any field the SDK does not declare (test/grafana/sdk-types.test.ts, v2-sdk-types.test.ts).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { REPO, tempDir } from './cli.js';

/** Panel type → the SDK module whose `Options` and `FieldConfig` type its options and `fieldConfig.defaults.custom`. */
export const PLUGINS: Record<string, { module: string; custom: boolean }> = {
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
  logs: { module: 'logs', custom: false },
  // Through sdkPanel (test/grafana/sdk-panel.test.ts):
  xychart: { module: 'xychart', custom: true },
};

/** The imports of every plugin module and `Json<T>`: JSON holds the values of the SDK's enums, not the enums. */
export function pluginImports(): string[] {
  return [
    ...Object.values(PLUGINS).map((p) => `import type * as ${p.module} from '@grafana/grafana-foundation-sdk/${p.module}';`),
    "import type * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';",
    "import type * as loki from '@grafana/grafana-foundation-sdk/loki';",
    "import type * as tempo from '@grafana/grafana-foundation-sdk/tempo';",
    'type Json<T> = 0 extends 1 & T ? T : T extends string ? `${T}` : T extends number ? number : T extends boolean | null | undefined ? T',
    '  : T extends readonly (infer E)[] ? Json<E>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;',
  ];
}

/** One union member per plugin, written by `member` from the panel type, its SDK module and its `custom` field config type (`never` when it has none). */
export function pluginVariants(member: (type: string, module: string, custom: string) => string): string[] {
  return Object.entries(PLUGINS).map(([type, p]) => `  | ${member(type, p.module, p.custom ? `${p.module}.FieldConfig` : 'never')}`);
}

/** The module's declarations, then each document as `export const dN: <type> = <json>;`. */
export function typedDocuments(declarations: string[], type: string, documents: Record<string, unknown>): string {
  return [...declarations, ...Object.entries(documents).map(([name, json], i) => `// ${name}\nexport const d${i}: ${type} = ${JSON.stringify(json, null, 2)};`), ''].join('\n');
}

/** tsc (strict) on one source file, with the repository's node_modules. */
export async function typecheck(source: string): Promise<{ exitCode: number; output: string }> {
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
