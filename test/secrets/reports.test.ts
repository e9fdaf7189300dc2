import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { renderText } from '../../src/report/text.js';
import { renderJson, jsonReportSchema } from '../../src/report/json.js';
import { renderGithub } from '../../src/report/github.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { SecretScan } from '../../src/secrets/scan.js';

const fixture = (name: string) => path.join(FIXTURES, 'secrets', name);
const SECRETS = /CorrectHorseBattery|TopSecretValue42|abcdefghijklmnop|hunter2hunter2|S3cr3tT0ken|AbCdEfGhIjKlMnOpQrSt|S3cr3tV4lue99|Zq8mTopSecret77|Hunter2pass|ssw0rd/;

describe('generate refuses a secret anywhere, names where, and never echoes it', () => {
  it('annotations: a URL password and an auth= parameter, nothing written', async () => {
    const out = tempDir();
    const r = await runCli(['generate', '--definitions', fixture('annotation-url'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error [secrets] base.ts:15 › ruleGroups › g › rules › Errors › annotations › runbook_url: ' +
        'annotations.runbook_url holds a literal password in a URL: "https://ops:***@wiki.example.com/runbooks/errors"',
    );
    expect(r.stderr).toContain('annotations.dashboard holds a literal secret query parameter: "https://grafana.example.com/d/errors?orgId=1&auth=***"');
    expect(r.stderr).not.toMatch(SECRETS);
    expect(snapshotTree(out)).toEqual({});
  });

  it('templates/*.tmpl: located at the template file and line', async () => {
    const out = tempDir();
    const r = await runCli(['generate', '--definitions', path.join(fixture('template-token'), 'definitions'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error [secrets] templates/chat.tmpl:3 › templates › chat.tmpl: notification template chat.tmpl holds a literal Slack token: "xoxb-***"');
    expect(r.stderr).not.toMatch(SECRETS);
    expect(snapshotTree(out)).toEqual({});
  });
});

describe('validate: no report format echoes a secret', () => {
  it.each(['text', 'json', 'github'])('--format %s', async (format) => {
    const r = await runCli(['validate', '--definitions', fixture('annotation-url'), '--offline', '--format', format]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[secrets]'.slice(format === 'text' ? 0 : 1, format === 'text' ? 9 : 8));
    expect(r.stdout + r.stderr).not.toMatch(SECRETS);
    if (format === 'json') expect(jsonReportSchema.parse(JSON.parse(r.stdout)).ok).toBe(false);
  });
});

describe('validate: every string a report prints is redacted (labels, matchers, tool and schema messages)', () => {
  it.each(['text', 'json', 'github'])('--format %s', async (format) => {
    const r = await runCli(['validate', '--definitions', fixture('default-route-label'), '--offline', '--format', format]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(SECRETS);
    // The default-route finding still says which labels the alert has.
    expect(r.stdout).toContain(format === 'json' ? 'api_token=\\"***\\"' : 'api_token="***"');
    if (format !== 'json') return;
    const report = jsonReportSchema.parse(JSON.parse(r.stdout));
    expect(report.defaultRoute!.alerts[0]!.labels).toEqual({
      alertname: 'Errors',
      severity: 'info',
      api_token: '***',
      runbook_token_link: 'https://wiki.example.com/x?token=***',
    });
    // The definitions name each secret (the alert's label, the route's matcher, the smarthost).
    expect(report.diagnostics.filter((d) => d.id === 'secrets').map((d) => d.path!.at(-1))).toEqual(
      expect.arrayContaining(['api_token', 'runbook_token_link', 'value', 'smarthost']),
    );
  });

  it('generate names them and writes nothing', async () => {
    const out = tempDir();
    const r = await runCli(['generate', '--definitions', fixture('default-route-label'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(SECRETS);
    expect(snapshotTree(out)).toEqual({});
  });
});

describe('one redaction for every finding and format (a tool echoing its input included)', () => {
  // As promtool would report a rule line holding a secret, with an excerpt and a path built from names.
  const echoed: Diagnostic = {
    id: 'promtool/check-rules',
    severity: 'error',
    message: 'promtool: annotation "x": bad template near https://bob:hunter2hunter2@h.example.com/?token=S3cr3tT0ken',
    hint: 'the header was Authorization: Bearer AbCdEfGhIjKlMnOpQrSt',
    path: ['ruleGroups', 'g', 'rules', 'https://bob:hunter2hunter2@h/'],
    source: { file: 'definitions/a.ts', line: 3, column: 1 },
    file: 'prometheus/rules/g.yml:3:5',
    excerpt: { text: 'up{x="https://bob:hunter2hunter2@h/"} > 1', from: 38, to: 41 },
  };

  it('text', () => {
    const text = renderText([echoed], { color: false });
    expect(text).not.toMatch(SECRETS);
    expect(text).toContain('https://bob:***@h.example.com/?token=***');
    expect(text).toContain('Bearer ***');
    // The caret still points at "> 1" in the redacted excerpt.
    expect(text).toContain('    │ up{x="https://bob:***@h/"} > 1\n    │                            ^');
  });

  it('json', () => {
    const json = renderJson({ definitions: 'd', offline: true, tools: [], diagnostics: [echoed] });
    expect(json).not.toMatch(SECRETS);
    const report = jsonReportSchema.parse(JSON.parse(json));
    const [d] = report.diagnostics;
    expect(d!.excerpt!.text.slice(d!.excerpt!.from, d!.excerpt!.to)).toBe('> 1');
    expect(d!.path).toEqual(['ruleGroups', 'g', 'rules', 'https://bob:***@h/']);
  });

  it('github', () => {
    const github = renderGithub([echoed], 'definitions/index.ts');
    expect(github).not.toMatch(SECRETS);
    expect(github).toContain('token=***');
  });

  // As amtool, promtool and the schema quote a value they could not parse, and as findings print an alert's labels.
  const quoting: Diagnostic[] = [
    { id: 'amtool/check-config', severity: 'error', message: 'amtool: address alerts:Hunter2pass@smtp.example.com:587: too many colons in address' },
    { id: 'schema', severity: 'error', message: 'invalid target "scraper:Hunter2pass@web:8080"', path: ['prometheus', 'scrapeJobs', 'app', 'targets[0]'] },
    { id: 'alertmanager/default-route', severity: 'warning', message: 'alert X reaches only the root route (receiver team): no route below the root matches {alertname="X", api_token="S3cr3tV4lue99", severity="info"}.' },
  ];

  it.each([
    ['text', () => renderText(quoting, { color: false })],
    ['json', () => renderJson({ definitions: 'd', offline: false, tools: [], diagnostics: quoting })],
    ['github', () => renderGithub(quoting, 'definitions/index.ts')],
  ])('tool, schema and check messages quoting a value, %s', (format, render) => {
    const out = render();
    expect(out).not.toMatch(SECRETS);
    expect(out).toContain('alerts:***@smtp.example.com:587');
    expect(out).toContain('scraper:***@web:8080');
    expect(out).toContain(format === 'json' ? 'api_token=\\"***\\"' : 'api_token="***"');
  });

  it('json: the default route\'s alerts, with their labels by name', () => {
    const json = renderJson({
      definitions: 'd',
      offline: true,
      tools: [],
      diagnostics: [],
      defaultRoute: {
        receiver: 'team',
        unexpectedOnly: false,
        alerts: [{ alert: 'X', labels: { alertname: 'X', api_token: 'S3cr3tV4lue99', link: 'https://wiki.example.com/x?token=Zq8mTopSecret77' }, path: ['ruleGroups', 'g', 'rules', 'X'] }],
      },
      silenced: [{ id: 'alertmanager/default-route', severity: 'warning', message: 'matches {api_token="S3cr3tV4lue99"}', path: ['ruleGroups'], reason: 'r' }],
    });
    expect(json).not.toMatch(SECRETS);
    const report = jsonReportSchema.parse(JSON.parse(json));
    expect(report.defaultRoute!.alerts[0]!.labels).toEqual({ alertname: 'X', api_token: '***', link: 'https://wiki.example.com/x?token=***' });
    expect(report.silenced[0]!.message).toBe('matches {api_token="***"}');
  });
});

describe('the generated files are scanned too (a safety net for values the model scan does not see)', () => {
  it('reports at the generated file and line what no definition value explains', () => {
    const scan = new SecretScan([]);
    scan.scanOutput([{ path: 'alertmanager/alertmanager.yml', content: 'route:\n  receiver: x\n  url: https://a:hunter2hunter2@h/\n' }]);
    expect(scan.diagnostics).toEqual([
      {
        id: 'secrets',
        severity: 'error',
        message: 'generated file alertmanager/alertmanager.yml would hold a literal password in a URL at line 3, column 8: "https://a:***@"',
        hint: expect.stringContaining('find the definition value that writes it'),
        file: 'alertmanager/alertmanager.yml:3:8',
      },
    ]);
  });
});
