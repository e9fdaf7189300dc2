/**
 * Issue 20: totem-mon.config.ts. Found from the current folder upwards (not past a repository's
 * root), run by the same loader process as the definitions, checked by a schema; flags win over it;
 * messages and hints repeat the flags or config in use; its Grafana settings reach the output, over
 * the project's, with English defaults when neither sets them.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const WEB = path.join(FIXTURES, 'config/web');
const PROVIDER = 'grafana/provisioning/dashboards/totem-mon.yml';
const DATASOURCE = 'grafana/provisioning/datasources/prometheus.yml';

let root = '';
const cwd = process.cwd();

/** A repository: <root>/.git, <root>/monitoring (the web fixture's definitions), run from <root>. */
beforeEach(() => {
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  cpSync(path.join(WEB, 'definitions'), path.join(root, 'monitoring'), { recursive: true });
  process.chdir(root);
});

afterEach(() => process.chdir(cwd));

function writeConfig(body: string, file = path.join(root, 'totem-mon.config.ts')): void {
  writeFileSync(file, `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig(${body});\n`);
}

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('totem-mon.config.ts names the folders', () => {
  it('is found from a subfolder, its paths relative to itself', async () => {
    writeConfig(`{ definitions: 'monitoring', out: 'deploy/monitoring' }`);
    mkdirSync(path.join(root, 'sub/deeper'), { recursive: true });
    process.chdir(path.join(root, 'sub/deeper'));
    const result = await runCli(['generate']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(root, 'deploy/monitoring/prometheus/prometheus.yml'))).toBe(true);
    expect(result.stdout).toContain('files in ../../deploy/monitoring/');
    // and validate, from the same place, reads the same definitions
    const validate = await runCli(['validate', '--offline']);
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stdout).toContain('1 dashboard');
  });

  it('a definitions/ folder beside a config that names another one is not loaded (nor heard from)', async () => {
    // The commands start loading definitions/ while the config loads; this config names monitoring/.
    mkdirSync(path.join(root, 'definitions'));
    writeFileSync(path.join(root, 'definitions/index.ts'), "console.error('from the default folder');\nexport default {};\n");
    writeConfig(`{ definitions: 'monitoring' }`);
    const result = await runCli(['generate']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('1 dashboard');
    // The early load is stopped: its output is dropped, whatever it managed to print.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(result.stderr).not.toContain('from the default folder');
  });

  it('a flag wins over the config, the config over the default', async () => {
    writeConfig(`{ definitions: 'monitoring', out: 'deploy/monitoring' }`);
    const result = await runCli(['generate', '--out', 'elsewhere']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(root, 'elsewhere/prometheus/prometheus.yml'))).toBe(true);
    expect(existsSync(path.join(root, 'deploy'))).toBe(false);
  });

  it('is not looked for above the repository root', async () => {
    // The config sits in the folder that holds the repository: not this project's.
    const outer = root;
    root = path.join(outer, 'repo');
    mkdirSync(path.join(root, '.git'), { recursive: true });
    cpSync(path.join(outer, 'monitoring'), path.join(root, 'definitions'), { recursive: true });
    writeConfig(`{ out: 'outer-out' }`, path.join(outer, 'totem-mon.config.ts'));
    process.chdir(root);
    const result = await runCli(['generate']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(root, 'out/prometheus/prometheus.yml'))).toBe(true);
    expect(existsSync(path.join(root, 'outer-out'))).toBe(false);
    expect(existsSync(path.join(outer, 'outer-out'))).toBe(false);
  });

  it('--config names the file; a missing one is a usage error', async () => {
    mkdirSync(path.join(root, 'ops'));
    writeConfig(`{ definitions: '../monitoring', out: '../generated' }`, path.join(root, 'ops/monitoring.config.ts'));
    const result = await runCli(['generate', '--config', 'ops/monitoring.config.ts']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(root, 'generated/prometheus/prometheus.yml'))).toBe(true);
    const missing = await runCli(['generate', '--config', 'nope.config.ts']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('config file not found: nope.config.ts');
  });
});

describe('messages and hints repeat the flags or config in use', () => {
  it('--check: the out/definitions of the config, and a rerun command with the flags given', async () => {
    writeConfig(`{ definitions: 'monitoring', out: 'deploy/monitoring' }`);
    expect((await runCli(['generate'])).code).toBe(0);
    writeFileSync(path.join(root, 'deploy/monitoring/prometheus/prometheus.yml'), 'edited\n');
    const fromConfig = await runCli(['generate', '--check']);
    expect(fromConfig.code).toBe(1);
    expect(fromConfig.stderr).toContain('generate --check: deploy/monitoring/ is out of date with monitoring/');
    expect(fromConfig.stderr).toContain('run `totem-mon generate` and commit the result (settings from totem-mon.config.ts)');

    expect((await runCli(['generate', '--out', 'other'])).code).toBe(0);
    writeFileSync(path.join(root, 'other/prometheus/prometheus.yml'), 'edited\n');
    const withFlag = await runCli(['generate', '--check', '--out', 'other']);
    expect(withFlag.stderr).toContain('run `totem-mon generate --out other` and commit the result');
  });

  it('a definitions folder the config names but that is missing: exit 2, naming the config', async () => {
    writeConfig(`{ definitions: 'monitoringg' }`);
    const result = await runCli(['generate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("definitions folder not found: monitoringg (definitions: 'monitoringg' (from totem-mon.config.ts))");
    expect(result.stderr).toContain('hint: fix definitions in totem-mon.config.ts, or pass --definitions DIR');
  });

  it('an out the config sets that is the definitions folder: exit 2, naming the config', async () => {
    writeConfig(`{ definitions: 'monitoring', out: 'monitoring' }`);
    const result = await runCli(['generate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("out: 'monitoring' (from totem-mon.config.ts) is the definitions folder");
  });

  it('the provisioning comment names the output folder in use', async () => {
    writeConfig(`{ definitions: 'monitoring', out: 'deploy/monitoring' }`);
    expect((await runCli(['generate'])).code).toBe(0);
    const provider = read(`deploy/monitoring/${PROVIDER}`);
    expect(provider).toContain('mount deploy/monitoring/grafana/dashboards there');
    expect(provider).toContain('(Docker Compose: ./deploy/monitoring/grafana/dashboards:/var/lib/grafana/dashboards/totem-mon:ro)');
    expect(provider).not.toContain(' out/');
  });
});

describe('the output folder in generated comments', () => {
  it('an output outside the project root is not spelled out: the output does not depend on where it is written', async () => {
    writeConfig(`{ definitions: 'monitoring' }`);
    const a = path.join(tempDir(), 'out');
    const b = path.join(tempDir(), 'elsewhere');
    expect((await runCli(['generate', '--out', a])).code).toBe(0);
    expect((await runCli(['generate', '--out', b])).code).toBe(0);
    const provider = readFileSync(path.join(a, PROVIDER), 'utf8');
    expect(provider).toContain('mount <out>/grafana/dashboards there');
    expect(provider).not.toContain(a);
    expect(readFileSync(path.join(b, PROVIDER), 'utf8')).toBe(provider);
  });
});

describe('a config that is wrong is a usage error at its line', () => {
  it('a setting of the wrong shape: the path inside the config and its line, with the definitions\' findings (exit 1, nothing written)', async () => {
    writeConfig(`{\n  definitions: 'monitoring',\n  grafana: { datasource: { url: 'prometheus:9090' } },\n}`);
    const result = await runCli(['generate']);
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/error \[schema\] totem-mon\.config\.ts:5 › grafana › datasource › url: invalid data source URL/);
    expect(result.stderr).toMatch(/^generate: nothing written: 1 error, \d+ warnings? in totem-mon\.config\.ts$/m);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('a field of no known name stops the run before the definitions load (it may be a misspelt definitions or out)', async () => {
    writeConfig(`{\n  definitions: 'monitoring',\n  outt: 'deploy',\n}`);
    const result = await runCli(['generate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('totem-mon: totem-mon.config.ts is not a valid config');
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('an unknown check id in its lint settings, with the closest one', async () => {
    writeConfig(`{ definitions: 'monitoring', lint: { checks: { 'alert/namin': 'off' } } }`);
    const result = await runCli(['validate', '--offline']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('unknown check id "alert/namin"');
    expect(result.stdout).toContain('did you mean "alert/naming"?');
  });

  it('runs in the loader process: an exit or a throw there is reported at its line, totem-mon goes on to exit 2', async () => {
    writeFileSync(path.join(root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\nconst x: number = 1;\nprocess.exit(0);\nexport default defineConfig({});\n`);
    const exited = await runCli(['generate']);
    expect(exited.code).toBe(2);
    expect(exited.stderr).toContain('error [load] totem-mon.config.ts:3: totem-mon.config.ts called process.exit(0) while loading');
    writeFileSync(path.join(root, 'totem-mon.config.ts'), `export default { definitions: 'monitoring' };\n`);
    const plain = await runCli(['generate']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('totem-mon.config.ts does not default-export a config');
  });

  it('what it prints does not reach a JSON report, which holds it as a warning', async () => {
    writeFileSync(path.join(root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\nconsole.log('hello');\nexport default defineConfig({ definitions: 'monitoring' });\n`);
    const result = await runCli(['validate', '--offline', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ id: string; severity: string; message: string }> };
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ id: 'load', severity: 'warning', message: expect.stringContaining('totem-mon.config.ts wrote 1 line(s) to standard output') }));
  });
});

describe('the Grafana settings', () => {
  it('default to English and the conventional Docker Compose names', async () => {
    expect((await runCli(['generate', '--definitions', 'monitoring'])).code).toBe(0);
    const dashboard = JSON.parse(read('out/grafana/dashboards/web.json')) as { templating: { list: Array<{ name: string; label: string; current: { text: string; value: string } }> } };
    const variable = dashboard.templating.list.find((v) => v.name === 'datasource')!;
    expect(variable.label).toBe('Data source');
    expect(variable.current).toMatchObject({ text: 'Prometheus', value: 'prometheus' });
    expect(read(`out/${DATASOURCE}`)).toContain('url: http://prometheus:9090');
    expect(read(`out/${PROVIDER}`)).toContain('folder: web');
  });

  it('come from the config: data source, folder, mount path and the drop-down label', async () => {
    writeConfig(`{
      definitions: 'monitoring',
      grafana: {
        datasource: { name: 'Mimir', uid: 'mimir-prod', url: 'https://mimir.internal:8080/prometheus' },
        folder: 'Web team',
        provisioningPath: '/srv/grafana/dashboards',
        datasourceVariableLabel: 'Source',
      },
    }`);
    expect((await runCli(['generate'])).code).toBe(0);
    const dashboard = read('out/grafana/dashboards/web.json');
    expect(dashboard).toContain('"label": "Source"');
    expect(dashboard).toMatch(/"text": "Mimir",\s*"value": "mimir-prod"/);
    const datasource = read(`out/${DATASOURCE}`);
    expect(datasource).toContain('name: Mimir');
    expect(datasource).toContain('uid: mimir-prod');
    expect(datasource).toContain('url: https://mimir.internal:8080/prometheus');
    expect(datasource).toContain('defaults to uid "mimir-prod"');
    const provider = read(`out/${PROVIDER}`);
    expect(provider).toContain('folder: Web team');
    expect(provider).toContain('path: /srv/grafana/dashboards');
    expect(provider).toContain('mount out/grafana/dashboards there');
    expect(provider).toContain('./out/grafana/dashboards:/srv/grafana/dashboards:ro');
  });

  it("the project may set them; the config's win field by field", async () => {
    const index = path.join(root, 'monitoring/index.ts');
    writeFileSync(
      index,
      readFileSync(index, 'utf8').replace("name: 'web',", "name: 'web',\n  grafana: { datasourceVariableLabel: 'Fonte', folder: 'Project folder', datasource: { url: 'http://project:9090' } },"),
    );
    writeConfig(`{ definitions: 'monitoring', grafana: { folder: 'Config folder' } }`);
    expect((await runCli(['generate'])).code).toBe(0);
    expect(read('out/grafana/dashboards/web.json')).toContain('"label": "Fonte"');
    expect(read(`out/${PROVIDER}`)).toContain('folder: Config folder');
    expect(read(`out/${DATASOURCE}`)).toContain('url: http://project:9090');
  });
});

describe("the config's lint settings", () => {
  it("turn a check off or change its severity, over the project's", async () => {
    const before = await runCli(['validate', '--offline', '--definitions', 'monitoring']);
    expect(before.stdout).toContain('warning [alert/naming]');
    writeConfig(`{ definitions: 'monitoring', lint: { checks: { 'alert/naming': 'off' } } }`);
    const off = await runCli(['validate', '--offline']);
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('alert/naming');
    const index = path.join(root, 'monitoring/index.ts');
    writeFileSync(index, readFileSync(index, 'utf8').replace("name: 'web',", "name: 'web',\n  lint: { checks: { 'alert/naming': 'off', 'alert/missing-for': 'error' } },"));
    writeConfig(`{ definitions: 'monitoring', lint: { checks: { 'alert/naming': 'error' } } }`);
    const error = await runCli(['validate', '--offline']);
    expect(error.code).toBe(1);
    expect(error.stdout).toContain('error [alert/naming]');
  });
});
