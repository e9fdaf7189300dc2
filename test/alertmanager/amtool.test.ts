// The generated Alertmanager configuration, checked by the real amtool 0.25.
import { beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

const amtool = (args: string[]) => execa(findBinary('amtool')!, args, { timeout: 30_000, reject: false });

let out: string;
let config: string;

beforeAll(async () => {
  out = tempDir();
  const result = await runCli(['generate', '--definitions', path.join(REPO, 'definitions'), '--out', out]);
  if (result.code !== 0) throw new Error(`generate failed: ${result.stderr}`);
  config = path.join(out, 'alertmanager/alertmanager.yml');
});

describe('Totem alertmanager.yml', () => {
  itWithBinaries(['amtool'])('passes amtool check-config, templates included', async () => {
    const result = await amtool(['check-config', config]);
    expect(result.stdout).toContain('SUCCESS');
    expect(result.stdout).toContain('1 templates');
    expect(result.exitCode).toBe(0);
  });

  itWithBinaries(['amtool'])('the committed out/alertmanager/alertmanager.yml passes amtool check-config', async () => {
    const result = await amtool(['check-config', path.join(REPO, 'out/alertmanager/alertmanager.yml')]);
    expect(result.exitCode).toBe(0);
  });

  itWithBinaries(['amtool'])('routes criticals to team-totem (email and Slack), warnings to team-totem-slack', async () => {
    const route = (...labels: string[]) => amtool(['config', 'routes', 'test', `--config.file=${config}`, ...labels]);
    const critical = await route('severity=critical', 'alertname=HighErrorRate');
    expect(critical.exitCode).toBe(0);
    expect(critical.stdout.trim()).toBe('team-totem');
    const warning = await route('severity=warning', 'alertname=HighLatency');
    expect(warning.stdout.trim()).toBe('team-totem-slack');
    const other = await route('severity=info', 'alertname=Other');
    expect(other.stdout.trim()).toBe('team-totem-slack');
  });

  itWithBinaries(['amtool'])('templates render a sample alert with summary, severity and runbook', async () => {
    const data = path.join(tempDir(), 'data.json');
    const alert = {
      status: 'firing',
      labels: { alertname: 'HighErrorRate', severity: 'critical', job: 'totem-api' },
      annotations: {
        summary: 'Alta taxa de erros',
        description: 'Taxa de erros acima de 10% nos últimos 5 minutos',
        runbook_url: 'https://runbooks.totem.example.com/alerts/HighErrorRate',
      },
      startsAt: '2024-01-01T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
    };
    writeFileSync(
      data,
      JSON.stringify({
        receiver: 'team-totem',
        status: 'firing',
        alerts: [alert],
        groupLabels: { alertname: 'HighErrorRate' },
        commonLabels: alert.labels,
        commonAnnotations: {},
        externalURL: 'http://alertmanager:9093',
      }),
    );
    const render = (name: string) =>
      amtool([
        'template', 'render',
        `--template.glob=${path.join(out, 'alertmanager/templates/*.tmpl')}`,
        `--template.data=${data}`,
        `--template.text={{ template "${name}" . }}`,
      ]);
    const title = await render('totem.slack.title');
    expect(title.exitCode).toBe(0);
    expect(title.stdout).toContain('[FIRING:1] HighErrorRate (totem-api)');
    for (const name of ['totem.slack.text', 'totem.email.html', 'totem.email.text']) {
      const body = await render(name);
      expect(body.exitCode, body.stderr).toBe(0);
      expect(body.stdout).toContain('Alta taxa de erros');
      expect(body.stdout).toContain('https://runbooks.totem.example.com/alerts/HighErrorRate');
      expect(body.stdout).toContain('critical');
      expect(body.stdout).toContain('1 disparando, 0 resolvido(s)');
    }
  });
});

describe('no secret in the output', () => {
  // The equivalent of `grep -rn 'password' out/ | grep -v _file` and `grep -rn 'hooks.slack.com' out/`.
  const offending = (tree: Record<string, string>) =>
    Object.entries(tree).flatMap(([file, content]) =>
      content
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line }))
        .filter(({ text }) => (/password/i.test(text) && !/_file/.test(text)) || /hooks\.slack\.com/i.test(text)),
    );

  it('in a fresh generate of the Totem definitions', () => {
    expect(offending(snapshotTree(out))).toEqual([]);
    expect(readFileSync(config, 'utf8')).toContain('smtp_auth_password_file: /etc/alertmanager/secrets/smtp_password');
    expect(readFileSync(config, 'utf8')).toContain('slack_api_url_file: /etc/alertmanager/secrets/slack_webhook_url');
  });

  it('in the committed out/', () => {
    expect(offending(snapshotTree(path.join(REPO, 'out')))).toEqual([]);
  });
});

describe('golden file', () => {
  it('alertmanager.yml of the Totem definitions', async () => {
    await expect(readFileSync(config, 'utf8')).toMatchFileSnapshot('__golden__/alertmanager.yml');
  });

  it('generated templates start with a header naming their source', () => {
    const template = readFileSync(path.join(out, 'alertmanager/templates/totem.tmpl'), 'utf8');
    expect(template.split('\n')[0]).toBe(
      '{{/* Generated by totem-mon from templates/totem.tmpl. Do not edit: change templates/totem.tmpl and run `totem-mon generate`. */}}',
    );
    expect(template).toContain(readFileSync(path.join(REPO, 'templates/totem.tmpl'), 'utf8'));
  });
});
