// The template checks take the target from where `versions` is set: totem-mon.config.ts (which wins
// over the project's), the project, or the default (Prometheus 2.42, Alertmanager 0.25), through the
// command line as users run it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

let root = '';
const cwd = process.cwd();

beforeEach(() => {
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'definitions'));
  process.chdir(root);
});
afterEach(() => process.chdir(cwd));

function writeDefinitions(projectVersions: string): void {
  writeFileSync(
    path.join(root, 'definitions/index.ts'),
    `import { alert, alertmanager, counter, defineProject, rate, receiver, route, ruleGroup, scrapeJob, secretFile } from 'totem-mon';

const errors = counter({ name: 'shop_errors_total', help: 'Errors.', labels: ['service'] });
const ops = receiver({ name: 'ops', slack: [{ apiUrl: secretFile('/etc/am/slack'), channel: '#ops', title: '{{ .CommonLabels.alertname }} since {{ (index .Alerts 0).StartsAt | date "15:04" }}' }] });

export default defineProject({
  name: 'shop',
  metrics: [errors],
  prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
  ruleGroups: [ruleGroup({ name: 'shop', rules: [alert({
    name: 'ShopErrors', expr: \`sum by (service) (\${rate(errors, '5m')}) > 1\`, for: '5m', labels: { severity: 'critical' },
    annotations: { summary: 'Errors', description: 'Errors on {{ $labels.service }} for {{ $value | toDuration }}', runbook_url: 'https://runbooks/shop' },
  })] })],
  alertmanager: alertmanager({ receivers: [ops], route: route({ receiver: 'ops', groupBy: ['alertname'] }) }),
  ${projectVersions}
});
`,
  );
}

const writeConfig = (body: string) => writeFileSync(path.join(root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig(${body});\n`);

/** The template findings `validate --offline` prints, one line each. */
async function templateFindings(): Promise<string[]> {
  const { stdout, stderr } = await runCli(['validate', '--offline']);
  return `${stdout}\n${stderr}`.split('\n').filter((l) => /\[(alert|alertmanager)\/template-syntax\]/.test(l)).map((l) => l.replace(/^.*?: (alert|receiver) /, '$1 '));
}

describe('template checks read the target from totem-mon.config.ts, the project or the default', () => {
  it('default (2.42, 0.25): date and toDuration are refused, each naming its release', async () => {
    writeDefinitions('');
    const found = await templateFindings();
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toContain('function "toDuration" not defined in Prometheus 2.42, the target version: it needs Prometheus 3.6 or later');
    expect(found.join('\n')).toContain('function "date" not defined in Alertmanager 0.25, the target version: it needs Alertmanager 0.28 or later');
  }, 60_000);

  it("the config's versions win over the project's: 3.6 and 0.28 have both", async () => {
    writeDefinitions("versions: { prometheus: '2.42', alertmanager: '0.25' },");
    writeConfig("{ versions: { prometheus: '3.6', alertmanager: '0.28' } }");
    expect(await templateFindings()).toEqual([]);
  }, 60_000);

  it("the project's versions, without a config: a range that admits an older release still refuses", async () => {
    writeDefinitions("versions: { prometheus: '>=3.6', alertmanager: '>=0.27' },");
    const found = await templateFindings();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('function "date" not defined in Alertmanager >=0.27, the target version: it needs Alertmanager 0.28 or later');
  }, 60_000);
});
