/**
 * Audit round 24: an error in totem-mon.config.ts's settings stopped the run before the definitions
 * were checked (a schema error in `grafana.folder` at once, exit 2; a folder the definitions break
 * before the checks): the user fixed it, ran again, and only then saw the definitions' findings.
 * Errors in the settings (grafana, lint, versions) are now reported with the definitions' findings
 * in one run (exit 1, nothing written, the summary naming the config), the setting at fault left
 * out; errors in what decides the load (definitions, out, a field of no known name, a file that does
 * not load) still stop the run first (exit 2).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { shopProjectPerTest } from '../helpers/config-shop.js';
import { parseConfig } from '../../src/model/parse.js';

const shop = shopProjectPerTest();

/** A panel on a metric the catalogue does not declare: an error located in definitions/index.ts. */
function breakDefinitions(): void {
  shop.editDefinitions(
    `panels: [ratePanel(requests, { title: 'Requests', by: ['code'] })] }),\n  ],`,
    `panels: [ratePanel(requests, { title: 'Requests', by: ['code'] }), ratePanel(counter({ name: 'shop_undeclared_total', help: 'x.' }), { title: 'Undeclared' })] }),\n  ],`,
  );
}

function writeConfig(body: string): void {
  writeFileSync(path.join(shop.root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({\n  out: 'out',\n${body}\n});\n`);
}

const DEFINITIONS_FINDING = /error \[promql\/unknown-metric\] definitions\/index\.ts:\d+.*shop_undeclared_total/;

describe('errors in the config settings come with the definitions\' findings, in one run', () => {
  const settingsErrors: Array<[string, string, RegExp]> = [
    ['grafana.folder empty (schema)', `  grafana: { folder: '' },`, /error \[schema\] totem-mon\.config\.ts:5 › grafana › folder: /],
    ['grafana.folder of the wrong type (schema)', `  grafana: { folder: 42 as unknown as string },`, /error \[schema\] totem-mon\.config\.ts:5 › grafana › folder: /],
    ['grafana.folder the definitions break (their rule)', `  grafana: { folder: 'Ops/Shop' },`, /error \[schema\] totem-mon\.config\.ts:5 › grafana › folder: invalid grafana folder for a dashboard folder/],
    ['a grafana field of no known name', `  grafana: { foldr: 'Ops' } as never,`, /error \[schema\] totem-mon\.config\.ts:5 › grafana/],
    ['a lint setting', `  lint: { checks: { 'promql/unknown-metric': 'loud' as never } },`, /error \[schema\] totem-mon\.config\.ts:5 › lint/],
  ];

  for (const [name, body, configFinding] of settingsErrors) {
    it(`${name}: generate and validate report both, exit 1, nothing written, the summary naming both`, async () => {
      writeConfig(body);
      breakDefinitions();
      const generate = await runCli(['generate']);
      const report = generate.stderr + generate.stdout;
      expect(generate.code, report).toBe(1);
      expect(report).toMatch(configFinding);
      expect(report).toMatch(DEFINITIONS_FINDING);
      expect(report).toMatch(/^generate: nothing written: 2 errors, \d+ warnings? in totem-mon\.config\.ts \(1 error\) and definitions \(1 error\)$/m);
      expect(existsSync(path.join(shop.root, 'out'))).toBe(false);
      const validate = await runCli(['validate', '--offline']);
      expect(validate.code, validate.stdout + validate.stderr).toBe(1);
      expect(validate.stdout).toMatch(configFinding);
      expect(validate.stdout).toMatch(DEFINITIONS_FINDING);
    });
  }

  it('alone, a settings error still fails the run, at the config', async () => {
    writeConfig(`  grafana: { folder: '' },`);
    const generate = await runCli(['generate']);
    expect(generate.code, generate.stderr + generate.stdout).toBe(1);
    expect(generate.stderr).toMatch(/^generate: nothing written: 1 error, \d+ warnings? in totem-mon\.config\.ts$/m);
    expect(existsSync(path.join(shop.root, 'out'))).toBe(false);
  });

  it('the settings read without the value at fault: the rest of the section still applies', () => {
    const parsed = parseConfig({ kind: 'config', grafana: { folder: '', provisioningPath: '/var/lib/grafana/x' }, lint: { checks: { 'promql/unknown-metric': 'off' } } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.config.grafana).toEqual({ provisioningPath: '/var/lib/grafana/x' });
    expect(parsed.config.lint).toEqual({ checks: { 'promql/unknown-metric': 'off' } });
    expect(parsed.problems?.map((d) => d.path)).toEqual([['grafana', 'folder']]);
  });
});

describe('errors in what decides the load still stop the run first (exit 2)', () => {
  it.each([
    ['definitions of the wrong type', `  definitions: 42 as unknown as string,`],
    ['a field of no known name (a misspelt definitions?)', `  ...({ definitons: 'defs' } as object),`],
    ['definitions empty, with a settings error too', `  definitions: '',\n  grafana: { folder: '' },`],
  ])('%s', async (_, body) => {
    writeConfig(body);
    breakDefinitions();
    const generate = await runCli(['generate']);
    const report = generate.stderr + generate.stdout;
    expect(generate.code, report).toBe(2);
    expect(report).toContain('totem-mon.config.ts is not a valid config');
    expect(report).not.toMatch(DEFINITIONS_FINDING);
  });
});
