// validate checks the generated blackbox modules with the exporter itself (`--config.check`) where
// it is installed, maps its complaint to the health checks, and says so when it could not check.
import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { validate } from '../../src/app/validate.js';

const BASIC = path.join(FIXTURES, 'health/basic');

function fakeExporter(body: string): string {
  const file = path.join(tempDir('totem-mon-fake-blackbox-'), 'blackbox_exporter');
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "blackbox_exporter, version 9.9.9 (branch: x)"; exit 0; fi\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('validate: the blackbox modules', () => {
  itWithBinaries(['promtool', 'prometheus-blackbox-exporter'])('are checked by the real exporter, and the report names it', async () => {
    const result = await validate({ definitions: BASIC, offline: false });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const exporter = result.tools.find((t) => t.name === 'blackbox-exporter');
    expect(exporter).toMatchObject({ ran: ['config check'] });
    expect(exporter?.version).toMatch(/^\d+\.\d+\.\d+/);
  }, 60_000);

  itWithBinaries(['promtool'])("map the exporter's complaint to the health checks", async () => {
    const exporter = fakeExporter(
      'echo \'ts=2026-01-01T00:00:00Z caller=main.go:82 level=error msg="Error loading config" err="error parsing config file: yaml: unmarshal errors:\\n  line 4: field bogus not found in type config.plain"\' >&2\nexit 1',
    );
    const result = await validate({ definitions: BASIC, offline: false, env: { ...process.env, TOTEM_MON_BLACKBOX_EXPORTER: exporter } });
    const found = result.diagnostics.filter((d) => d.id === 'blackbox-exporter/config-check');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'error',
      message: 'blackbox-exporter: error parsing config file: yaml: unmarshal errors: line 4: field bogus not found in type config.plain',
      path: ['healthChecks', 'shop-api'],
      file: 'blackbox/blackbox.yml',
    });
    expect(found[0]!.source).toMatchObject({ file: 'basic/index.ts', line: 6 }); // the healthCheck() call
    expect(result.tools.find((t) => t.name === 'blackbox-exporter')).toMatchObject({ version: '9.9.9', ran: ['config check'] });
  }, 60_000);

  itWithBinaries(['promtool'])('without the exporter, are reported as not checked (an info), and validate still runs', async () => {
    const result = await validate({ definitions: BASIC, offline: false, env: { ...process.env, TOTEM_MON_BLACKBOX_EXPORTER: '/nonexistent/blackbox_exporter' } });
    expect(result.diagnostics.map((d) => [d.id, d.severity])).toEqual([['blackbox-exporter/config-check', 'info']]);
    expect(result.diagnostics[0]!.message).toBe(
      'blackbox/blackbox.yml was not checked: the blackbox exporter was not found (looked at $TOTEM_MON_BLACKBOX_EXPORTER and PATH)',
    );
    expect(result.tools.map((t) => t.name)).toEqual(['promtool']);
  }, 60_000);

  itWithBinaries(['promtool'])('without the exporter and without files(), the info names no file out/ does not hold', async () => {
    const definitions = path.join(tempDir(), 'basic');
    cpSync(BASIC, definitions, { recursive: true });
    const index = path.join(definitions, 'index.ts');
    writeFileSync(
      index,
      readFileSync(index, 'utf8')
        .replace('import { defineProject,', 'import { prometheusOperator, defineProject,')
        .replace('  healthChecks: [shopHealth],', "  healthChecks: [shopHealth],\n  outputs: [prometheusOperator({ namespace: 'shop' })],"),
    );
    const result = await validate({ definitions, offline: false, env: { ...process.env, TOTEM_MON_BLACKBOX_EXPORTER: '/nonexistent/blackbox_exporter' } });
    const info = result.diagnostics.filter((d) => d.id === 'blackbox-exporter/config-check');
    expect(info.map((d) => d.message)).toEqual([
      "the blackbox exporter's modules (the project's output profiles write no file of them) were not checked: the blackbox exporter was not found (looked at $TOTEM_MON_BLACKBOX_EXPORTER and PATH)",
    ]);
  }, 60_000);

  it('are not checked when there are no health checks', async () => {
    const result = await validate({ definitions: path.join(FIXTURES, 'good'), offline: true });
    expect(result.diagnostics.filter((d) => d.id.startsWith('blackbox'))).toEqual([]);
  });
});
