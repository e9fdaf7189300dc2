/**
 * What validate asks of the tools on Totem, counted by wrappers that log each call and then run the
 * real tool: each `--version` once (looked up while the definitions load; wrappers are scripts,
 * whose versions are never remembered: src/validate/version-memo.ts), and every check and every
 * test still run: check config over prometheus.yml and every rule file it names (Totem's 44 KiB of
 * rules in the one process: src/validate/run-tools.ts checkedWithConfig), test rules over every
 * generated test file (each once, started from the test files compiled first), amtool check-config,
 * one `routes test` per routing test amtool judges, the blackbox exporter's config check. No rule
 * file is checked twice. The runs that are mostly a tool's start-up get a later garbage collector
 * (GOGC, src/validate/tools.ts START_BOUND_GOGC), the one that checks the rule files its own
 * (RULE_CHECK_GOGC), and `test rules` keeps Go's.
 */
import { appendFileSync, chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect } from 'vitest';
import { parse } from 'yaml';
import { REPO, runCli, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { validate } from '../../src/app/validate.js';
import { isSimulated } from '../../src/lint/tests-routing.js';
import { toolScratch } from '../../src/validate/scratch.js';
import { RULE_CHECK_GOGC, START_BOUND_GOGC } from '../../src/validate/tools.js';

const TOOLS = { promtool: 'TOTEM_MON_PROMTOOL', amtool: 'TOTEM_MON_AMTOOL', 'prometheus-blackbox-exporter': 'TOTEM_MON_BLACKBOX_EXPORTER' } as const;

/** A wrapper per tool that writes `<tool> <args>` to the log, then becomes the real tool. */
function loggingTools(log: string): Record<string, string> {
  const dir = tempDir('totem-mon-logged-tools-');
  const env: Record<string, string> = {};
  for (const [name, variable] of Object.entries(TOOLS)) {
    const wrapper = path.join(dir, name);
    // The config `check config` reads is kept, to see what it was given.
    const keep = name === 'promtool' ? `if [ "$1 $2" = "check config" ]; then cp "$3" '${log}.config.yml'; fi\n` : '';
    // Each call's GOGC goes to a second log, in the same order.
    writeFileSync(wrapper, `#!/bin/sh\necho "${name} $*" >> '${log}'\necho "\${GOGC-unset} ${name} $1 $2" >> '${log}.gogc'\n${keep}exec '${findBinary(name)}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    env[variable] = wrapper;
  }
  return env;
}

function generatedTests(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.yml'))
    .map((f) => `prometheus/tests/${f.split(path.sep).join('/')}`)
    .sort();
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('validate on Totem: the tool runs', () => {
  itWithBinaries(['promtool', 'amtool', 'prometheus-blackbox-exporter'])(
    'each --version once; every check, every test file and every routing test run once',
    async () => {
      const log = path.join(tempDir('totem-mon-tool-log-'), 'calls.log');
      appendFileSync(log, '');
      Object.assign(process.env, loggingTools(log));
      delete process.env['GOGC'];
      const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions'), '--format', 'json']);
      expect(r.code).toBe(0);
      const calls = readFileSync(log, 'utf8').trim().split('\n');
      const runs = (prefix: string) => calls.filter((c) => c.startsWith(prefix));

      for (const tool of Object.keys(TOOLS)) expect(runs(`${tool} --version`)).toHaveLength(1);
      expect(runs('promtool check config')).toHaveLength(1);
      expect(runs('amtool check-config')).toHaveLength(1);
      expect(runs('prometheus-blackbox-exporter --config.check')).toHaveLength(1);
      // Every test file in exactly one `test rules` run.
      const filesOf = (prefix: string, pattern: RegExp) => runs(prefix).flatMap((c) => c.split(' ').flatMap((a) => pattern.exec(a)?.[0] ?? [])).sort();
      expect(filesOf('promtool test rules', /prometheus\/tests\/.*\.test\.yml$/)).toEqual(generatedTests(path.join(REPO, 'out/prometheus/tests')));
      // Every rule file checked once, by check config: the config it is given is the generated one,
      // rule_files and all, and names every rule file; no `check rules` checks them a second time.
      const ruleFiles = readdirSync(path.join(REPO, 'out/prometheus/rules')).map((f) => `prometheus/rules/${f}`).sort();
      expect(runs('promtool check rules')).toEqual([]);
      const generated = readFileSync(path.join(REPO, 'out/prometheus/prometheus.yml'), 'utf8');
      const named = (parse(generated) as { rule_files: string[] }).rule_files.map((f) => `prometheus/${f}`);
      expect(named.sort()).toEqual(ruleFiles);
      const given = readFileSync(`${log}.config.yml`, 'utf8');
      expect(parse(given)).toEqual(parse(generated));
      // The files are in the tools' scratch folder (memory, where TMPDIR is not set: src/validate/scratch.ts).
      expect(runs('promtool test rules')[0]).toContain(` ${path.join(toolScratch(process.env) ?? os.tmpdir(), 'totem-mon-validate-')}`);
      const { model } = await validate({ definitions: path.join(REPO, 'definitions'), offline: true });
      const amtoolTests = (model?.alertmanager?.tests ?? []).filter((t) => !isSimulated(t));
      expect(amtoolTests.length).toBeGreaterThan(0);
      expect(runs('amtool config routes test')).toHaveLength(amtoolTests.length);
      expect(calls).toHaveLength(3 + 3 + runs('promtool test rules').length + amtoolTests.length);
      // GOGC: Go's default (unset) for `test rules`, RULE_CHECK_GOGC for check config (it checks the rule files here), START_BOUND_GOGC for every other.
      const gogc = readFileSync(`${log}.gogc`, 'utf8').trim().split('\n');
      expect(gogc).toHaveLength(calls.length);
      expect(gogc.filter((line) => line.endsWith(' promtool test rules'))).toEqual(runs('promtool test rules').map(() => 'unset promtool test rules'));
      expect(gogc.filter((line) => line.endsWith(' promtool check config'))).toEqual([`${RULE_CHECK_GOGC} promtool check config`]);
      const others = gogc.filter((line) => !/ promtool (test rules|check config)$/.test(line));
      expect(others).toHaveLength(calls.length - 1 - runs('promtool test rules').length);
      expect(others.every((line) => line.startsWith(`${START_BOUND_GOGC} `))).toBe(true);
    },
    60_000,
  );
});
