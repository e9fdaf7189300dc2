import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, runCli } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';

const withTools = itWithBinaries(['promtool', 'amtool']);
const fixture = (name: string) => path.join(FIXTURES, 'tests', name);

describe('routing tests in the definitions', () => {
  withTools('validate runs them with amtool on Totem', async () => {
    const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions'), '--require-tests']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('amtool 0.25.0 (check-config, routes test)');
    expect(r.stdout).not.toContain('tests/route-coverage');
  });

  withTools('the shop the fixtures change validates clean, tests required (so each fixture fails on its one change only)', async () => {
    const r = await runCli(['validate', '--definitions', fixture('clean'), '--require-tests', '--strict']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('amtool 0.25.0 (check-config, routes test)');
  });

  withTools('a routing test expecting the wrong receiver fails with expected vs got (amtool)', async () => {
    const r = await runCli(['validate', '--definitions', fixture('wrong-receiver')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /error \[amtool\/routes-test\] wrong-receiver\/index\.ts:\d+ › alertmanager › tests\[0\]: routing test "warnings page by email": expected shop-oncall, got shop-chat/,
    );
  });

  it('--offline judges the same test with totem-mon’s routing model', async () => {
    const r = await runCli(['validate', '--definitions', fixture('wrong-receiver'), '--offline']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error \[tests\/routing\] .*routing test "warnings page by email": expected shop-oncall, got shop-chat/);
  });

  it('reports each route no routing test reaches; --require-tests makes it an error', async () => {
    const warned = await runCli(['validate', '--definitions', fixture('untested-routes'), '--offline']);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/warning \[tests\/route-coverage\] .* › alertmanager › route: no routing test reaches the root \(default\) route → shop-chat/);
    expect(warned.stdout).toMatch(/routes\[0\]: no routing test reaches the route severity="critical" → shop-oncall/);
    expect(warned.stdout).toMatch(/routes\[1\]: no routing test reaches the route severity="warning" → shop-chat/);
    const required = await runCli(['validate', '--definitions', fixture('untested-routes'), '--offline', '--require-tests']);
    expect(required.code).toBe(1);
    expect(required.stdout.match(/^error \[tests\/route-coverage\]/gm)).toHaveLength(3);
  });
});
