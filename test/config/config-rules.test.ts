/**
 * totem-mon.config.ts's settings are held to the rules the project's own are: `grafana.folder`
 * becomes a folder of out/ once some dashboards have a folder and others not, and is then refused
 * as the project's is (exit 1, at the config's line, with a hint); the config's folder wins over the
 * project's folder and name, which are then no folder of out/ and not held to that rule.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { shopProjectPerTest } from '../helpers/config-shop.js';

const shop = shopProjectPerTest();


describe("the config's grafana.folder", () => {
  it.each(['Ops/Shop', 'Ops\\\\Shop', '.hidden', 'trailing ', 'a:b'])('%s, the folder of the dashboards without one: exit 1 at the config\'s line, nothing written', async (folder) => {
    shop.writeConfig(`folder: '${folder}'`);
    for (const command of [['generate'], ['validate', '--offline']]) {
      const result = await runCli(command);
      expect(result.code, result.stderr + result.stdout).toBe(1);
      const report = result.stderr + result.stdout;
      expect(report).toMatch(/error \[schema\] totem-mon\.config\.ts:6 › grafana › folder: invalid grafana folder for a dashboard folder in totem-mon\.config\.ts/);
      expect(report).toContain('rename grafana.folder in totem-mon.config.ts, or give every dashboard its own folder');
    }
    expect(existsSync(path.join(shop.root, 'out'))).toBe(false);
  });

  it('a good one is the folder of the dashboards without one', async () => {
    shop.writeConfig(`folder: 'Ops'`);
    const result = await runCli(['generate']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(shop.root, 'out/grafana/dashboards/Ops/overview.json'))).toBe(true);
    expect(existsSync(path.join(shop.root, 'out/grafana/dashboards/Team Orders/orders.json'))).toBe(true);
  });

  it('without dashboard folders it is only the provider\'s folder title: any title will do', async () => {
    shop.editDefinitions(`folder: 'Team Orders', `, '');
    shop.writeConfig(`folder: 'Ops/Shop'`);
    const result = await runCli(['generate']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(shop.root, 'out/grafana/provisioning/dashboards/totem-mon.yml'), 'utf8')).toContain('Ops/Shop');
  });

  it("wins over the project's folder and name, which are then no folder of out/", async () => {
    shop.editDefinitions(`name: 'shop',`, `name: 'shop/web',\n  grafana: { folder: 'Ops/Shop' },`);
    shop.writeConfig(`folder: 'Ops'`);
    const result = await runCli(['generate']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(shop.root, 'out/grafana/dashboards/Ops/overview.json'))).toBe(true);
    // Without the config, the project's own folder is refused as before.
    writeFileSync(path.join(shop.root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig({});\n`);
    const own = await runCli(['generate']);
    expect(own.code).toBe(1);
    expect(own.stderr + own.stdout).toContain('invalid grafana folder for a dashboard folder: "Ops/Shop"');
  });
});
