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
    const { diagnostics: found, unchecked } = await checkConfig(tool, tempDir('totem-mon-check-config-'), 'prometheus.yml', nowhere);
    expect(unchecked).toEqual([]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: 'promtool/check-config', severity: 'error' });
    expect(found[0]!.message).toContain('unmarshal errors');
  });

  it('reports nothing for a config that passes', async () => {
    const tool = fakePromtool('Checking prometheus.yml\n SUCCESS: prometheus.yml is valid prometheus config file syntax', 0);
    expect(await checkConfig(tool, tempDir('totem-mon-check-config-'), 'prometheus.yml', nowhere)).toEqual({ diagnostics: [], unchecked: [] });
  });
});

// Given the rule files too (a small project: src/validate/run-tools.ts checkedWithConfig), its findings
// about a rule file are check rules' own, and the rule files a config that does not load leaves
// unchecked are said, for a check rules of their own.
describe('promtool check config with the rule files', () => {
  const rules = ['prometheus/rules/a.yml', 'prometheus/rules/b.yml'];

  it("a rule file's finding is promtool/check-rules, at the file; the config's own stay check-config's", async () => {
    const output = [
      'Checking prometheus/prometheus.yml',
      '  SUCCESS: 2 rule files found',
      ' SUCCESS: prometheus/prometheus.yml is valid prometheus config file syntax',
      '',
      'Checking prometheus/rules/a.yml',
      '  SUCCESS: 3 rules found',
      '',
      'Checking prometheus/rules/b.yml',
      '  FAILED:',
      'prometheus/rules/b.yml: 7:13: group "g", rule 2, "HighErrors": could not parse expression: 1:5: parse error: unexpected <by>',
    ].join('\n');
    const { diagnostics, unchecked } = await checkConfig(fakePromtool(output, 1), tempDir('totem-mon-check-config-'), 'prometheus/prometheus.yml', nowhere, rules);
    expect(unchecked).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ id: 'promtool/check-rules', severity: 'error', file: 'prometheus/rules/b.yml:7:13' });
    expect(diagnostics[0]!.message).toContain('unexpected <by>');
  });

  it('a config that does not load checks no rule file: all are unchecked, its failure is check-config\'s', async () => {
    const output = 'Checking prometheus/prometheus.yml\n  FAILED: parsing YAML file prometheus/prometheus.yml: unknown relabel action "kep"';
    const { diagnostics, unchecked } = await checkConfig(fakePromtool(output, 1), tempDir('totem-mon-check-config-'), 'prometheus/prometheus.yml', nowhere, rules);
    expect(unchecked).toEqual(rules);
    expect(diagnostics.map((d) => d.id)).toEqual(['promtool/check-config']);
  });

  it('a failure that names nothing is still one error, and the files it did not reach are unchecked', async () => {
    const output = 'Checking prometheus/prometheus.yml\n  SUCCESS: 2 rule files found\n\nChecking prometheus/rules/a.yml\n  SUCCESS: 3 rules found\npanic: runtime error';
    const { diagnostics, unchecked } = await checkConfig(fakePromtool(output, 2), tempDir('totem-mon-check-config-'), 'prometheus/prometheus.yml', nowhere, rules);
    expect(unchecked).toEqual(['prometheus/rules/b.yml']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toContain('panic: runtime error');
  });
});
