import { describe, expect, it } from 'vitest';
import { findSecrets, findSecretsInText, redact, redactForReport, redactSecrets, type SecretClass } from '../../src/secrets/detect.js';

// Fake credentials, assembled so that no scanner mistakes this file for a leak.
const hex32 = '0123456789abcdef'.repeat(2);
const slackToken = ['xoxb', '123456789012', '123456789012', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const githubToken = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
const gitlabToken = `glpat-${'x1Y2z3W4v5'.repeat(2)}`;
const grafanaToken = `glsa_${'Ab12Cd34'.repeat(4)}_${'0a1b2c3d'}`;
const awsKey = `AKIA${'IOSFODNN7EXAMPLE'}`;
const awsSession = `ASIA${'Y34FZKBOKMUTVV7A'}`;
// Telegram's Bot API docs show both key lengths: 34 characters after the colon, and 35.
const telegramKey = ['AAHdqTcvCH1vGW', 'JxfSeofSAs0K5PALDsaw'].join('');
const telegramKey35 = ['ABC-DEF1234ghIkl', '-zyx57W2v1u123ew11'].join('');
const uuid = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const webexToken = ['Y2lzY29zcGFyazovL3VzL1dFQkhPT0svZjE4', 'ZTI0MDctYzg3MS00ZTdmLTgzYzEt'].join('');
const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'}`;

/** [name, text, field, class, the secret part that must not survive redaction]. */
const ATTACKS: Array<[string, string, string | undefined, SecretClass, string]> = [
  ['password in an https URL', 'https://alice:s3cr3t-pw@wiki.example.com/runbook', undefined, 'url-credentials', 's3cr3t-pw'],
  ['password in an amqp URL inside a sentence', 'queue at amqp://svc:hunter2hunter2@mq:5672/ is down', undefined, 'url-credentials', 'hunter2hunter2'],
  ['user:password@host without a scheme', 'admin:pa55word@db.internal:5432', undefined, 'url-credentials', 'pa55word'],
  ['token= parameter', 'https://status.example.com/api?token=abc123def456', undefined, 'query-parameter', 'abc123def456'],
  ['key= parameter after another', 'https://maps.example.com/x?tab=1&key=AbcdEf123456', undefined, 'query-parameter', 'AbcdEf123456'],
  ['apikey= parameter', 'https://x.example.com/?apikey=q1w2e3r4t5', undefined, 'query-parameter', 'q1w2e3r4t5'],
  ['auth= parameter', 'https://x.example.com/hook?auth=zzTopSecret', undefined, 'query-parameter', 'zzTopSecret'],
  ['password= parameter', 'https://x.example.com/login?user=bob&password=letmein99', undefined, 'query-parameter', 'letmein99'],
  ['secret= parameter', '/metrics?secret=m3tr1cs', undefined, 'query-parameter', 'm3tr1cs'],
  ['sig= parameter (signed URL)', 'https://blob.example.com/f?sv=2020&sig=AbC%2Bdef%3D', undefined, 'query-parameter', 'AbC%2Bdef%3D'],
  ['access_token= parameter', 'https://api.example.com/v1?access_token=ya29.a0Af', undefined, 'query-parameter', 'ya29.a0Af'],
  ['private_token= (suffix) parameter', 'https://gitlab.example.com/api?private_token=abcdEFGH', undefined, 'query-parameter', 'abcdEFGH'],
  ['Slack bot token', `token ${slackToken} in text`, undefined, 'token', slackToken.slice(5)],
  ['Slack webhook URL', 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX', undefined, 'webhook-url', 'T0000/B0000/XXXX'],
  ['Mattermost webhook URL', `https://chat.example.com/hooks/${'abcdefghijklm'.repeat(2)}`, undefined, 'webhook-url', 'abcdefghijklmabcdefghijklm'],
  ['Discord webhook URL', 'https://discord.com/api/webhooks/123456789012345678/AbCdEf-GhIjKl_MnOp', undefined, 'webhook-url', 'AbCdEf-GhIjKl_MnOp'],
  ['GitHub token', `git clone https://${githubToken}@github.com/o/r`, undefined, 'token', githubToken.slice(4)],
  ['GitHub fine-grained token', `github_pat_${'11ABCDEFG0123456789abcdefghij'}`, undefined, 'token', '11ABCDEFG0123456789abcdefghij'],
  ['GitLab token', gitlabToken, undefined, 'token', gitlabToken.slice(6)],
  ['Grafana service account token', grafanaToken, undefined, 'token', grafanaToken.slice(5)],
  ['PagerDuty key in a routing_key field', hex32, 'routing_key', 'token', hex32],
  ['PagerDuty key in a routingKey label', hex32, 'routingKey', 'token', hex32],
  ['PagerDuty key in an events URL', `https://events.pagerduty.com/integration/${hex32}/enqueue`, undefined, 'webhook-url', hex32],
  ['AWS access key', `aws key ${awsKey}`, undefined, 'token', awsKey.slice(4)],
  ['AWS session key', awsSession, undefined, 'token', awsSession.slice(4)],
  ['Bearer token', `Authorization: Bearer ${'AbCdEf0123456789AbCdEf'}`, undefined, 'token', 'AbCdEf0123456789AbCdEf'],
  ['Basic credentials', `Authorization: Basic ${Buffer.from('bob:secret99').toString('base64')}`, undefined, 'token', Buffer.from('bob:secret99').toString('base64')],
  ['JSON Web Token', jwt, undefined, 'token', jwt.slice(3)],
  // Webhook addresses whose path is the credential.
  ['an Office 365 connector URL', `https://outlook.office.com/webhook/${uuid}@${uuid}/IncomingWebhook/${hex32}/${uuid}`, undefined, 'webhook-url', hex32],
  ['a Webex incoming webhook URL', `https://webexapis.com/v1/webhooks/incoming/${webexToken}`, undefined, 'webhook-url', webexToken],
  ['a Rocket.Chat webhook URL', `https://chat.example.com/hooks/6p4AYzTH2Zqd7vY5q/${'8Zl9gSpbT3aHzuPm'.repeat(3)}`, undefined, 'webhook-url', '8Zl9gSpbT3aHzuPm'.repeat(3)],
  ['a Zapier webhook URL', 'https://hooks.zapier.com/hooks/catch/1234567/abc1def/', undefined, 'webhook-url', 'abc1def'],
  ['a VictorOps REST endpoint', `https://alert.victorops.com/integrations/generic/20131114/alert/${uuid}/oncall`, undefined, 'webhook-url', uuid],
  ['Telegram bot token', `bot token 110201543:${telegramKey}`, undefined, 'token', telegramKey],
  ['Telegram bot token of 35', `123456:${telegramKey35}`, undefined, 'token', telegramKey35],
  ['Telegram bot token in a Bot API URL', `https://api.telegram.org/bot110201543:${telegramKey}/sendMessage`, undefined, 'token', telegramKey],
  ['PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----', undefined, 'private-key', 'MIIEpAIBAAKCAQEA7'],
  ['a PagerDuty key echoed in YAML', `  routing_key: ${hex32}\n`, undefined, 'secret-field', hex32],
  ['a password in YAML', 'smtp_auth_password: hunter2hunter2', undefined, 'secret-field', 'hunter2hunter2'],
  ['a token in JSON', `{"api_token": "tk_${hex32}"}`, undefined, 'secret-field', hex32],
  ['an API key header', 'X-Api-Key: 9f8e7d6c5b4a3210', undefined, 'secret-field', '9f8e7d6c5b4a3210'],
  ['a literal value in a token field', 'tok-9f8e7d6c5b', 'token', 'secret-field', 'tok-9f8e7d6c5b'],
  ['a literal value in an api_key label', 'k3y-9f8e7d6c5b', 'api_key', 'secret-field', 'k3y-9f8e7d6c5b'],
  // Values whose punctuation used to end the match early (and let them through).
  ['a password with ; in YAML', "db_password: 'Pa;ssw0rd-2024'", undefined, 'secret-field', 'Pa;ssw0rd-2024'],
  ['a password with ; unquoted', 'db_password: Pa;ssw0rd-2024', undefined, 'secret-field', 'Pa;ssw0rd-2024'],
  ['a password with ( and ) in YAML', 'password: ab(cdefgh)12', undefined, 'secret-field', 'ab(cdefgh)12'],
  ['a password with , and &', 'X-Smtp-Password: Tr,0ub4dor&3x', undefined, 'secret-field', 'Tr,0ub4dor&3x'],
  ['a password with { in JSON', '{"password": "p{ssw0rd}99"}', undefined, 'secret-field', 'p{ssw0rd}99'],
  ['a password with ; in a field', 'Pa;ssw0rd-2024', 'db_password', 'secret-field', 'Pa;ssw0rd-2024'],
  // user:password@host without a scheme, inside a text (a YAML line, a tool's message).
  ['an SMTP smarthost with credentials', 'smarthost: alerts:Hunter2pass@smtp.example.com:587', undefined, 'url-credentials', 'Hunter2pass'],
  ['amtool quoting a smarthost', 'address alerts:Hunter2pass@smtp.example.com:587: too many colons in address', undefined, 'url-credentials', 'Hunter2pass'],
  ['promtool quoting a scrape target', 'invalid target "scraper:Hunter2pass@web:8080"', undefined, 'url-credentials', 'Hunter2pass'],
  ['a scrape target in YAML', "      - targets: ['scraper:Hunter2pass@web:8080']", undefined, 'url-credentials', 'Hunter2pass'],
  // Alertmanager's quoted matcher on a secret-looking label, as a list item.
  ['a matcher on a secret label', '        - api_token="S3cr3tV4lue99"', undefined, 'secret-field', 'S3cr3tV4lue99'],
  ['a quoted matcher on a secret label', `        - 'db_password="Pa:ssw0rd!"'`, undefined, 'secret-field', 'Pa:ssw0rd!'],
  // Go template assignments.
  ['a Go template $apiKey := "…"', `{{ $apiKey := "${'9f8e7d6c5b4a3928'.repeat(2)}" -}}`, undefined, 'secret-field', '9f8e7d6c5b4a3928'],
  ['a Go template $password := "…"', '{{- $password := "Hunter2pass" }}', undefined, 'secret-field', 'Hunter2pass'],
  // Authorization headers: a scheme, then the credentials.
  ['an Authorization: Token header', `Authorization: Token ${hex32}`, undefined, 'secret-field', hex32],
  ['an X-Auth: GenieKey header', 'X-Auth: GenieKey 9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0', undefined, 'token', '9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0'],
  ['an Authorization field with Token', `Token ${hex32}`, 'Authorization', 'secret-field', hex32],
  ['an X-Auth field with GenieKey', 'GenieKey 9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0', 'X-Auth', 'token', '9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0'],
  ['an X-Auth field with another scheme', 'SSWS 00a1b2c3d4e5f6a7b8c9', 'X-Auth', 'secret-field', '00a1b2c3d4e5f6a7b8c9'],
  ['a token field with a Bearer scheme', 'token: Bearer abcdefgh1234', undefined, 'secret-field', 'abcdefgh1234'],
  // A token as a URL's user, a token in a URL's fragment.
  ['a token as the URL user', `https://${hex32}@relay.example.com/alert`, undefined, 'url-credentials', hex32],
  ['a #token= fragment', 'https://status.example.com/board#token=abc123def456', undefined, 'query-parameter', 'abc123def456'],
  ['a #access_token= fragment after a path', 'https://app.example.com/cb#state=x&access_token=ya29.a0Afxyz', undefined, 'query-parameter', 'ya29.a0Afxyz'],
];

describe('findSecrets: every class of secret, by value', () => {
  it.each(ATTACKS)('%s', (_name, text, field, cls, secret) => {
    const found = findSecrets(text, field);
    expect(found.map((m) => m.class)).toContain(cls);
    const m = found.find((f) => f.class === cls)!;
    expect(text.slice(m.from, m.to)).toBe(m.text);
    expect(m.redacted).not.toContain(secret);
    if (field === undefined) expect(redactSecrets(text)).not.toContain(secret);
  });
});

describe('findSecrets: ordinary values stay quiet', () => {
  it.each([
    ['an ordinary https URL', 'https://runbooks.totem.example.com/alerts/HighErrorRate'],
    ['a runbook URL with ?tab=', 'https://wiki.example.com/runbook?tab=overview&page=2#key-points'],
    ['a Grafana link with variables', '/d/perf/performance?var-job=$job&var-key=${key}&from=now-1h'],
    ['a key label in PromQL', 'sum by (key) (rate(cache_hits_total{key="session", token_type="x"}[5m]))'],
    ['key= with a placeholder', 'https://api.example.com/?key={{ .CommonLabels.key }}&token=$TOKEN'],
    ['a URL with a template password', 'https://{{ .User }}:{{ .Pass }}@host/'],
    ['an email address', 'mailto:team@totem.example.com'],
    ['host:port', 'alertmanager:9093'],
    ['user@host without password', 'ssh://deploy@host.example.com/'],
    ['the word Bearer in prose', 'send a Bearer token in the Authorization header'],
    ['the word Basic in prose', 'Basic information about the kiosk'],
    ['a short hex in a routing_key field', 'abc123', 'routing_key'],
    ['a hash that is not in a key field', hex32, 'commit'],
    ['a token label matcher in PromQL', 'up{token="abcdefgh12"} == 0 and on(api_key) x{api_key!="zzzzzzzzz"}'],
    ['a secret file field in YAML', 'auth_password_file: /etc/alertmanager/secrets/smtp_password'],
    ['a token in prose', 'token: see the wiki'],
    ['a Portuguese alert text', 'Taxa de erros acima de 10% nos últimos 5 minutos: {{ $value | humanizePercentage }}'],
    ['a secret file path', '/etc/alertmanager/secrets/slack_webhook_url', 'apiUrlFile'],
    ['a Go template for Slack', '{{ define "slack.text" }}{{ range .Alerts }}*{{ .Annotations.summary }}*{{ end }}{{ end }}'],
    // Names of Kubernetes Secrets are no secrets.
    ['the configSecret of the operator profile', 'alertmanager-totem', 'configSecret'],
    ['a configSecret in YAML', 'configSecret: alertmanager-totem'],
    ['the operator header naming the Secrets', '# The Alertmanager resource: spec.configSecret: alertmanager-totem; spec.secrets: [alertmanager-smtp] (Secrets you manage).'],
    ['an existingSecret in a field', 'grafana-admin-credentials', 'existingSecret'],
    // The quoted name="value" form where it is a PromQL label, not a matcher list item.
    ['a PromQL selector on one line per label', '    secret="alertmanager-main",'],
    ['a PromQL selector in a rule', 'expr: kube_secret_info{secret="alertmanager-main"} == 0'],
    // user:password@host look-alikes.
    ['a sip address', 'sip:alice2024@voip.example.com'],
    ['an image digest', 'image: app:1.25@sha256:0123456789abcdef0123456789abcdef'],
    ['a PromQL subquery at a time', 'max_over_time(up[1h:5m]@1609746000)'],
    ['a subquery at end()', 'max_over_time(up[1h:5m]@end())'],
    ['a Go template of user and host', '{{ .Labels.user }}:{{ .Labels.pw }}@{{ .Labels.host }}'],
    ['user@host in prose with a colon', 'Contato: time@totem.example.com'],
    ['a short user in a URL', 'https://grafana-admin@grafana.example.com/'],
    ['a #section link', 'https://wiki.example.com/runbook#token-rotation'],
    // Scheme words under secret names in prose, and calls.
    ['a password field in prose', 'password: reset tomorrow please'],
    ['a password read by a call', 'password: getenv(SMTP_PASSWORD)'],
    ['a hint naming the file-based form', "hint: write authPassword: secretFile('/etc/alertmanager/secrets/smtp_password')"],
    ['an Authorization header from a template', 'Authorization: Bearer {{ .CommonLabels.token }}'],
    ['a Go template assignment of a label', '{{ $token := .CommonLabels.token }}'],
    // Numbers and a colon that are no Telegram key: a time, a port, a key too short or with no A.
    ['a time of day', 'at 2024:12:31 10:00:00 the queue grew'],
    ['a port and a path', 'http://10.0.0.1:9090/api/v1/query'],
    ['an id and a short name', '123456789:Alertmanager'],
    ['a digest with a colon', `sha256:${hex32}${hex32}`],
  ])('%s', (_name, text, field?: string) => {
    expect(findSecrets(text, field)).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('the output scan: what a generated line holds', () => {
  it('finds a secret-named value with punctuation near its start in a generated YAML line', () => {
    const found = findSecretsInText("groups:\n  - labels:\n      db_password: 'Pa;ssw0rd-2024'\n");
    expect(found.map((m) => m.secret)).toEqual(['Pa;ssw0rd-2024']);
  });
});

describe('redactForReport: what reports hide besides', () => {
  it('a quoted value under a secret-looking name, wherever it is (an alert\'s labels in a message)', () => {
    const text = 'alert X matches {severity="info", api_token="S3cr3tV4lue99"} and only the root route takes it';
    expect(redactSecrets(text)).toBe(text);
    expect(redactForReport(text).text).toBe('alert X matches {severity="info", api_token="***"} and only the root route takes it');
  });

  it('a value by the name it is the value of', () => {
    expect(redactForReport('S3cr3tV4lue99', 'api_token').text).toBe('***');
    expect(redactForReport('alertmanager-totem', 'configSecret').text).toBe('alertmanager-totem');
    expect(redactForReport('critical', 'severity').text).toBe('critical');
  });
});

describe('redact', () => {
  it('keeps user names, parameter names and token prefixes, so the reader sees what was found', () => {
    expect(redactSecrets('https://alice:pw12345@h/x?token=abcdef&tab=2')).toBe('https://alice:***@h/x?token=***&tab=2');
    expect(redactSecrets(slackToken)).toBe('xoxb-***');
    expect(redactSecrets(`-----BEGIN PRIVATE KEY-----\nMIIE\nabc\n-----END PRIVATE KEY-----\n`)).toBe(
      '-----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY-----\n',
    );
  });

  it('maps offsets so an excerpt span still points at the same place', () => {
    const text = 'https://alice:longpassword@h/x > 1';
    const r = redact(text);
    expect(r.text).toBe('https://alice:***@h/x > 1');
    expect(r.text.slice(r.offset(text.indexOf('>')))).toBe('> 1');
    expect(r.offset(0)).toBe(0);
  });
});
