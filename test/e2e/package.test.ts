/**
 * Issue 20, totem-mon as people install it: the package is packed (`npm pack` of what `files`
 * ships, with dist/ built from the current sources), installed into a temporary folder with no
 * network (`npm ci --offline`: totem-mon from the tarball, everything else from the npm cache this
 * repository's `npm ci` filled; test/e2e/offline-install.ts), and then used the way the README says:
 * `totem-mon init` → `npm install` → `generate` → `validate` → `generate --check`, `tsc` on the
 * scaffold, and `totem-mon/prom-client` imported by a plain Node program.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa, type Options } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { offlineLock, writeOfflineLock } from './offline-install.js';

const own = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

// No network: every package from the cache, no audit, no update check.
const NPM_OFFLINE = ['--offline', '--no-audit', '--no-fund', '--loglevel=error'];
const npmEnv = { npm_config_update_notifier: 'false' };

let root = '';
let tarball = '';
let infra = '';

async function run(file: string, args: readonly string[], options: Options = {}): Promise<{ exitCode: number | undefined; stdout: string; all: string }> {
  const result = await execa(file, args, { reject: false, all: true, env: npmEnv, ...options });
  return { exitCode: result.exitCode, stdout: String(result.stdout), all: String(result.all) };
}

/** The tarball `npm pack` makes of the package as `files` ships it, dist/ built from src/ (into the staging copy, not the repository's dist/). */
async function pack(): Promise<string> {
  const stage = path.join(root, 'stage');
  mkdirSync(stage);
  for (const entry of [...own.files.filter((f) => f !== 'dist'), 'package.json', 'README.md', 'CHANGELOG.md']) {
    if (existsSync(path.join(REPO, entry))) cpSync(path.join(REPO, entry), path.join(stage, entry), { recursive: true });
  }
  // `npm run build`, into the copy: tsc, then the CLI bundle (scripts/bundle.mjs).
  const build = await run(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', path.join(REPO, 'tsconfig.build.json'), '--outDir', path.join(stage, 'dist')]);
  expect(build.exitCode, build.all).toBe(0);
  const bundle = await run(process.execPath, [path.join(REPO, 'scripts/bundle.mjs'), path.join(stage, 'dist')]);
  expect(bundle.exitCode, bundle.all).toBe(0);
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root, ...NPM_OFFLINE], { cwd: stage });
  expect(packed.exitCode, packed.all).toBe(0);
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  return path.join(root, info!.filename);
}

/** `npm ci --offline` in dir, for the given dev dependencies (totem-mon's from the tarball). */
async function installOffline(dir: string, name: string, devDependencies: Record<string, string>): Promise<void> {
  const relative = path.relative(dir, tarball);
  const deps = { ...devDependencies, [own.name]: `file:${relative}` };
  const pkgFile = path.join(dir, 'package.json');
  const pkg = existsSync(pkgFile) ? (JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, unknown>) : { name, private: true };
  writeFileSync(pkgFile, `${JSON.stringify({ ...pkg, devDependencies: deps }, null, 2)}\n`);
  writeOfflineLock(dir, offlineLock({ repoLock: path.join(REPO, 'package-lock.json'), name, tarball: relative, devDependencies: deps, own }));
  const installed = await run('npm', ['ci', ...NPM_OFFLINE], { cwd: dir });
  expect(installed.exitCode, installed.all).toBe(0);
}

const totemMon = (args: readonly string[]) => run(path.join(infra, 'node_modules/.bin/totem-mon'), args, { cwd: infra, env: { ...npmEnv, NO_COLOR: '1' } });

beforeAll(async () => {
  root = tempDir('totem-mon-package-');
  tarball = await pack();
  // `npx totem-mon init infra`: the tool installed on its own (what npx does), then run.
  const tool = path.join(root, 'tool');
  mkdirSync(tool);
  await installOffline(tool, 'tool', {});
  infra = path.join(root, 'infra');
  const init = await run(path.join(tool, 'node_modules/.bin/totem-mon'), ['init', 'infra'], { cwd: root });
  expect(init.exitCode, init.all).toBe(0);
  // `npm install` of the scaffold: its own dev dependencies (TypeScript's range checked against the
  // lock by npm ci), totem-mon from the tarball, and prom-client for the instrumentation import.
  const scaffold = JSON.parse(readFileSync(path.join(infra, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  expect(scaffold.devDependencies[own.name]).toBe(`^${own.version}`);
  await installOffline(infra, 'infra', { ...scaffold.devDependencies, 'prom-client': own.devDependencies['prom-client']! });
}, 600_000);

describe('the packed package, installed offline and used as the README says', () => {
  it('installs its bin, which runs the bundled CLI and prints its own version', async () => {
    const result = await totemMon(['--version']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(own.version);
    expect(existsSync(path.join(infra, 'node_modules/totem-mon/dist/totem-mon.cjs'))).toBe(true);
  });

  it('init wrote a module package whose dependencies installed', () => {
    const pkg = JSON.parse(readFileSync(path.join(infra, 'package.json'), 'utf8')) as { type: string };
    expect(pkg.type).toBe('module');
    expect(existsSync(path.join(infra, 'node_modules/typescript/package.json'))).toBe(true);
    expect(existsSync(path.join(infra, 'node_modules/totem-mon/scaffold'))).toBe(true);
  });

  it('generate, then generate --check, pass', async () => {
    const generate = await totemMon(['generate']);
    expect(generate.exitCode, generate.all).toBe(0);
    expect(generate.stdout).toContain('0 errors, 0 warnings');
    const check = await totemMon(['generate', '--check']);
    expect(check.exitCode, check.all).toBe(0);
    expect(check.stdout).toContain('generate --check: out/ is up to date');
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])(
    'validate passes with the real promtool and amtool',
    async () => {
      const validate = await totemMon(['validate']);
      expect(validate.exitCode, validate.all).toBe(0);
      expect(validate.stdout).toMatch(/validate ok: .* 0 errors, 0 warnings · targets Prometheus \S+ \(installed\), Alertmanager \S+ \(installed\) · promtool \S+ \(check config, test rules\), amtool \S+/);
    },
    120_000,
  );

  it('the scaffold type-checks against the installed declarations (tsc)', async () => {
    const tsc = await run(path.join(infra, 'node_modules/.bin/tsc'), ['-p', '.'], { cwd: infra });
    expect(tsc.exitCode, tsc.all).toBe(0);
  }, 120_000);

  it("a Node program imports 'totem-mon' and 'totem-mon/prom-client' and serves the catalogue's metrics", async () => {
    const program = [
      "import { counter } from 'totem-mon';",
      "import { promClientMetrics } from 'totem-mon/prom-client';",
      "import { Registry } from 'prom-client';",
      'const registry = new Registry();',
      "const requests = counter({ name: 'http_requests_total', help: 'HTTP requests answered.', labels: ['code'] });",
      "promClientMetrics([requests], { registry }).get(requests).inc({ code: '200' });",
      'process.stdout.write(await registry.metrics());',
    ].join('\n');
    writeFileSync(path.join(infra, 'serve.mjs'), program);
    const result = await run(process.execPath, ['serve.mjs'], { cwd: infra });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain('# TYPE http_requests_total counter');
    expect(result.stdout).toContain('http_requests_total{code="200"} 1');
  });
});
