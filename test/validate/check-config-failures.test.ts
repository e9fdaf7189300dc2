import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { checkConfig } from '../../src/validate/promtool.js';
import type { Locator } from '../../src/validate/locate.js';

/** A fake promtool printing `output` and exiting with `code`, whatever it is asked. */
function fakePromtool(output: string, code: number): { name: 'promtool'; path: string } {
  const file = path.join(tempDir('totem-mon-fake-promtool-'), 'promtool');
  writeFileSync(file, `#!/bin/sh\ncat <<'EOF'\n${output}\nEOF\nexit ${code}\n`);
  chmodSync(file, 0o755);
  return { name: 'promtool', path: file };
}

const nowhere: Locator = () => ({ path: [] });

// check config is given prometheus.yml without its rule files (check rules checks those): whatever
// makes it fail is reported by it, never taken for another run's finding.
describe('promtool check config: a failure is always reported', () => {
  it('reports a failure whose message names another file', async () => {
    const tool = fakePromtool('Checking prometheus.yml\n  FAILED: rules/a.yml: yaml: unmarshal errors', 1);
    const found = await checkConfig(tool, tempDir('totem-mon-check-config-'), 'prometheus.yml', nowhere);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: 'promtool/check-config', severity: 'error' });
    expect(found[0]!.message).toContain('unmarshal errors');
  });

  it('reports nothing for a config that passes', async () => {
    const tool = fakePromtool('Checking prometheus.yml\n SUCCESS: prometheus.yml is valid prometheus config file syntax', 0);
    expect(await checkConfig(tool, tempDir('totem-mon-check-config-'), 'prometheus.yml', nowhere)).toEqual([]);
  });
});
