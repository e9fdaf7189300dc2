import { describe, expect, it } from 'vitest';
import { findSecrets, redact, redactSecrets, type SecretClass } from '../../src/secrets/detect.js';

// Fake credentials, assembled so that no scanner mistakes this file for a leak.
const hex32 = '0123456789abcdef'.repeat(2);
const slackToken = ['xoxb', '123456789012', '123456789012', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const githubToken = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
const gitlabToken = `glpat-${'x1Y2z3W4v5'.repeat(2)}`;
const grafanaToken = `glsa_${'Ab12Cd34'.repeat(4)}_${'0a1b2c3d'}`;
const awsKey = `AKIA${'IOSFODNN7EXAMPLE'}`;
const awsSession = `ASIA${'Y34FZKBOKMUTVV7A'}`;
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
  ['PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----', undefined, 'private-key', 'MIIEpAIBAAKCAQEA7'],
  ['a PagerDuty key echoed in YAML', `  routing_key: ${hex32}\n`, undefined, 'secret-field', hex32],
  ['a password in YAML', 'smtp_auth_password: hunter2hunter2', undefined, 'secret-field', 'hunter2hunter2'],
  ['a token in JSON', `{"api_token": "tk_${hex32}"}`, undefined, 'secret-field', hex32],
  ['an API key header', 'X-Api-Key: 9f8e7d6c5b4a3210', undefined, 'secret-field', '9f8e7d6c5b4a3210'],
  ['a literal value in a token field', 'tok-9f8e7d6c5b', 'token', 'secret-field', 'tok-9f8e7d6c5b'],
  ['a literal value in an api_key label', 'k3y-9f8e7d6c5b', 'api_key', 'secret-field', 'k3y-9f8e7d6c5b'],
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
  ])('%s', (_name, text, field?: string) => {
    expect(findSecrets(text, field)).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
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
