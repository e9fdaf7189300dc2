/**
 * Issue 20: the hint for a missing promtool/amtool is for people who installed totem-mon from npm:
 * the package per platform (Debian/Ubuntu, Homebrew), the upstream release, the Docker image — not
 * a script of this repository they do not have.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { INSTALL_HINT } from '../../src/validate/tools.js';

const expected = {
  promtool: { apt: 'sudo apt-get install prometheus`', brew: 'brew install prometheus`', release: 'github.com/prometheus/prometheus/releases', docker: 'prom/prometheus', env: 'TOTEM_MON_PROMTOOL=' },
  amtool: { apt: 'sudo apt-get install prometheus-alertmanager`', brew: 'brew install alertmanager`', release: 'github.com/prometheus/alertmanager/releases', docker: 'prom/alertmanager', env: 'TOTEM_MON_AMTOOL=' },
};

describe('the install hint of a missing tool', () => {
  it.each(Object.entries(expected))('%s: each platform, nothing from this repository', (tool, parts) => {
    const hint = INSTALL_HINT[tool as keyof typeof INSTALL_HINT];
    for (const part of Object.values(parts)) expect(hint).toContain(part);
    expect(hint).not.toMatch(/scripts\/|install-tools/);
    expect(hint).toContain('validate --offline');
  });

  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('is what validate prints (exit 2) when promtool is not on PATH', async () => {
    process.env['PATH'] = '/nonexistent';
    delete process.env['TOTEM_MON_PROMTOOL'];
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, 'good')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(INSTALL_HINT.promtool);
  });
});
