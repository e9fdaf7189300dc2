import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { CHECK_RULES_BYTES_PER_PROCESS, checkRules, checkRulesParts } from '../../src/validate/promtool.js';
import { RULE_CHECK_GOGC } from '../../src/validate/tools.js';

const savedGogc = process.env['GOGC'];
afterEach(() => {
  if (savedGogc === undefined) delete process.env['GOGC'];
  else process.env['GOGC'] = savedGogc;
});

describe('how many `promtool check rules` processes share the rule files', () => {
  it('one for rule files a second start-up would not pay for (Totem: 44 KiB)', () => {
    expect(checkRulesParts(0, 2)).toBe(1);
    expect(checkRulesParts(44 * 1024, 2)).toBe(1);
    expect(checkRulesParts(2 * CHECK_RULES_BYTES_PER_PROCESS - 1, 2)).toBe(1);
  });

  it('one more for each CHECK_RULES_BYTES_PER_PROCESS, up to one per core (the large benchmark: 4.7 MiB)', () => {
    expect(checkRulesParts(2 * CHECK_RULES_BYTES_PER_PROCESS, 2)).toBe(2);
    expect(checkRulesParts(4.7 * 1024 * 1024, 2)).toBe(2);
    expect(checkRulesParts(4.7 * 1024 * 1024, 8)).toBe(8);
    expect(checkRulesParts(3 * CHECK_RULES_BYTES_PER_PROCESS, 8)).toBe(3);
  });
});

describe("the `check rules` processes' garbage collector", () => {
  /** A promtool that logs its GOGC and the files it was given, and finds nothing. */
  function loggingPromtool(): { path: string; log: string } {
    const dir = tempDir('totem-mon-gogc-');
    const log = path.join(dir, 'calls.log');
    const file = path.join(dir, 'promtool');
    writeFileSync(file, `#!/bin/sh\necho "\${GOGC-unset} $#" >> '${log}'\necho SUCCESS\n`);
    chmodSync(file, 0o755);
    return { path: file, log };
  }
  const files = ['a.yml', 'b.yml', 'c.yml', 'd.yml'];
  const noPlace = () => ({ path: [] });

  it('each process gets RULE_CHECK_GOGC, one process or several', async () => {
    delete process.env['GOGC'];
    const tool = loggingPromtool();
    const cwd = tempDir('totem-mon-gogc-cwd-');
    await checkRules({ name: 'promtool', path: tool.path }, cwd, files, noPlace, () => CHECK_RULES_BYTES_PER_PROCESS);
    await checkRules({ name: 'promtool', path: tool.path }, cwd, files, noPlace, () => 1024);
    const calls = readFileSync(tool.log, 'utf8').trim().split('\n');
    // Two processes for 4 × CHECK_RULES_BYTES_PER_PROCESS on two cores or more (one on one core), then one; each `check rules` and its files.
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((line) => line.startsWith(`${RULE_CHECK_GOGC} `))).toBe(true);
    expect(calls.reduce((n, line) => n + Number(line.split(' ')[1]) - 2, 0)).toBe(2 * files.length);
  });

  it('a GOGC of the environment wins', async () => {
    process.env['GOGC'] = '75';
    const tool = loggingPromtool();
    await checkRules({ name: 'promtool', path: tool.path }, tempDir('totem-mon-gogc-cwd-'), files, noPlace, () => 1024);
    expect(readFileSync(tool.log, 'utf8').trim()).toBe(`75 ${2 + files.length}`);
  });
});
