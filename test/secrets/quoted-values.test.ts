import { describe, expect, it } from 'vitest';
import { findSecrets, findSecretsInText, redactForReport, redactSecrets } from '../../src/secrets/detect.js';

/** [name, text, the secret that must not survive redaction]. */
const FOUND: Array<[string, string, string]> = [
  // Quoted values of any content under a secret name, after `:` or `=`.
  ['a double-quoted YAML value with spaces', 'password: "correct horse battery"', 'correct horse battery'],
  ['a single-quoted value after = with spaces around it', "api_key = 'my secret key'", 'my secret key'],
  ['a short JSON value with spaces', '{"token": "a b c"}', 'a b c'],
  ['a backtick value', 'token: `multi word secret`', 'word secret'],
  ['an environment assignment without spaces', 'DB_PASSWORD="correct horse battery"', 'correct horse battery'],
  ['a header value with spaces', 'X-Api-Key: "k3y with spaces"', 'k3y with spaces'],
  ['a YAML single-quoted value with an escaped quote', "password: 'it''s a secret'", "it''s a secret"],
  ['a Go template assignment with spaces', '{{ $password := "correct horse battery" }}', 'correct horse battery'],
  ['a Go raw string assignment', '{{ $apiKey := `my secret key` }}', 'my secret key'],
  ['a quoted value inside a URL-ish line', 'webhook: { url: "https://x", token: "tk with space" }', 'tk with space'],
  // JSON-escaped quotes: inside the value, and a JSON text inside a JSON string.
  ['a JSON value with an escaped quote', '{"password": "pa\\"ss w0rd"}', 'ss w0rd'],
  ['a JSON value with an escaped quote, no space', '{"password": "pa\\"ssw0rd99"}', 'ssw0rd99'],
  ['JSON inside a JSON string', '{"body": "{\\"api_token\\": \\"my secret key\\"}"}', 'my secret key'],
  // Secrets split across YAML lines.
  ['a literal block scalar', 'smtp:\n  password: |\n    correct horse battery\n  user: bob\n', 'correct horse battery'],
  ['a folded block scalar over two lines', 'password: >-\n  correct horse\n  battery staple\nnext: 1', 'battery staple'],
  ['a plain value on the next line', 'auth:\n  api_token:\n    s3cr3t-t0ken-value\n', 's3cr3t-t0ken-value'],
  ['a double-quoted value folded over lines', 'password: "correct horse\n  battery staple"', 'battery staple'],
  // URL-encoded characters in a URL's password.
  ['a URL password with %40', 'https://alice:p%40ssw0rd@db.example.com/x', 'p%40ssw0rd'],
  ['user:p%40ss@host', 'smarthost: alerts:p%40ss@smtp.example.com:587', 'p%40ss'],
];

describe('quoted and multi-line values under secret names', () => {
  it.each(FOUND)('%s', (_name, text, secret) => {
    expect(findSecrets(text).map((m) => m.class)).toContain(secret.startsWith('p%40') ? 'url-credentials' : 'secret-field');
    expect(redactSecrets(text)).not.toContain(secret);
    expect(redactForReport(text).text).not.toContain(secret);
    // The output scan, line by line, sees the lines below a key whose value continues there.
    expect(findSecretsInText(text).length).toBeGreaterThan(0);
    for (const m of findSecretsInText(text)) expect(m.redacted).not.toContain(secret);
  });

  it('a field\'s value with spaces is its whole literal (a label, a header in the definitions)', () => {
    expect(findSecrets('my secret key', 'api_token').map((m) => m.secret)).toEqual(['my secret key']);
    expect(redactForReport('my secret key', 'X-Api-Key').text).toBe('***');
    expect(findSecrets('none', 'api_token')).toEqual([]);
    expect(findSecrets('{{ .CommonLabels.token }}', 'api_token')).toEqual([]);
  });

  it('redacts a multi-line value as one, the lines around kept', () => {
    expect(redactSecrets('smtp:\n  password: |\n    correct horse battery\n  user: bob\n')).toBe('smtp:\n  password: |\n    ***\n  user: bob\n');
    expect(redactSecrets('password: "correct horse battery"')).toBe('password: "***"');
    expect(redactSecrets("api_key = 'my secret key'")).toBe("api_key = '***'");
  });
});

describe('quoted and multi-line values that stand for a secret, or are none', () => {
  it.each([
    ['an empty value', 'password: ""'],
    ['a short word', 'token: "none"'],
    ['a Helm template', 'password: "{{ .Values.password }}"'],
    ['a template inside a value', 'Authorization: "Bearer {{ .CommonLabels.token }}"'],
    ['an environment variable', 'api_key = "$API_KEY"'],
    ['an environment variable in braces', 'API_KEY="${API_KEY}"'],
    ['a command substitution', 'API_TOKEN="$(cat /run/secrets/token)"'],
    ['a <secret> placeholder', 'password: "<secret>"'],
    ['a placeholder with words', "api_key = '<your api key>'"],
    ['a redacted value', 'token: "*** ***"'],
    ['a file path under a *_file key', 'password_file: "/etc/alertmanager/secrets/smtp password"'],
    ['a file path under a *_path key', "token_path = '/run/secrets/token file'"],
    ['a PromQL matcher with spaces', 'up{secret = "alertmanager main"} == 0'],
    ['a PromQL matcher after a comma', 'up{job="x", token = "a b c d"}'],
    ['a PromQL matcher without spaces', '    secret="alertmanager main",'],
    ['a call in backticks (Markdown)', "`password`: `secretFile('/etc/alertmanager/secrets/smtp_password')`"],
    ['a Kubernetes secret volume', 'volumes:\n  - name: config\n    secret:\n      secretName: alertmanager-totem\n'],
    ['a list under a secret name', 'tokens:\n  - $A\n'],
    ['a block scalar with a template', 'password: |\n  {{ .Values.password }}\n'],
    ['a block scalar under another name', 'description: |\n  the token rotates monthly\n'],
    ['a key with nothing below', 'password:\nuser: bob\n'],
    ['prose after a secret name', 'password: reset tomorrow please'],
  ])('%s', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
    expect(findSecretsInText(text)).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
  });
});
