/**
 * The blackbox exporter is a target like Prometheus and Alertmanager: totem-mon writes its modules
 * (out/blackbox/blackbox.yml) and validate runs its `--config.check` on them. `versions: { blackbox }`
 * names the release production runs (default 0.23, Debian 12's; validate: the installed
 * exporter's), the facts of what the modules use are a table with their sources (BLACKBOX_FACTS),
 * and the exporter is held to the same rule as promtool and amtool: older than the target, or than
 * 0.19 (the first whose config check compiles the modules' regexps), it is not run and validate
 * exits 2.
 */
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { validate } from '../../src/app/validate.js';
import { fromDefinitions } from '../../src/app/stages.js';
import { versionsSchema } from '../../src/model/schema/versions.js';
import { targetVersions } from '../../src/model/versions.js';
import { availability, BLACKBOX_FACTS, OLDEST } from '../../src/model/version-facts.js';
import { tooOld, tooOldMessage } from '../../src/validate/tool-target.js';
import { BLACKBOX_CONFIG } from '../../src/compile/blackbox/index.js';
import { jsonReportSchema } from '../../src/report/json.js';
import type { Tool } from '../../src/validate/tools.js';

const BASIC = path.join(FIXTURES, 'health/basic');
const exporter = (version: string): Tool => ({ name: 'blackbox-exporter', path: '/usr/bin/prometheus-blackbox-exporter', version });

/** An exporter that says its release and records that it ran; its config check passes. */
function fakeExporter(release: string): { file: string; ran: string } {
  const dir = tempDir('totem-mon-fake-blackbox-');
  const file = path.join(dir, 'blackbox_exporter');
  const ran = path.join(dir, 'ran');
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "blackbox_exporter, version ${release} (branch: x)"; exit 0; fi\necho "$@" >> "${ran}"\nexit 0\n`);
  chmodSync(file, 0o755);
  return { file, ran };
}

/** The basic health project with `versions` set to this (a property of defineProject). */
function basicWith(versions: string): string {
  const definitions = path.join(tempDir(), 'basic');
  cpSync(BASIC, definitions, { recursive: true });
  const index = path.join(definitions, 'index.ts');
  writeFileSync(index, readFileSync(index, 'utf8').replace('  healthChecks: [shopHealth],', `  healthChecks: [shopHealth],\n  versions: ${versions},`));
  return definitions;
}

describe('versions.blackbox', () => {
  const parse = (versions: unknown) => versionsSchema.safeParse(versions);
  it('takes a release, a major or a lower bound from 0.19 on; refuses older ones naming the floor', () => {
    for (const blackbox of ['0.19', '0.23', '0.25.0', '>=0.25', '>=0.19', '1.x']) expect(parse({ blackbox }).success, blackbox).toBe(true);
    for (const blackbox of ['0.18', '0.x', '>=0.14', 'latest']) expect(parse({ blackbox }).success, blackbox).toBe(false);
    expect(JSON.stringify(parse({ blackbox: '0.18' }).error)).toContain('not a blackbox exporter version totem-mon can judge (it knows blackbox exporter 0.19 and later)');
  });

  it('defaults to 0.23 (Debian 12), the config winning over the project, the project over the installed exporter', () => {
    expect(targetVersions([])).toMatchObject({ blackbox: '0.23', from: { blackbox: 'default' } });
    expect(targetVersions([{ versions: { blackbox: '0.25' }, origin: 'project' }, { versions: { blackbox: '0.24' }, origin: 'installed' }])).toMatchObject({ blackbox: '0.25', from: { blackbox: 'project' } });
    expect(targetVersions([{ versions: { blackbox: '0.26' }, origin: 'config' }, { versions: { blackbox: '0.25' }, origin: 'project' }])).toMatchObject({ blackbox: '0.26', from: { blackbox: 'config' } });
  });

  it('every field the modules write, and the config check validate runs, has a fact every target admits', async () => {
    const result = await fromDefinitions({ definitions: BASIC });
    const file = result.files?.find((f) => f.path === BLACKBOX_CONFIG);
    const modules = (parseYaml(String(file?.content)) as { modules: Record<string, Record<string, unknown>> }).modules;
    const fields = new Set<string>();
    for (const module of Object.values(modules)) {
      for (const [key, value] of Object.entries(module)) {
        if (key === 'http') for (const k of Object.keys(value as object)) fields.add(`http.${k}`);
        else fields.add(key === 'prober' ? `prober: ${String(value)}` : key);
      }
    }
    const facts = Object.values(BLACKBOX_FACTS);
    for (const field of fields) {
      const named = field.replace(/^http\./, '');
      const fact = facts.find((f) => f.feature.includes(field) || f.feature.includes(named));
      expect(fact, `no fact for ${field}`).toBeDefined();
      expect(availability(fact!, OLDEST.blackbox)).toBe(true);
      expect(fact!.source).not.toBe('');
    }
    expect(availability(BLACKBOX_FACTS.configCheckRegexps, OLDEST.blackbox)).toBe(true);
    expect(availability(BLACKBOX_FACTS.configCheckRegexps, '0.18')).toBe(false);
  });
});

describe('an exporter too old to judge the modules (tooOld)', () => {
  const set = (blackbox: string, origin: 'config' | 'project' = 'project') => targetVersions([{ versions: { blackbox } as never, origin }]);
  it.each([
    ['0.18.0', undefined, 'unsupported', '0.19'],
    ['0.16.0', undefined, 'unsupported', '0.19'],
    ['0.23.0', '>=0.25', 'target', '0.25'],
    ['0.24.1', '0.25', 'target', '0.25'],
    ['0.18.0', '0.23', 'target', '0.23'],
  ] as const)('exporter %s, target %s: %s, needs %s', (version, target, reason, needs) => {
    expect(tooOld(exporter(version), target ? set(target) : targetVersions([]))).toMatchObject({ name: 'blackbox-exporter', program: 'blackbox', reason, needs });
  });

  it.each([['0.19.0', undefined], ['0.23.0', undefined], ['0.25.0', '>=0.25'], ['0.27.0', '0.23']] as const)('exporter %s, target %s: it judges', (version, target) => {
    expect(tooOld(exporter(version), target ? set(target) : targetVersions([]))).toBeUndefined();
  });

  it('the message names the exporter, its release, the target or floor, and the variable to point at a newer one', () => {
    const floor = tooOldMessage(tooOld(exporter('0.18.0'), targetVersions([]))!);
    expect(floor.message).toContain('blackbox-exporter 0.18.0 (/usr/bin/prometheus-blackbox-exporter) is older than blackbox exporter 0.19, the oldest release totem-mon supports');
    expect(floor.hint).toContain('install blackbox-exporter 0.19 or later');
    expect(floor.hint).toContain('TOTEM_MON_BLACKBOX_EXPORTER=/path/to/blackbox_exporter');
    const target = tooOldMessage(tooOld(exporter('0.23.0'), set('>=0.25', 'config'))!);
    expect(target.message).toContain('cannot judge the target blackbox exporter >=0.25 (set in totem-mon.config.ts)');
    expect(target.hint).toContain('versions in totem-mon.config.ts (blackbox)');
  });
});

describe('validate and the exporter', () => {
  const saved = process.env['TOTEM_MON_BLACKBOX_EXPORTER'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TOTEM_MON_BLACKBOX_EXPORTER'];
    else process.env['TOTEM_MON_BLACKBOX_EXPORTER'] = saved;
  });

  itWithBinaries(['promtool'])('an exporter older than 0.19 is not run, and is reported as too old (not as missing)', async () => {
    const fake = fakeExporter('0.18.0');
    const result = await validate({ definitions: BASIC, offline: false, env: { ...process.env, TOTEM_MON_BLACKBOX_EXPORTER: fake.file } });
    expect(existsSync(fake.ran)).toBe(false);
    expect(result.toolsTooOld.map((t) => [t.name, t.reason, t.needs])).toEqual([['blackbox-exporter', 'unsupported', '0.19']]);
    expect(result.diagnostics.filter((d) => d.id === 'blackbox-exporter/config-check')).toEqual([]);
    expect(result.tools.map((t) => t.name)).toEqual(['promtool']);
  }, 60_000);

  itWithBinaries(['promtool'])('an exporter older than the project target is not run; one as new runs', async () => {
    const old = fakeExporter('0.23.0');
    const definitions = basicWith("{ blackbox: '>=0.25' }");
    const result = await validate({ definitions, offline: false, env: { ...process.env, TOTEM_MON_BLACKBOX_EXPORTER: old.file } });
    expect(existsSync(old.ran)).toBe(false);
    expect(result.toolsTooOld.map((t) => [t.name, t.reason, t.target, t.from, t.needs])).toEqual([['blackbox-exporter', 'target', '>=0.25', 'project', '0.25']]);
    const fresh = fakeExporter('0.25.1');
    const ok = await validate({ definitions, offline: false, env: { ...process.env, TOTEM_MON_BLACKBOX_EXPORTER: fresh.file } });
    expect(ok.toolsTooOld).toEqual([]);
    expect(readFileSync(fresh.ran, 'utf8')).toContain('--config.check');
  }, 60_000);

  itWithBinaries(['promtool'])('through the CLI: exit 2; the summary and --format json name the exporter target', async () => {
    const old = fakeExporter('0.23.0');
    process.env['TOTEM_MON_BLACKBOX_EXPORTER'] = old.file;
    const definitions = basicWith("{ blackbox: '>=0.25' }");
    const text = await runCli(['validate', '--definitions', definitions]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('blackbox exporter >=0.25 (the project)');
    expect(text.stdout).toContain('blackbox-exporter 0.23.0 not run (older than the target >=0.25)');
    expect(text.stderr).toContain('cannot judge the target blackbox exporter >=0.25');
    const fresh = fakeExporter('0.25.0');
    process.env['TOTEM_MON_BLACKBOX_EXPORTER'] = fresh.file;
    const json = await runCli(['validate', '--definitions', BASIC, '--format', 'json']);
    expect(json.code, json.stdout + json.stderr).toBe(0);
    expect(jsonReportSchema.parse(JSON.parse(json.stdout)).targets?.blackbox).toEqual({ version: '0.25', from: 'installed' });
  }, 60_000);

  itWithBinaries(['promtool', 'prometheus-blackbox-exporter'])('the real exporter (Debian 0.23) judges the default target', async () => {
    delete process.env['TOTEM_MON_BLACKBOX_EXPORTER'];
    const result = await validate({ definitions: BASIC, offline: false });
    expect(result.toolsTooOld).toEqual([]);
    expect(result.tools.find((t) => t.name === 'blackbox-exporter')).toMatchObject({ ran: ['config check'] });
  }, 60_000);
});
