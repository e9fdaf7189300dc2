/**
 * Two provisioned data sources with one uid or name, written in totem-mon.config.ts and in the
 * project: the finding is at the line that writes the clashing value, and its message names both
 * sides with their files, Prometheus's too (its uid set in the config, or left to the default).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

let root = '';
const cwd = process.cwd();

beforeEach(() => {
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  cpSync(path.join(FIXTURES, 'config/folders/definitions'), path.join(root, 'definitions'), { recursive: true });
  process.chdir(root);
});

afterEach(() => process.chdir(cwd));

function writeConfig(grafana: string): void {
  writeFileSync(path.join(root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({\n  out: 'out',\n  grafana: {\n    ${grafana},\n  },\n});\n`);
}

/** The project's grafana settings, written into its defineProject call (a line of their own). */
function projectGrafana(grafana: string): number {
  const file = path.join(root, 'definitions/index.ts');
  const text = readFileSync(file, 'utf8').replace(`name: 'shop',`, `name: 'shop',\n  grafana: {\n    ${grafana},\n  },`);
  writeFileSync(file, text);
  return text.split('\n').findIndex((l) => l.includes(grafana)) + 1;
}

const errorLines = (report: string) => report.split('\n').filter((l) => l.startsWith('error [dashboard/unknown-datasource]'));

describe('dashboard/unknown-datasource: data sources that clash across the config and the project', () => {
  it("Prometheus's uid in the config, Loki's in the project: at the project's line, naming the config's", async () => {
    writeConfig(`datasource: { uid: 'logs' }`);
    const line = projectGrafana(`loki: { uid: 'logs' }`);
    const result = await runCli(['validate', '--offline']);
    expect(result.code).toBe(1);
    expect(errorLines(result.stdout)).toEqual([
      `error [dashboard/unknown-datasource] definitions/index.ts:${line} › grafana › loki › uid: the loki data source (grafana.loki.uid in definitions/index.ts) and the prometheus data source (grafana.datasource.uid in totem-mon.config.ts) have the same uid "logs": Grafana provisions one of them`,
    ]);
  });

  it("Loki in the config with the default Prometheus data source's name: at the config's line, naming the config's grafana as where Prometheus's default comes from", async () => {
    writeConfig(`loki: { name: 'Prometheus' }`);
    const result = await runCli(['generate']);
    expect(result.code).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      'error [dashboard/unknown-datasource] totem-mon.config.ts:6 › grafana › loki › name: the loki data source (grafana.loki.name in totem-mon.config.ts) and the prometheus data source (the default name: no grafana.datasource.name in totem-mon.config.ts) have the same name "Prometheus": Grafana provisions one of them',
    ]);
    expect(result.stderr).toContain('generate: nothing written: 1 error, 0 warnings in totem-mon.config.ts');
  });

  it('a link named in the config to a data source nothing provisions: at the line that names it', async () => {
    writeConfig(`loki: {},\n    tempo: {\n      traceToLogs: { datasource: 'nope' },\n    }`);
    const result = await runCli(['validate', '--offline', '--format', 'github']);
    expect(result.stdout).toMatch(/^::error file=totem-mon\.config\.ts,line=8,col=\d+,title=dashboard\/unknown-datasource::grafana › tempo › traceToLogs › datasource: Tempo's trace to logs link/m);
  });
});
