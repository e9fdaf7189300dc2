import { describe, expect, it } from 'vitest';
import {
  alert, alertmanager, counter, dashboard, defineProject, notSecret, receiver, route, ruleGroup, scrapeJob, timeseriesPanel,
  type ProjectOptions,
} from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { compileAll } from '../../src/compile/index.js';
import { SecretScan, scanSecrets } from '../../src/secrets/scan.js';
import { redactDiagnostic } from '../../src/report/redact.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import type { TemplateFileModel } from '../../src/model/alertmanager.js';
import { modelOf, templatesOption } from '../helpers/model.js';

// Fake credentials, assembled so that no scanner mistakes this file for a leak.
const SLACK_TOKEN = ['xoxp', '1111111111', '2222222222', 'abcdefabcdefabcdef'].join('-');
const GITHUB_TOKEN = `ghp_${'Z9y8X7w6V5'.repeat(4)}`;

const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['key'] });
const texts = { summary: 'Erros', description: 'Erros demais', runbook_url: 'https://runbooks.example.com/x?tab=overview' };

function project(extra: Partial<ProjectOptions> = {}, rule: Partial<Parameters<typeof alert>[0]> = {}) {
  return defineProject({
    name: 'fixture',
    metrics: [requests],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    ruleGroups: [
      ruleGroup({
        name: 'g',
        rules: [
          alert({
            name: 'Errors',
            expr: `sum by (key) (rate(${requests.select({ key: 'session' })}[5m])) > 1`,
            for: '5m',
            labels: { severity: 'critical' },
            annotations: texts,
            ...rule,
          }),
        ],
      }),
    ],
    ...extra,
  });
}

/** The pipeline's secret stage, in memory: model and templates, then the compiled files. */
function scan(p: ReturnType<typeof defineProject>, templates: TemplateFileModel[] = []): Diagnostic[] {
  const model = modelOf(p, templatesOption(templates));
  const secrets = new SecretScan(model.notSecrets);
  secrets.scanModel(model);
  secrets.scanOutput(compileAll(model));
  return [...secrets.diagnostics, ...secrets.unusedAllowEntries()];
}

const THIS_FILE = expect.stringMatching(/scan\.test\.ts$/);

describe('a literal secret anywhere in the definitions is refused where it was defined', () => {
  it('credentials in a runbook URL (annotation)', () => {
    const [d, ...rest] = scan(project({}, { annotations: { ...texts, runbook_url: 'https://ops:Hunter2Hunter2@wiki.example.com/x' } }));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      id: 'secrets',
      severity: 'error',
      path: ['ruleGroups', 'g', 'rules', 'Errors', 'annotations', 'runbook_url'],
      message: 'annotations.runbook_url holds a literal password in a URL: "https://ops:***@wiki.example.com/x"; generated files never hold a secret',
      source: { file: THIS_FILE },
    });
    expect(d!.hint).toContain('secretFile(');
    expect(d!.hint).toContain("notSecret('<the value>', '<why it is not a secret>')");
    expect(JSON.stringify(d)).not.toContain('Hunter2');
  });

  it('a token in an alert label', () => {
    const [d] = scan(project({}, { labels: { severity: 'critical', chat: SLACK_TOKEN } }));
    expect(d).toMatchObject({ path: ['ruleGroups', 'g', 'rules', 'Errors', 'labels', 'chat'], message: expect.stringContaining('Slack token: "xoxp-***"') });
  });

  it('a token= parameter in a scrape path, with the Prometheus file-based form as hint', () => {
    const p = project({ prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'], path: '/metrics?token=s3cr3tvalue' })] } });
    const [d, ...rest] = scan(p);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ path: ['prometheus', 'scrapeJobs', 'app', 'metricsPath'], message: expect.stringContaining('"/metrics?token=***"') });
    expect(d!.hint).toContain('Prometheus reads scrape credentials from a file on its host (authorization.credentials_file');
  });

  it('a webhook URL with a key parameter in a receiver, with the receiver file-based form as hint', () => {
    const am = alertmanager({
      receivers: [receiver({ name: 'hook', webhook: [{ url: 'https://relay.example.com/alert?apikey=0a1b2c3d4e5f' }] })],
      route: route({ receiver: 'hook' }),
    });
    const [d, ...rest] = scan(project({ alertmanager: am }));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ path: ['alertmanager', 'receivers', 'hook', 'webhook[0]', 'url'], source: { file: THIS_FILE } });
    expect(d!.hint).toContain("authorization: { credentials: secretFile('/etc/alertmanager/secrets/webhook_token') }");
  });

  it('a Bearer token in an email header', () => {
    const am = alertmanager({
      receivers: [receiver({ name: 'mail', email: [{ to: 'a@example.com', headers: { Authorization: 'Bearer AbCdEfGhIjKlMnOpQrSt' } }] })],
      route: route({ receiver: 'mail' }),
    });
    const [d] = scan(project({ alertmanager: am }));
    expect(d).toMatchObject({ path: ['alertmanager', 'receivers', 'mail', 'email[0]', 'headers', 'Authorization'], message: expect.stringContaining('"Bearer ***"') });
  });

  it('a PagerDuty key in an alert label (by field)', () => {
    const key = '0123456789abcdef'.repeat(2);
    const [d] = scan(project({}, { labels: { severity: 'critical', routing_key: key } }));
    expect(d).toMatchObject({
      path: ['ruleGroups', 'g', 'rules', 'Errors', 'labels', 'routing_key'],
      message: 'labels.routing_key holds a literal PagerDuty integration key: "***"; generated files never hold a secret',
    });
  });

  it('dashboards: title, description, link and query', () => {
    const d = dashboard({
      title: `Deploys ${GITHUB_TOKEN}`,
      description: 'see https://admin:pa55w0rd@grafana.example.com',
      links: [{ title: 'Status', url: 'https://status.example.com/?access_token=abcdef123456' }],
      panels: [timeseriesPanel({ title: 'Req', targets: [{ expr: `sum(${requests}) + 0 * vector(0) # AKIAIOSFODNN7EXAMPLE`, legendFormat: 'x' }] })],
    });
    const found = scan(project({ dashboards: [d] }));
    expect(found.map((f) => f.path!.slice(2).join('.')).sort()).toEqual(['description', 'links[0].url', 'panels.Req.targets[0].expr', 'title']);
    // The title is in the path too: the reports redact every field (src/report/redact.ts).
    expect(JSON.stringify(found.map(redactDiagnostic))).not.toMatch(/Z9y8X7w6V5|pa55w0rd|abcdef123456|IOSFODNN7EXAMPLE/);
  });

  it('a notification template, located at its file and line', () => {
    const template: TemplateFileModel = {
      name: 'chat.tmpl',
      source: 'templates/chat.tmpl',
      content: '{{ define "chat.text" }}\n{{ .CommonAnnotations.summary }}\nhttps://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n{{ end }}\n',
    };
    const am = alertmanager({ receivers: [receiver({ name: 'r', email: [{ to: 'a@example.com' }] })], route: route({ receiver: 'r' }) });
    const [d, ...rest] = scan(project({ alertmanager: am }), [template]);
    expect(rest).toEqual([]);
    expect(d).toEqual({
      id: 'secrets',
      severity: 'error',
      message: 'notification template chat.tmpl holds a literal Slack webhook URL: "hooks.slack.com/services/***"; generated files never hold a secret',
      hint: expect.stringContaining('secretFile('),
      path: ['templates', 'chat.tmpl'],
      source: { file: 'templates/chat.tmpl', line: 3, column: 9 },
    });
  });
});

describe('the pipeline stage: generated files first, the definitions to say where', () => {
  const build = (p: ReturnType<typeof defineProject>) => modelOf(p);

  it.each([
    ['a short literal under a secret-looking label', { labels: { severity: 'critical', token: 'abc123x' } }, ['labels', 'token']],
    ['a URL password in an annotation', { annotations: { ...texts, runbook_url: 'https://a:b1c2d3e4@h.example.com/' } }, ['annotations', 'runbook_url']],
  ] as const)('%s: found in the output, located at the definition', (_name, rule, field) => {
    const model = build(project({}, rule as never));
    const found = scanSecrets(model, compileAll(model));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: 'secrets', severity: 'error', path: ['ruleGroups', 'g', 'rules', 'Errors', ...field], source: { file: THIS_FILE } });
    // Without output (the definitions have other errors): the same finding from the definitions alone.
    expect(scanSecrets(model)).toEqual(found);
  });

  it('clean definitions: nothing, whichever way', () => {
    const model = build(project());
    expect(scanSecrets(model, compileAll(model))).toEqual([]);
    expect(scanSecrets(model)).toEqual([]);
  });
});

describe('ordinary values stay quiet', () => {
  it('a runbook URL with ?tab=, a key label in PromQL, Portuguese texts', () => {
    expect(scan(project())).toEqual([]);
  });
});

describe('notSecret: an explicit, reasoned opt-out per value', () => {
  const demo = 'https://demo.example.com/board?token=public-demo';
  const withDemo = (allow: ProjectOptions['secrets']) => project({ secrets: allow }, { annotations: { ...texts, runbook_url: demo } });

  it('lets the value through', () => {
    expect(scan(withDemo({ allow: [notSecret(demo, 'the vendor publishes this demo token')] }))).toEqual([]);
  });

  it('a part of the value that holds the flagged text is enough', () => {
    expect(scan(withDemo({ allow: [notSecret('token=public-demo', 'the vendor publishes this demo token')] }))).toEqual([]);
    expect(scan(withDemo({ allow: [notSecret('public-demo', 'the vendor publishes this demo token')] }))).toEqual([]);
  });

  it('a part that does not hold the whole flagged text is not', () => {
    expect(scan(withDemo({ allow: [notSecret('public', 'the vendor publishes this demo token')] })).map((d) => d.severity)).toEqual(['error', 'warning']);
  });

  it('works through the pipeline stage too (generated files first)', () => {
    const model = modelOf(withDemo({ allow: [notSecret('public-demo', 'the vendor publishes this demo token')] }));
    expect(scanSecrets(model, compileAll(model))).toEqual([]);
  });

  it('does not let other secrets of the same kind through', () => {
    const p = project(
      { secrets: { allow: [notSecret(demo, 'the vendor publishes this demo token')] } },
      { annotations: { ...texts, runbook_url: demo, dashboard: 'https://x.example.com/?token=the-real-one' } },
    );
    const found = scan(p);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toEqual(['ruleGroups', 'g', 'rules', 'Errors', 'annotations', 'dashboard']);
  });

  it('an entry that matches nothing is a warning at the entry', () => {
    const [d, ...rest] = scan(project({ secrets: { allow: [notSecret('https://old.example.com/?token=gone', 'a demo token we no longer use')] } }));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ id: 'secrets', severity: 'warning', path: ['secrets', 'allow[0]'], source: { file: THIS_FILE } });
    expect(d!.message).toBe('notSecret("https://old.example.com/?token=***") matches no value that looks like a secret');
  });

  it('a reason is required', () => {
    const parsed = parseProject(withDemo({ allow: [notSecret(demo, 'ok')] }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.diagnostics[0]).toMatchObject({ message: 'notSecret needs a reason', path: ['secrets', 'allow[0]', 'reason'] });
  });
});
