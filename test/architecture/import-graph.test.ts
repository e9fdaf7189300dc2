import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, forbiddenImports, importsOf, type ArrowRule, type ImportEdge } from './import-graph.js';

const SRC = path.join(import.meta.dirname, '..', '..', 'src');

/**
 * The arrows the architecture forbids (README "How it is built"). Entry points may import the use
 * cases in src/app/: the CLI, and the package's index (it exports `synth` and `lint`).
 */
export const RULES: readonly ArrowRule[] = [
  { from: 'compile', to: 'io' },
  { from: 'compile', to: 'validate' },
  { from: 'compile', to: 'api' },
  { from: 'lint', to: 'io' },
  { from: 'model', to: 'cli' },
  { from: 'model', to: 'compile' },
  { from: 'model', to: 'lint' },
  { from: 'promql', to: 'model' },
  // LogQL and TraceQL analysis (src/query/) is a leaf like PromQL's: the grammars only there.
  { from: 'query', to: 'model' },
  { from: 'query', to: 'lint' },
  { from: '*', to: '@grafana/lezer-logql', unless: ['query'] },
  { from: '*', to: '@grafana/lezer-traceql', unless: ['query'] },
  { from: '*', to: 'app', unless: ['cli', 'index.ts'] },
  // Importers are pure (parsed input in, plain data and TypeScript text out): the use case in
  // src/app/import.ts reads and writes through src/io and runs the stages.
  { from: 'import', to: 'io' },
  { from: 'import', to: 'compile' },
  { from: 'import', to: 'validate' },
  { from: 'import', to: 'lint' },
  { from: 'import', to: 'cli' },
  { from: '*', to: 'import', unless: ['app', 'report'] },
  { from: '*', to: '@grafana/grafana-foundation-sdk', unless: ['compile/grafana'] },
  // Output profiles: the Kubernetes helpers serve every Kubernetes profile and know none of them;
  // each profile's compiler is picked by the use cases (app/outputs.ts), never by another compiler.
  { from: 'compile/kubernetes', to: 'compile/prometheus-operator' },
  { from: 'compile/kubernetes', to: 'compile/grafana-kubernetes' },
  { from: 'compile/prometheus-operator', to: 'compile/grafana-kubernetes' },
  { from: 'compile/grafana-kubernetes', to: 'compile/prometheus-operator' },
  { from: 'compile/grafana', to: 'compile/grafana-kubernetes' },
  { from: '*', to: 'compile/prometheus-operator', unless: ['app', 'compile/prometheus-operator'] },
  { from: '*', to: 'compile/grafana-kubernetes', unless: ['app', 'compile/grafana-kubernetes'] },
  { from: 'compile/kubernetes', to: 'compile/rulers' },
  { from: 'compile/prometheus', to: 'compile/rulers' },
  { from: '*', to: 'compile/rulers', unless: ['app', 'compile/rulers'] },
];

describe('the import graph of src/', () => {
  const edges = importsOf(SRC);

  it('is read from the sources: it sees static, type-only and dynamic imports and re-exports', () => {
    // Known arrows of each kind, so that an empty or partial graph cannot pass the checks below.
    expect(edges).toContainEqual({ from: 'cli/main.ts', to: 'cli/generate.ts' }); // await import('./generate.js')
    expect(edges).toContainEqual({ from: 'index.ts', to: 'api/metrics.ts' }); // export … from
    expect(edges).toContainEqual({ from: 'app/stages.ts', to: 'model/types.ts' }); // import type
    expect(edges).toContainEqual({ from: 'compile/grafana/dashboard.ts', to: '@grafana/grafana-foundation-sdk', package: true });
    expect(edges).toContainEqual({ from: 'app/outputs.ts', to: 'compile/prometheus-operator/index.ts' });
  });

  it('has no cycle between folders', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it('has none of the forbidden arrows', () => {
    expect(forbiddenImports(edges, RULES)).toEqual([]);
  });
});

describe('the checker, on made-up graphs', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, to });

  it('finds a cycle between two folders and names the imports that make it', () => {
    const cycles = folderCycles([edge('model/catalogue.ts', 'promql/analyze.ts'), edge('promql/analyze.ts', 'model/names.ts')]);
    expect(cycles).toEqual(['model → promql (model/catalogue.ts → promql/analyze.ts) → model (promql/analyze.ts → model/names.ts)']);
  });

  it('finds a cycle through three folders once, and a second, separate one', () => {
    const cycles = folderCycles([
      edge('a/x.ts', 'b/y.ts'),
      edge('b/y.ts', 'c/z.ts'),
      edge('c/z.ts', 'a/w.ts'),
      edge('d/1.ts', 'e/2.ts'),
      edge('e/2.ts', 'd/3.ts'),
      edge('f/1.ts', 'a/x.ts'),
    ]);
    expect(cycles).toEqual(['a → b (a/x.ts → b/y.ts) → c (b/y.ts → c/z.ts) → a (c/z.ts → a/w.ts)', 'd → e (d/1.ts → e/2.ts) → d (e/2.ts → d/3.ts)']);
  });

  it('takes imports inside one folder, a top-level file and packages for what they are: no folder cycle', () => {
    expect(
      folderCycles([
        edge('model/a.ts', 'model/schema/b.ts'),
        edge('model/schema/b.ts', 'model/a.ts'),
        edge('index.ts', 'api/metrics.ts'),
        edge('api/metrics.ts', 'diagnostic.ts'),
        edge('diagnostic.ts', 'model/a.ts'),
        { from: 'model/a.ts', to: 'api', package: true },
      ]),
    ).toEqual([]);
  });

  it('reports a forbidden arrow, and lets the exceptions and the folder itself through', () => {
    const rules: ArrowRule[] = [
      { from: 'compile', to: 'io' },
      { from: '*', to: 'app', unless: ['cli', 'index.ts'] },
  // Importers are pure (parsed input in, plain data and TypeScript text out): the use case in
  // src/app/import.ts reads and writes through src/io and runs the stages.
  { from: 'import', to: 'io' },
  { from: 'import', to: 'compile' },
  { from: 'import', to: 'validate' },
  { from: 'import', to: 'lint' },
  { from: 'import', to: 'cli' },
  { from: '*', to: 'import', unless: ['app', 'report'] },
      { from: '*', to: 'sdk', unless: ['compile/grafana'] },
    ];
    const found = forbiddenImports(
      [
        edge('compile/prometheus/rules.ts', 'io/write.ts'),
        edge('io/write.ts', 'compile/output.ts'),
        edge('cli/generate.ts', 'app/generate.ts'),
        edge('index.ts', 'app/synth.ts'),
        edge('app/generate.ts', 'app/stages.ts'),
        edge('lint/run.ts', 'app/stages.ts'),
        { from: 'compile/grafana/panels.ts', to: 'sdk', package: true },
        { from: 'compile/prometheus/rules.ts', to: 'sdk', package: true },
        { from: 'compile/prometheus/rules.ts', to: 'sdk-extra', package: true },
        edge('compile/sdk/x.ts', 'compile/y.ts'),
      ],
      rules,
    );
    expect(found).toEqual([
      'compile/prometheus/rules.ts → io/write.ts (compile must not import io)',
      'lint/run.ts → app/stages.ts (only cli, index.ts may import app)',
      'compile/prometheus/rules.ts → sdk (only compile/grafana may import sdk)',
    ]);
  });
});
