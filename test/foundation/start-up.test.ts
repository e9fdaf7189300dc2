// The bundled CLI (scripts/bundle.mjs) is one CommonJS file whose modules run lazily: esbuild wraps a
// module that is only reached through a dynamic import in an init function (`__esm`, `__commonJS`)
// and turns the import into a call of it. So `generate` and `validate` start the loader process
// before the heavy libraries of the stages run. What runs at start and what each command runs
// before its stages is read from the bundle itself: parsed (oxc-parser), the calls of those init
// functions outside any function body are followed through the init functions' own bodies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSync } from 'oxc-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { BUNDLE, ensureBuilt } from '../helpers/built.js';

const STAGE_LIBRARIES = ['zod', 'yaml', '@grafana/grafana-foundation-sdk', '@prometheus-io/lezer-promql', '@lezer/lr', 'execa'];

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

interface Bundle {
  /** The module (`dist/app/stages.js`, `node_modules/yaml/dist/index.js`) each init function runs. */
  moduleOf: Map<string, string>;
  /** The init functions each init function calls when it runs (not those its functions call later). */
  callsOf: Map<string, string[]>;
  /** The init functions called at the top level: when the bundle starts. */
  atStart: string[];
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
const isInit = (name: string) => /^(init|require)_/.test(name);
const FUNCTIONS = new Set(['FunctionExpression', 'FunctionDeclaration', 'ArrowFunctionExpression']);

/** Calls of init functions in `node`, not descending into function bodies. */
function initCalls(node: Node, out: string[] = []): string[] {
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (!isNode(child) || FUNCTIONS.has(child.type)) continue;
      const callee = child.type === 'CallExpression' ? (child.callee as Node) : undefined;
      if (callee?.type === 'Identifier' && isInit(callee.name as string)) out.push(callee.name as string);
      initCalls(child, out);
    }
  }
  return out;
}

function readBundle(): Bundle {
  const text = readFileSync(BUNDLE, 'utf8');
  const { program } = parseSync(BUNDLE, text) as unknown as { program: Node };
  const moduleOf = new Map<string, string>();
  const callsOf = new Map<string, string[]>();
  const atStart: string[] = [];
  for (const statement of program.body as Node[]) {
    // var init_x = __esm({ "dist/x.js"() { … } }); var require_y = __commonJS({ "node_modules/…"(exports, module) { … } });
    const declarator = statement.type === 'VariableDeclaration' ? (statement.declarations as Node[])[0] : undefined;
    const name = (declarator?.id as Node | undefined)?.name as string | undefined;
    const init = declarator?.init as Node | undefined;
    const wrapper = init?.type === 'CallExpression' ? ((init.callee as Node).name as string) : undefined;
    if (name && isInit(name) && (wrapper === '__esm' || wrapper === '__commonJS')) {
      const property = ((init!.arguments as Node[])[0]!.properties as Node[])[0]!;
      moduleOf.set(name, (property.key as Node).value as string);
      callsOf.set(name, initCalls((property.value as Node).body as Node));
      continue;
    }
    atStart.push(...initCalls(statement));
  }
  return { moduleOf, callsOf, atStart };
}

/** The modules that have run once the given init functions have. */
function modulesRun(bundle: Bundle, inits: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...inits];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(bundle.callsOf.get(next) ?? []));
  }
  return new Set([...seen].map((i) => bundle.moduleOf.get(i)!));
}

const packagesIn = (modules: Set<string>): Set<string> => new Set([...modules].flatMap((m) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(m)?.[1] ?? []));
const ours = (modules: Set<string>): Set<string> => new Set([...modules].flatMap((m) => /^dist\/(.+)$/.exec(m)?.[1] ?? []));

/** The init function of one of our modules (`cli/generate.js`). */
function initOf(bundle: Bundle, module: string): string {
  const found = [...bundle.moduleOf].filter(([, m]) => m === `dist/${module}`).map(([i]) => i);
  expect(found, module).toHaveLength(1);
  return found[0]!;
}

describe('the bundled CLI runs what a step needs when it needs it', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    await ensureBuilt();
    bundle = readBundle();
  }, 180_000);

  it('holds the stages and their libraries, each behind an init function (so it runs when called for)', () => {
    expect(path.relative(REPO, BUNDLE)).toBe(path.join('dist', 'totem-mon.cjs'));
    const wrapped = new Set(bundle.moduleOf.values());
    for (const library of STAGE_LIBRARIES) expect(packagesIn(wrapped), library).toContain(library);
    for (const module of ['app/stages.js', 'app/validate.js', 'lint/index.js', 'compile/index.js', 'io/load.js', 'io/loader/spawn.js', 'cli/generate.js', 'cli/validate.js']) {
      expect(ours(wrapped), module).toContain(module);
    }
    // The analysis follows the calls: running app/generate.js runs the stages and their libraries.
    const generating = modulesRun(bundle, [initOf(bundle, 'app/generate.js')]);
    expect(ours(generating)).toContain('app/stages.js');
    for (const library of ['zod', 'yaml', '@prometheus-io/lezer-promql']) expect(packagesIn(generating), library).toContain(library);
  });

  it('starting up (the command line) runs none of the stages or their libraries', () => {
    const atStart = modulesRun(bundle, bundle.atStart);
    // What the command line needs does run (the analysis finds the calls at all).
    expect(packagesIn(atStart)).toContain('commander');
    expect(ours(atStart)).toContain('diagnostic.js');
    for (const library of STAGE_LIBRARIES) expect(packagesIn(atStart), library).not.toContain(library);
    expect(ours(atStart)).not.toContain('app/stages.js');
  });

  for (const command of ['generate', 'validate']) {
    it(`${command} has the loader process in hand before the stages and the report run`, () => {
      const start = modulesRun(bundle, [...bundle.atStart, initOf(bundle, `cli/${command}.js`)]);
      expect(ours(start)).toContain('io/load.js');
      expect(ours(start)).toContain('io/loader/spawn.js');
      for (const later of ['app/stages.js', `app/${command}.js`, `cli/${command}-report.js`, 'lint/index.js', 'compile/index.js']) expect(ours(start), later).not.toContain(later);
      for (const library of STAGE_LIBRARIES) expect(packagesIn(start), library).not.toContain(library);
    });
  }
});
