/**
 * A run stopped by errors in totem-mon.config.ts says so in its summary line, in every command that
 * reads the config (generate, generate --check in each format, validate online and offline, in text
 * and GitHub formats): not "in definitions". Errors in both places are summarised with both, each
 * with its count; errors only in the definitions still say "in definitions".
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { shopProjectPerTest } from '../helpers/config-shop.js';

const shop = shopProjectPerTest();

/** A panel on a metric the catalogue does not declare: an error located in definitions/index.ts. */
function breakDefinitions(): void {
  shop.editDefinitions(
    `panels: [ratePanel(requests, { title: 'Requests', by: ['code'] })] }),\n  ],`,
    `panels: [ratePanel(requests, { title: 'Requests', by: ['code'] }), ratePanel(counter({ name: 'shop_undeclared_total', help: 'x.' }), { title: 'Undeclared' })] }),\n  ],`,
  );
}

/** Each command that reads the config, and the summary line it ends with. */
const COMMANDS: Array<{ args: string[]; summary: RegExp }> = [
  { args: ['generate'], summary: /^generate: nothing written: (.*)$/m },
  { args: ['generate', '--check'], summary: /^generate --check: nothing compared: (.*)$/m },
  { args: ['generate', '--check', '--format', 'github'], summary: /^generate --check: nothing compared: (.*)$/m },
  { args: ['validate', '--offline'], summary: /^validate failed: (?:.* · )?(\d+ errors?, .*?) · (?:targets|promtool)/m },
  { args: ['validate'], summary: /^validate failed: (?:.* · )?(\d+ errors?, .*?) · (?:targets|promtool)/m },
  { args: ['validate', '--offline', '--format', 'github'], summary: /^validate: (.*?); /m },
];

async function summaries(): Promise<string[]> {
  const lines: string[] = [];
  for (const { args, summary } of COMMANDS) {
    const result = await runCli(args);
    const report = result.stdout + result.stderr;
    expect(result.code, report).toBe(1);
    const line = summary.exec(report)?.[1];
    expect(line, `${args.join(' ')}:\n${report}`).toBeDefined();
    lines.push(line!);
  }
  return lines;
}

describe('the summary line of a run stopped by errors', () => {
  it('names the config file when the errors are in it', async () => {
    shop.writeConfig(`folder: 'Ops/Shop'`);
    for (const line of await summaries()) {
      expect(line).toBe('1 error, 0 warnings in totem-mon.config.ts');
      expect(line).not.toContain('definitions');
    }
  });

  it('names the config file as the command names it, from a folder below', async () => {
    shop.writeConfig(`folder: 'Ops/Shop'`);
    mkdirSync(path.join(shop.root, 'sub'));
    process.chdir(path.join(shop.root, 'sub'));
    const result = await runCli(['generate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('generate: nothing written: 1 error, 0 warnings in ../totem-mon.config.ts\n');
  });

  it('names both, with their counts, when the config and the definitions have errors', async () => {
    // Loki with the Prometheus data source's uid: an error at the config's grafana.loki.
    shop.writeConfig(`loki: { uid: 'prometheus' }`);
    breakDefinitions();
    for (const line of await summaries()) {
      expect(line).toMatch(/^2 errors, \d+ warnings? in totem-mon\.config\.ts \(1 error\) and definitions \(1 error\)$/);
    }
  });

  it('still says "in definitions" when only the definitions have errors', async () => {
    shop.writeConfig(`folder: 'Ops'`);
    breakDefinitions();
    const generate = await runCli(['generate']);
    expect(generate.stderr).toMatch(/^generate: nothing written: 1 error, \d+ warnings? in definitions$/m);
    const validate = await runCli(['validate', '--offline']);
    expect(validate.stdout).toMatch(/^validate failed: .* · 1 error, \d+ warnings? · targets /m);
  });
});
