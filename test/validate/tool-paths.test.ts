/**
 * The tools run in validate's temporary tree, so their texts name its paths: the tree's own folder,
 * the rule groups extracted from other profiles' files (`extracted-rules/…`), the placeholders that
 * stand for credential files, the tools' scratch files. The real promtool and amtool are run on
 * broken output (a PrometheusRule that does not parse, rule files that do not load, a rule test
 * whose rule file is missing, credential files promtool rejects, an Alertmanager config amtool
 * refuses): no finding a user sees names any of those paths, and each names the file out/ holds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { compileAll } from '../../src/compile/index.js';
import type { OutputFile } from '../../src/compile/output.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { runTools } from '../../src/validate/run-tools.js';
import { findTool } from '../../src/validate/tools.js';
import { userPaths, TEMPORARY_FILE } from '../../src/validate/tool-paths.js';
import { checkConfigByHand } from '../../src/validate/extracted-rules.js';
import { lacksKubernetesSdProbe } from '../../src/validate/promtool.js';
import { itWithBinaries } from '../helpers/tools.js';
import { alert, alertmanager, counter, defineProject, receiver, route, ruleGroup, scrapeJob } from '../../src/index.js';

/** A shop with a tested alert (a rule test file and the rule file it loads) and an Alertmanager. */
function project() {
  const orders = counter({ name: 'shop_orders_total', help: 'Orders placed.', labels: ['status'] });
  const failing = alert({
    name: 'OrdersFailing',
    expr: `sum by (job) (rate(shop_orders_total{status="failed"}[5m])) > 2`,
    for: '10m',
    labels: { severity: 'critical' },
    annotations: { summary: 'Orders failing', description: 'More than 2 failed orders a second' },
    tests: [{ name: 'quiet', input: [{ series: 'shop_orders_total{job="shop", status="failed"}', values: '0+1x20' }], at: '10m', expect: [] }],
  });
  return defineProject({
    name: 'shop',
    metrics: [orders],
    prometheus: { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, alertmanagers: ['am:9093'], scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })] },
    ruleGroups: [ruleGroup({ name: 'shop', rules: [failing] })],
    alertmanager: alertmanager({ receivers: [receiver({ name: 'fallback' })], route: route({ receiver: 'fallback' }) }),
  });
}

function model() {
  const parsed = parseProject(project());
  if (!parsed.ok) throw new Error('shop does not parse');
  return buildModel(parsed.project, 'definitions/index.ts');
}

const tool = <N extends 'promtool' | 'amtool'>(name: N) => ({ name, path: findTool(name)! });

/** Every text of the findings a user can see. */
const texts = (found: readonly Diagnostic[]) => found.flatMap((d) => [d.message, d.hint ?? '', d.file ?? '', d.source?.file ?? '']);

/** What no text may hold: the temporary folders and the tree's own names. */
function leaks(found: readonly Diagnostic[]): string[] {
  const temporary = [os.tmpdir(), '/dev/shm', '/tmp/', 'totem-mon-validate-', 'extracted-rules', '.promtool-placeholders'];
  return texts(found).filter((t) => temporary.some((p) => t.includes(p)));
}

const replace = (files: OutputFile[], file: string, edit: (content: string) => string): OutputFile[] =>
  files.map((f) => (f.path === file ? { ...f, content: edit(f.content) } : f));

async function run(files: OutputFile[], timeoutMs?: number): Promise<Diagnostic[]> {
  const limit = timeoutMs !== undefined ? { timeoutMs } : {};
  return (await runTools({ model: model(), files, promtool: { ...tool('promtool'), ...limit }, amtool: { ...tool('amtool'), ...limit } })).diagnostics;
}

/**
 * Runs a command shown to be run by hand in out/, as shown (`sh -c`), in a fresh folder holding the
 * generated files as out/ does, with the promtool validate found first on PATH; what it printed and
 * what out/prometheus/ holds after it.
 */
function runShown(files: readonly OutputFile[], command: string): { status: number | null; output: string; left: string[] } {
  const out = mkdtempSync(path.join(os.tmpdir(), 'totem-mon-byhand-'));
  try {
    for (const f of files) {
      mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
      writeFileSync(path.join(out, f.path), f.content);
    }
    const result = spawnSync('sh', ['-c', command], { cwd: out, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(findTool('promtool')!)}:${process.env['PATH']}` } });
    return { status: result.status, output: result.stdout + result.stderr, left: readdirSync(path.join(out, 'prometheus')).sort() };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A PrometheusRule whose rule groups validate checks as a rule file of their own (extracted-rules/…). */
const PROMETHEUS_RULE: OutputFile = {
  path: 'kubernetes/shop rules.yaml',
  content: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n  - name: g\n    rules:\n    - alert: A\n      expr: up ==\n    - record: r\n      expr: up\n    - record: r\n      expr: up\n',
  ruleGroupsAt: ['spec', 'groups'],
};

/** A PrometheusRule promtool accepts: its groups are checked by `check rules`, so `check config` is given no rule file. */
const PROMETHEUS_RULE_VALID: OutputFile = {
  path: 'kubernetes/thanos rules.yaml',
  content: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n  - name: g\n    rules:\n    - record: r\n      expr: up\n',
  ruleGroupsAt: ['spec', 'groups'],
};

describe('the tools\' findings name no temporary path', () => {
  itWithBinaries(['promtool', 'amtool'])('promtool check rules, on a rule file and on rule groups extracted from a PrometheusRule', async () => {
    const files = replace(compileAll(model()), 'prometheus/rules/shop.yml', (c) => c.replace(/expr: (.*)/, 'expr: sum by (job (bad'));
    const found = await run([...files, PROMETHEUS_RULE]);
    expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
    expect(leaks(found)).toEqual([]);
    expect(found.some((d) => d.file === 'kubernetes/shop rules.yaml')).toBe(true);
  });

  itWithBinaries(['promtool', 'amtool'])('promtool test rules: a test whose rule file is missing, one whose rules do not load', async () => {
    const files = compileAll(model());
    const tests = files.filter((f) => f.path.endsWith('.test.yml'));
    expect(tests.length).toBeGreaterThan(0);
    const missing: OutputFile = { path: 'prometheus/tests/gone/gone.test.yml', content: 'rule_files:\n  - gone.rules.yml\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series: []\n    alert_rule_test: [{ eval_time: 1m, alertname: X, exp_alerts: [] }]\n' };
    const broken = files.map((f) => (f.path.endsWith('.rules.yml') ? { ...f, content: f.content.replace(/expr: (.*)/, 'expr: rate(x[5m]) >') } : f));
    const found = await run([...broken, missing]);
    expect(found.filter((d) => d.id === 'promtool/test-rules').length, JSON.stringify(found)).toBeGreaterThan(0);
    expect(leaks(found)).toEqual([]);
  });

  itWithBinaries(['promtool', 'amtool'])('promtool check config and amtool check-config', async () => {
    let files = replace(compileAll(model()), 'prometheus/prometheus.yml', (c) =>
      // The scrape job's credentials: files on the Prometheus host, placeholders in the tree; and a label promtool refuses.
      c.replace(/\n( {4})static_configs:/, '\n$1tls_config:\n$1  cert_file: /etc/prometheus/client.pem\n$1  key_file: /etc/prometheus/client.key\n$1  ca_file: /etc/prometheus/ca.pem\n$1relabel_configs: [{ action: kep }]\n$1static_configs:'),
    );
    files = replace(files, 'alertmanager/alertmanager.yml', (c) => c.replace('receivers:', 'receivers:\n  - name: extra\n    webhook_configs: [{ url_file: /nope }]'));
    const found = await run(files);
    expect(found.some((d) => d.id === 'amtool/check-config'), JSON.stringify(found)).toBe(true);
    expect(found.find((d) => d.id === 'promtool/check-config')?.message, JSON.stringify(found)).toContain('unknown relabel action');
    expect(leaks(found)).toEqual([]);
  });

  itWithBinaries(['promtool', 'amtool'])('every run timed out: the commands name the files out/ holds, never the tree or extracted-rules/', async () => {
    const found = await run([...compileAll(model()), PROMETHEUS_RULE], 1);
    const timedOut = found.filter((d) => d.message.endsWith('timed out'));
    expect(timedOut.map((d) => d.id).sort(), JSON.stringify(found)).toEqual(['amtool/check-config', 'promtool/check-config', 'promtool/check-rules', 'promtool/test-rules']);
    expect(leaks(found)).toEqual([]);
    expect(found.find((d) => d.id === 'promtool/check-rules')?.message).toMatch(/^`r1=\$\(mktemp\) && yq .* 'kubernetes\/shop rules\.yaml' > "\$r1" && promtool check rules .*"\$r1".*` timed out$/);
  });

  /**
   * Audit round 24: the command a timed-out `check rules` shows ran `promtool check rules` on the
   * PrometheusRule itself, which promtool cannot read. Each command shown is run here, as shown, in
   * a folder holding the generated files (as out/ does), with the real promtool and yq.
   */
  itWithBinaries(['promtool', 'amtool', 'yq'])('the timed-out commands run as they are shown in out/, with the result promtool gives validate', async () => {
    const valid: OutputFile = {
      path: 'kubernetes/thanos rules.yaml',
      content: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n  - name: g\n    partial_response_strategy: warn\n    rules:\n    - record: r\n      expr: up\n',
      ruleGroupsAt: ['spec', 'groups'],
    };
    const mimir: OutputFile = { path: 'mimir/shop.yaml', content: 'groups:\n  - name: m\n    source_tenants: [a, b]\n    rules:\n      - record: s\n        expr: sum(up)\n', ruleGroupsAt: ['groups'] };
    for (const [extra, ok] of [[[valid, mimir], true], [[PROMETHEUS_RULE], false]] as const) {
      const files = [...compileAll(model()), ...extra];
      const found = await run(files, 1);
      const timedOut = found.find((d) => d.id === 'promtool/check-rules')!;
      expect(timedOut.hint).toContain('promtool ran on the rule groups validate extracted');
      for (const f of extra) expect(timedOut.hint).toContain(f.path);
      const command = /^`(.*)` timed out$/s.exec(timedOut.message)![1]!;
      const byHand = runShown(files, command);
      if (ok) expect(byHand.status, byHand.output).toBe(0);
      else {
        expect(byHand.status, byHand.output).not.toBe(0);
        // What validate reports about the same rule groups, untimed.
        expect(byHand.output).toMatch(/parse error|unexpected end of input/);
      }
    }
  });
});

/**
 * Round 25: a timed-out (or failed) `promtool check config` showed `promtool check config
 * prometheus/prometheus.yml` to run by hand in out/, where it cannot pass as validate's run did:
 * validate gave promtool empty placeholders for the credential and certificate files the config
 * names (they live on the Prometheus host), and out/ holds none. Each command shown is run here,
 * as shown, in a folder holding the generated files, with the real promtool: a config that
 * validate found valid is valid by hand too, and one promtool refuses is refused by hand too.
 */
describe('a timed-out check config runs by hand as it is shown', () => {
  /** prometheus.yml with the scrape job reading its credentials and certificates from files on the Prometheus host. */
  const withCredentials = (files: OutputFile[], extra = '') =>
    replace(files, 'prometheus/prometheus.yml', (c) =>
      c.replace(
        /\n( {4})static_configs:/,
        '\n$1authorization:\n$1  credentials_file: /etc/prometheus/secrets/token\n$1tls_config:\n$1  cert_file: /etc/prometheus/client.pem\n$1  key_file: "/etc/prometheus/client key.pem"\n$1  ca_file: ca.pem\n' + extra + '$1static_configs:',
      ),
    );

  // The shop's rule files are checked by `check config` itself (one process); with a PrometheusRule beside them, by `check rules`.
  for (const [label, extra] of [['rule files checked with the config', []], ['rule files checked apart', [PROMETHEUS_RULE_VALID]]] as const) {
    itWithBinaries(['promtool', 'amtool', 'yq'])(`${label}: valid by hand, and a broken config refused by hand`, async () => {
      for (const [broken, ok] of [['', true], ['$1relabel_configs: [{ action: kep }]\n', false]] as const) {
        const files = [...withCredentials(compileAll(model()), broken), ...extra];
        const untimed = (await run(files)).filter((d) => d.id === 'promtool/check-config');
        expect(untimed.length === 0, JSON.stringify(untimed)).toBe(ok);
        const timedOut = (await run(files, 1)).find((d) => d.id === 'promtool/check-config' && d.message.endsWith('timed out'))!;
        expect(timedOut, 'check config timed out').toBeDefined();
        const command = /^`(.*)` timed out$/s.exec(timedOut.message)![1]!;
        expect(command).toMatch(/^promtool check config --syntax-only prometheus\/prometheus\.yml/);
        // What validate's run checked besides the config, the command checks too: the rule files, when check config loaded them.
        if (extra.length === 0) expect(command).toMatch(/ && promtool check rules prometheus\/rules\/\S+\.yml/);
        else expect(command).not.toContain('check rules');
        const byHand = runShown(files, command);
        if (ok) expect(byHand.status, `${command}\n${byHand.output}`).toBe(0);
        else {
          expect(byHand.status, `${command}\n${byHand.output}`).not.toBe(0);
          expect(byHand.output).toContain('unknown relabel action');
        }
        // Nothing is left in out/ by the command.
        expect(byHand.left).toEqual([...new Set(files.filter((f) => f.path.startsWith('prometheus/') && f.path.split('/').length > 2).map((f) => f.path.split('/')[1]!)), 'prometheus.yml'].sort());
        expect(timedOut.hint).toContain('credential');
      }
    });
  }
});

describe('check config by hand where validate checked the config without its kubernetes_sd_configs', () => {
  /**
   * Debian's promtool cannot read kubernetes_sd_configs: validate checks the config again without
   * them (src/validate/promtool.ts). The command shown for that run makes the same copy with yq
   * first; run here as shown, with the installed promtool (Debian's or not) and yq, on a config
   * that also names credential files out/ does not have.
   */
  itWithBinaries(['promtool', 'yq'])('runs as shown in out/ and passes on a valid config', () => {
    const files = replace(compileAll(model()), 'prometheus/prometheus.yml', (c) =>
      c.replace(/\n( {4})static_configs:/, '\n$1kubernetes_sd_configs:\n$1  - role: pod\n$1authorization:\n$1  credentials_file: /etc/prometheus/secrets/token\n$1static_configs:'),
    );
    const ruleFiles = files.map((f) => f.path).filter((p) => p.startsWith('prometheus/rules/'));
    for (const rules of [[], ruleFiles]) {
      const shown = checkConfigByHand(files, rules, true)('promtool', ['check', 'config', 'prometheus/prometheus.yml']);
      expect(shown.command).toContain('--syntax-only "$c"');
      expect(shown.note).toContain('kubernetes_sd_configs');
      const byHand = runShown(files, shown.command);
      expect(byHand.status, `${shown.command}\n${byHand.output}`).toBe(0);
    }
  });
});

/**
 * Round 26: a first `check config` that TIMED OUT never learnt whether this promtool reads
 * kubernetes_sd_configs (Debian's cannot: it says so only when a run ends), so the command shown
 * checked prometheus.yml with them, which Debian's promtool refuses by hand. The command shown must
 * run as printed with the installed promtool, whichever it is: run here with the real one, on
 * configs with and without credential files, with the rule files checked by the config and apart,
 * and a broken config is refused by hand as validate refuses it.
 */
describe('a timed-out check config on a config with kubernetes_sd_configs runs by hand as it is shown', () => {
  const kubernetes = (files: OutputFile[], credentials: boolean, broken: string) =>
    replace(files, 'prometheus/prometheus.yml', (c) =>
      c.replace(
        /\n( {4})static_configs:/,
        '\n$1kubernetes_sd_configs:\n$1  - role: pod\n' + (credentials ? '$1authorization:\n$1  credentials_file: /etc/prometheus/secrets/token\n' : '') + broken + '$1static_configs:',
      ),
    );
  for (const credentials of [false, true]) {
    for (const [label, extra] of [['rule files checked with the config', []], ['rule files checked apart', [PROMETHEUS_RULE_VALID]]] as const) {
      itWithBinaries(['promtool', 'amtool', 'yq'])(`${credentials ? 'with' : 'without'} credential files, ${label}`, async () => {
        for (const [broken, ok] of [['', true], ['$1relabel_configs: [{ action: kep }]\n', false]] as const) {
          const files = [...kubernetes(compileAll(model()), credentials, broken), ...extra];
          const untimed = (await run(files)).filter((d) => d.id === 'promtool/check-config' && d.severity === 'error');
          expect(untimed.length === 0, JSON.stringify(untimed)).toBe(ok);
          const timedOut = (await run(files, 1)).find((d) => d.id === 'promtool/check-config' && d.message.endsWith('timed out'))!;
          expect(timedOut, 'check config timed out').toBeDefined();
          const command = /^`(.*)` timed out$/s.exec(timedOut.message)![1]!;
          const byHand = runShown(files, command);
          if (ok) expect(byHand.status, `${command}\n${byHand.output}`).toBe(0);
          else {
            expect(byHand.status, `${command}\n${byHand.output}`).not.toBe(0);
            expect(byHand.output).toContain('unknown relabel action');
          }
          expect(byHand.left).not.toContain('.promtool-placeholders');
          // The hint says why the command is not the plain check validate ran.
          expect(timedOut.hint).toContain('kubernetes_sd_configs');
        }
      });
    }
  }

  itWithBinaries(['promtool'])('the probe tells whether the promtool at hand reads kubernetes_sd_configs, or that it could not tell', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'totem-mon-probe-'));
    try {
      const known = await lacksKubernetesSdProbe(tool('promtool'), dir);
      expect(typeof known).toBe('boolean');
      // What promtool itself says of a job with kubernetes_sd_configs, asked apart.
      writeFileSync(path.join(dir, 'p.yml'), 'scrape_configs:\n  - job_name: x\n    kubernetes_sd_configs: [{ role: node }]\n');
      const asked = spawnSync(findTool('promtool')!, ['check', 'config', 'p.yml'], { cwd: dir, encoding: 'utf8' });
      expect(known).toBe(/field kubernetes_sd_configs not found/.test(asked.stdout + asked.stderr));
      expect(await lacksKubernetesSdProbe({ ...tool('promtool'), timeoutMs: 1 }, dir)).toBe('unknown');
      expect(readdirSync(dir)).toEqual(['p.yml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('userPaths', () => {
  const generated: OutputFile[] = [
    { path: 'extracted-rules/kubernetes/rules.yaml.yml', content: '' },
    { path: 'prometheus/prometheus.yml', content: 'scrape_configs:\n  - job_name: a\n    authorization:\n      credentials_file: "/etc/prometheus/token"\n    tls_config:\n      ca_file: /tmp/ca.pem\n' },
  ];
  const scratch = `/dev/shm/totem-mon-scratch-xyz`;
  const rewrite = userPaths(`${os.tmpdir()}/totem-mon-validate-abc`, generated, [scratch]);

  it.each([
    [`${os.tmpdir()}/totem-mon-validate-abc/prometheus/rules/a.yml: 5:3: bad`, 'prometheus/rules/a.yml: 5:3: bad'],
    ['extracted-rules/kubernetes/rules.yaml.yml:5:11: bad', 'kubernetes/rules.yaml: bad'],
    ['Checking extracted-rules/other/x.yaml.yml', 'Checking other/x.yaml'],
    ['open "prometheus/.promtool-placeholders/1": empty', 'open "/etc/prometheus/token": empty'],
    ['reading .promtool-placeholders/1 failed', 'reading /etc/prometheus/token failed'],
    // The user's own path stays, even in /tmp.
    ['open prometheus/.promtool-placeholders/2: empty', 'open /tmp/ca.pem: empty'],
    [`no file match pattern ${scratch}/promtool-123/wal/00001, ok`, `no file match pattern ${TEMPORARY_FILE}, ok`],
    [`stat ${scratch}/xyz/abc: no such file`, `stat ${TEMPORARY_FILE}: no such file`],
    [`mkdir ${scratch}: read-only file system`, `mkdir ${TEMPORARY_FILE}: read-only file system`],
    // Audit round 24: only the folders this run made are temporary; the user's own paths in /tmp stay.
    ['open /tmp/mine/rules.yml: permission denied', 'open /tmp/mine/rules.yml: permission denied'],
    ['template: /tmp/templates/slack.tmpl:3: unexpected "}"', 'template: /tmp/templates/slack.tmpl:3: unexpected "}"'],
    [`reading ${os.tmpdir()}/out/prometheus/prometheus.yml failed`, `reading ${os.tmpdir()}/out/prometheus/prometheus.yml failed`],
    ['stat /dev/shm/xyz/abc: no such file', 'stat /dev/shm/xyz/abc: no such file'],
    // Another run's scratch folder, or a sibling sharing the prefix, is not this run's.
    [`stat ${scratch}2/abc: gone`, `stat ${scratch}2/abc: gone`],
    [`open ${os.tmpdir()}/totem-mon-validate-abcd/x.yml`, `open ${os.tmpdir()}/totem-mon-validate-abcd/x.yml`],
    [`cd ${os.tmpdir()}/totem-mon-validate-abc`, 'cd the output folder'],
    ['prometheus/rules/a.yml: 5:3: kept as it is', 'prometheus/rules/a.yml: 5:3: kept as it is'],
  ])('%s', (text, expected) => {
    expect(rewrite(text)).toBe(expected);
  });
});
