/**
 * Issue 20: `totem-mon init [dir]` scaffolds a working monitoring repository: right after it,
 * generate, validate (the real promtool and amtool, strict) and generate --check pass. It never
 * overwrites a file unless told to (--force), and nothing in it is Totem's.
 */
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';

const cwd = process.cwd();
afterEach(() => process.chdir(cwd));

const own = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };

/** A fresh folder named `name` in a temp dir, scaffolded; the current folder is it. */
async function scaffolded(name = 'payments-monitoring'): Promise<string> {
  const dir = path.join(tempDir(), name);
  const result = await runCli(['init', dir]);
  expect(result.code, result.stderr).toBe(0);
  process.chdir(dir);
  return dir;
}

/** Every file under dir, relative, hidden ones included. */
function files(dir: string): string[] {
  return Object.keys(snapshotTree(dir)).sort();
}

describe('totem-mon init', () => {
  it('writes the repository: package, config, definitions, templates, CI, .gitignore', async () => {
    const dir = await scaffolded();
    expect(files(dir)).toEqual(
      [
        '.github/workflows/monitoring.yml',
        '.gitignore',
        '.gitlab-ci.yml',
        'definitions/alertmanager.ts',
        'definitions/alerts.ts',
        'definitions/dashboards.ts',
        'definitions/index.ts',
        'definitions/metrics.ts',
        'package.json',
        'templates/notifications.tmpl',
        'totem-mon.config.ts',
        'tsconfig.json',
      ].sort(),
    );
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      name: 'payments-monitoring',
      private: true,
      type: 'module', // `npm init -y` writes commonjs, and then no import type-checks (TS1295)
      scripts: { generate: 'totem-mon generate', check: 'totem-mon generate --check', validate: 'totem-mon validate', typecheck: 'tsc' },
      devDependencies: { 'totem-mon': `^${own.version}`, typescript: own.devDependencies['typescript'] },
    });
    expect(readFileSync(path.join(dir, 'definitions/index.ts'), 'utf8')).toContain("name: 'payments-monitoring'");
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('node_modules/');
  });

  it('into the current folder by default, and says what to run next', async () => {
    const dir = path.join(tempDir(), 'Infra Repo');
    mkdirSync(dir);
    process.chdir(dir);
    const result = await runCli(['init']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('init: 12 files in the current folder (project "infra-repo")');
    expect(result.stdout).toMatch(/next:\n {2}npm install\n {2}npx totem-mon generate/);
    expect(readdirSync(dir)).toContain('totem-mon.config.ts');
  });

  it('right after it, generate and generate --check pass', async () => {
    const dir = await scaffolded();
    const generate = await runCli(['generate']);
    expect(generate.code, generate.stderr).toBe(0);
    expect(generate.stdout).toContain('3 alerts');
    expect(generate.stdout).toContain('1 dashboard');
    expect(generate.stdout).toContain('0 errors, 0 warnings');
    expect(files(path.join(dir, 'out'))).toContain('alertmanager/templates/notifications.tmpl');
    const check = await runCli(['generate', '--check']);
    expect(check.code, check.stderr).toBe(0);
  });

  itWithBinaries(['promtool', 'amtool'])('right after it, validate passes with the real tools, strict and with every test required', async () => {
    await scaffolded();
    const result = await runCli(['validate', '--strict', '--require-tests']);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('0 errors, 0 warnings');
    expect(result.stdout).toMatch(/promtool \S+ \(check config, test rules\), amtool \S+ \(check-config, routes test\)/);
  });

  it('refuses to overwrite existing files, lists them and writes nothing', async () => {
    const dir = path.join(tempDir(), 'existing');
    mkdirSync(path.join(dir, 'definitions'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"name":"mine"}\n');
    writeFileSync(path.join(dir, 'definitions/index.ts'), '// mine\n');
    const target = path.join(tempDir(), 'outside.txt');
    writeFileSync(target, 'not yours\n');
    symlinkSync(target, path.join(dir, '.gitignore'));
    const before = snapshotTree(dir);
    expect(Object.keys(before).sort()).toEqual(['.gitignore', 'definitions/index.ts', 'package.json']);
    const result = await runCli(['init', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`init: nothing written: 3 file(s) exist in ${dir}/ and would be overwritten:\n  .gitignore\n  definitions/index.ts\n  package.json\n`);
    expect(result.stderr).toContain(`run \`totem-mon init ${dir} --force\``);
    expect(snapshotTree(dir)).toEqual(before);
    expect(lstatSync(path.join(dir, '.gitignore')).isSymbolicLink()).toBe(true);
  });

  it('--force overwrites them (a link is replaced, never followed)', async () => {
    const dir = path.join(tempDir(), 'existing');
    mkdirSync(dir, { recursive: true });
    const target = path.join(tempDir(), 'outside.txt');
    writeFileSync(target, 'not yours\n');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"mine"}\n');
    symlinkSync(target, path.join(dir, '.gitignore'));
    const result = await runCli(['init', dir, '--force']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('  package.json (overwritten)');
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toContain('"type": "module"');
    expect(lstatSync(path.join(dir, '.gitignore')).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('not yours\n');
  });
});

describe('the scaffold', () => {
  it('has CI for GitHub Actions and GitLab that installs promtool and amtool, then runs generate --check and validate', async () => {
    const dir = await scaffolded();
    const github = parse(readFileSync(path.join(dir, '.github/workflows/monitoring.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: { monitoring: { env: Record<string, string>; steps: Array<{ run?: string; uses?: string }> } };
    };
    expect(Object.keys(github.on)).toEqual(['push', 'pull_request']);
    const job = github.jobs.monitoring;
    const runs = job.steps.map((s) => s.run ?? s.uses ?? '');
    const gitlab = parse(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')) as {
      monitoring: { image: string; variables: Record<string, string>; before_script: string[]; script: string[] };
    };
    for (const [variables, install, commands] of [
      [job.env, runs.join('\n'), runs],
      [gitlab.monitoring.variables, gitlab.monitoring.before_script.join('\n'), gitlab.monitoring.script],
    ] as const) {
      expect(variables).toEqual({ PROMETHEUS_VERSION: '2.42.0', ALERTMANAGER_VERSION: '0.25.0' });
      expect(install).toContain('https://github.com/prometheus/prometheus/releases/download/v${PROMETHEUS_VERSION}/prometheus-${PROMETHEUS_VERSION}.linux-amd64.tar.gz');
      expect(install).toContain('https://github.com/prometheus/alertmanager/releases/download/v${ALERTMANAGER_VERSION}/alertmanager-${ALERTMANAGER_VERSION}.linux-amd64.tar.gz');
      expect(install).toMatch(/install .*promtool.*amtool.* \/usr\/local\/bin\//);
      expect(install).toContain('npm ci');
      // tsc, then the check, then validate, in that order
      const order = ['npx tsc', 'npx totem-mon generate --check', 'npx totem-mon validate'].map((c) => commands.findIndex((r) => r.startsWith(c)));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
    expect(gitlab.monitoring.image).toBe('node:20');
  });

  it('is generic: no Totem name, no Portuguese', async () => {
    const dir = await scaffolded('x');
    for (const [file, text] of Object.entries(snapshotTree(dir))) {
      expect(text.replace(/totem-mon/g, ''), file).not.toMatch(/totem/i);
      expect(text, file).not.toMatch(/[ãõçáéíóúâêô]/i);
    }
  });
});

describe('init checks everything before it writes anything', () => {
  it('a definitions link to nothing: nothing written, a clean error naming it, and the same the second time', async () => {
    const dir = path.join(tempDir(), 'dangling');
    mkdirSync(dir);
    symlinkSync(path.join(dir, 'gone'), path.join(dir, 'definitions'));
    process.chdir(dir);
    for (const attempt of [1, 2]) {
      const result = await runCli(['init', '.']);
      expect(result.code, `attempt ${attempt}`).toBe(1);
      expect(result.stderr).not.toContain('internal error');
      expect(result.stderr).toContain('init: nothing written: 1 path(s) in the current folder cannot hold the scaffold:\n  definitions is a link to nothing');
      expect(readdirSync(dir)).toEqual(['definitions']);
    }
  });

  it('a file where a folder goes, and a folder where a file goes: both named, nothing written, even with --force', async () => {
    const dir = path.join(tempDir(), 'in-the-way');
    mkdirSync(path.join(dir, 'package.json'), { recursive: true });
    writeFileSync(path.join(dir, 'templates'), 'mine\n');
    const result = await runCli(['init', dir, '--force']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  package.json is a folder, where a file goes\n  templates is a file, not a folder\n');
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'templates']);
  });
});
