import { describe, expect, it } from 'vitest';
import {
  alert, alertmanager, counter, dashboard, defineProject, files, inhibitRule, notSecret, prometheusOperator, receiver, route, ruleGroup, scrapeJob,
  timeseriesPanel, type ProjectOptions,
} from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { compileAll } from '../../src/compile/index.js';
import { holdsSecretByName, SecretScan, scanSecrets } from '../../src/secrets/scan.js';
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

  it("a token in a scrape job's params, with the scrape job's secretFile fields as hint", () => {
    const p = project({ prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'], params: { api_key: [GITHUB_TOKEN] } })] } });
    // The generated file's own finding aside (the output scan, a safety net, sees the same token).
    const [d, ...rest] = scan(p).filter((x) => x.path !== undefined);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ path: ['prometheus', 'scrapeJobs', 'app', 'params', 'api_key[0]'] });
    expect(d!.hint).toContain("Prometheus reads scrape credentials from a file on its host: scrapeJob({ authorization: { credentials: secretFile('/etc/prometheus/secrets/<job>_token') } }), basicAuth: { username, password: secretFile(…) }");
    expect(d!.hint).not.toContain('yet');
  });

  it('credentials in a service discovery URL: the hint says the discovery takes none', () => {
    const [d, ...rest] = scan(project({ prometheus: { scrapeJobs: [scrapeJob({ name: 'sd', httpSd: { url: 'http://admin:S3cretPassw0rd@discovery:8080/targets' } })] } }));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ path: ['prometheus', 'scrapeJobs', 'sd', 'httpSd', 'url'] });
    expect(d!.hint).toContain("totem-mon's kubernetes and httpSd take no credentials");
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

describe('values the output alone does not show as secrets are found by the definitions', () => {
  const am = (options: Partial<Parameters<typeof alertmanager>[0]> = {}) =>
    alertmanager({ receivers: [receiver({ name: 'hook', webhook: [{ url: 'https://hooks.example.com/x' }] })], route: route({ receiver: 'hook' }), ...options });
  /** The pipeline stage both ways (with the generated files, and from the definitions alone): the same findings. */
  const pipeline = (p: ReturnType<typeof defineProject>, templates: TemplateFileModel[] = []) => {
    const model = modelOf(p, templatesOption(templates));
    const found = scanSecrets(model, compileAll(model));
    expect(scanSecrets(model)).toEqual(found);
    expect(JSON.stringify(found.map(redactDiagnostic))).not.toMatch(/Pa;ssw0rd|cdefgh|Hunter2pass|S3cr3tV4lue99|9f8e7d6c|5b4a3928/);
    return found;
  };

  it.each([
    ['a ; near its start', 'Pa;ssw0rd-2024'],
    ['( and ) in it', 'ab(cdefgh)12'],
    ['a { first', '{cdefgh}12'],
  ])('a secret-named label with %s', (_name, value) => {
    const found = pipeline(project({}, { labels: { severity: 'critical', db_password: value } }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: ['ruleGroups', 'g', 'rules', 'Errors', 'labels', 'db_password'], message: 'labels.db_password holds a literal db password: "***"; generated files never hold a secret' });
  });

  it('user:password@host without a scheme: an SMTP smarthost', () => {
    const found = pipeline(project({ alertmanager: am({ global: { smtp: { from: 'a@example.com', smarthost: 'alerts:Hunter2pass@smtp.example.com:587' } } }) }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: ['alertmanager', 'global', 'smtp', 'smarthost'], message: expect.stringContaining('password in a URL: "alerts:***@smtp.example.com:587"') });
  });

  it('a route matcher and an inhibit rule matcher on a secret-named label', () => {
    const found = pipeline(
      project({
        alertmanager: am({
          route: route({ receiver: 'hook', routes: [route({ matchers: { api_token: 'S3cr3tV4lue99' }, receiver: 'hook' })] }),
          inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'Errors', db_password: 'Pa;ssw0rd-2024' }, targetMatchers: { severity: 'warning' } })],
        }),
      }),
    );
    expect(found.map((d) => [d.path!.slice(-3).join('.'), d.message.replace(/;.*/, '')])).toEqual([
      ['routes[0].matchers[0].value', 'matchers[0].value holds a literal api token: "***"'],
      ['sourceMatchers[1].value', 'sourceMatchers[1].value holds a literal db password: "***"'],
    ].map(([path, message]) => [expect.stringContaining(path!), message]));
  });

  it('a Go template assignment in a notification template', () => {
    const template: TemplateFileModel = {
      name: 'ack.tmpl',
      source: 'templates/ack.tmpl',
      content: '{{ define "ack" -}}\n{{ $apiKey := "9f8e7d6c5b4a39281706f5e4d3c2b1a0" -}}\n{{ $password := "Hunter2pass" -}}\n<a href="https://x.example.com/?k={{ $apiKey }}">ack</a>\n{{- end }}\n',
    };
    const found = pipeline(project({ alertmanager: am() }), [template]);
    expect(found.map((d) => [d.source, d.message.replace(/;.*/, '')])).toEqual([
      [{ file: 'templates/ack.tmpl', line: 2, column: 5 }, 'notification template ack.tmpl holds a literal secret assignment: "apiKey := "***""'],
      [{ file: 'templates/ack.tmpl', line: 3, column: 5 }, 'notification template ack.tmpl holds a literal secret assignment: "password := "***""'],
    ]);
  });

  it.each([
    ['Authorization', 'Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'Token ***'],
    ['X-Auth', 'GenieKey 9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0', 'GenieKey ***'],
  ])('an email header %s with a scheme and credentials', (header, value, shown) => {
    const found = pipeline(
      project({ alertmanager: am({ receivers: [receiver({ name: 'hook', email: [{ to: 'a@example.com', headers: { Subject: 'x', [header]: value } }] })] }) }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: ['alertmanager', 'receivers', 'hook', 'email[0]', 'headers', header], message: expect.stringContaining(`"${shown}"`) });
  });

  it('a token as a URL\'s user, a token in a URL\'s fragment', () => {
    const found = pipeline(
      project({}, { annotations: { ...texts, relay: 'https://9f8e7d6c5b4a39281706f5e4d3c2b1a0@relay.example.com/x', board: 'https://status.example.com/#token=5b4a3928xyz' } }),
    );
    expect(found.map((d) => d.message.replace(/;.*/, ''))).toEqual([
      'annotations.relay holds a literal token in a URL: "https://***@relay.example.com/x"',
      'annotations.board holds a literal secret query parameter: "https://status.example.com/#token=***"',
    ]);
  });
});

describe('the cheap pass by name', () => {
  it('finds a value by its name or a matcher\'s label, and nothing else', () => {
    expect(holdsSecretByName(modelOf(project({}, { labels: { severity: 'critical', db_password: 'Pa;ssw0rd-2024' } })))).toBe(true);
    expect(holdsSecretByName(modelOf(project()))).toBe(false);
  });

  it('a cyclic model: past its budget, it leaves the decision to the full scan (which guards against cycles)', () => {
    const model = modelOf(project());
    const loop: Record<string, unknown> = { note: 'x' };
    loop['self'] = loop;
    const cyclic = { ...model, prometheus: { ...model.prometheus, loop } } as typeof model;
    expect(holdsSecretByName(cyclic)).toBe(true);
    expect(scanSecrets(cyclic, compileAll(model))).toEqual([]);
  });
});

describe('a field naming a Kubernetes Secret holds a name, not a secret', () => {
  const withOperator = (operator: Parameters<typeof prometheusOperator>[0], rule: Partial<Parameters<typeof alert>[0]> = {}) =>
    project(
      {
        outputs: [files(), prometheusOperator(operator)],
        alertmanager: alertmanager({ receivers: [receiver({ name: 'team', email: [{ to: 'a@example.com' }] })], route: route({ receiver: 'team' }) }),
      },
      rule,
    );

  it.each([
    ['the default configSecret', { namespace: 'monitoring' }],
    ['a configSecret set by the user', { namespace: 'monitoring', alertmanager: { configSecret: 'alertmanager-main-config' } }],
  ] as const)('%s: nothing, with the generated files or from the definitions alone', (_name, operator) => {
    const model = modelOf(withOperator(operator));
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
