// Audit round 22: a value that is one token (a bearer token, Basic credentials, `token=…`,
// `password: …`, an Authorization header's credentials, a URL's password) never spans lines. A
// scheme ending a line does not take the next line for its token, and a token ends at a line end:
// a real one (`\n`, `\r\n`) or one escaped in a JSON string (`\n` as written in a dashboard's JSON).
// Values that really are multi-line (PEM blocks, quoted values folded over lines, block scalars)
// are still found whole.
import { describe, expect, it } from 'vitest';
import { findSecrets, findSecretsInText, redactForReport, redactSecrets } from '../../src/secrets/detect.js';

// Fake credentials, assembled so that no scanner mistakes this file for a leak.
const basic = Buffer.from('bob:secret99').toString('base64');
const TOKEN = `AbCdEf${'0123456789'}AbCdEf`;

/** [name, text]: a scheme or a key ends a line; what follows on the next line is no credential of it. */
const SCHEME_AT_LINE_END: Array<[string, string]> = [
  ['Bearer ending a line of a description', 'Clients send a Bearer\nAuthenticationSchemeDocument header.'],
  ['Bearer ending a line (CRLF)', 'the Bearer\r\nAuthenticationSchemeDocument'],
  ['Bearer ending a line (a Unicode line separator)', 'the Bearer\u2028AuthenticationSchemeDocument'],
  ['Bearer then an indented line', 'uses Bearer\n    tokens_rotated_by_the_platform_team'],
  ['Basic ending a line', `HTTP Basic\n${basic}`],
  ['GenieKey ending a line', 'OpsGenie wants GenieKey\n9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0'],
  ['an Authorization header with the scheme ending a line', 'Authorization: Token\nrotate_every_ninety_days_please'],
  ['a URL whose user ends a line', 'ssh://deploy:\nnoreply@example.com'],
  ['user: ending a line before an address', 'admin:\nops@db.internal'],
];

/** [name, text, the token, what must stay in clear]: the token is found, and ends at the line end. */
const TOKEN_THEN_LINE_END: Array<[string, string, string, string]> = [
  ['a bearer token ending a line', `Authorization: Bearer ${TOKEN}\nnext_line_is_prose_text`, TOKEN, 'next_line_is_prose_text'],
  ['a bearer token ending a line (CRLF)', `Authorization: Bearer ${TOKEN}\r\nnext_line_is_prose_text`, TOKEN, 'next_line_is_prose_text'],
  ['Basic credentials ending a line', `Authorization: Basic ${basic}\nAbCdEfGh`, basic, 'AbCdEfGh'],
  // JSON writes a line end inside a string as `\n`: a token ends there too.
  ['a bearer token before an escaped line end', `"Authorization: Bearer ${TOKEN}\\nSee the wiki"`, TOKEN, '\\nSee the wiki'],
  ['Authorization: Token before an escaped line end', '"Authorization: Token abcdefgh12345678\\nSee the wiki"', 'abcdefgh12345678', '\\nSee the wiki'],
  ['token= before an escaped line end', '"API_TOKEN=abcdefgh12\\nrotated monthly"', 'abcdefgh12', '\\nrotated'],
  ['password: before an escaped line end', '"smtp password: hunter2hunter2\\nMore text"', 'hunter2hunter2', '\\nMore text'],
  ['api_key: before an escaped line end', '"api_key: 9f8e7d6c5b4a\\nnext line"', '9f8e7d6c5b4a', '\\nnext line'],
  ['a token= parameter before an escaped line end', '"https://status.example.com/api?token=abc123def456\\nnext"', 'abc123def456', '\\nnext'],
  ['a URL password before an escaped line end', '"https://alice:s3cr3t-pw@wiki.example.com\\nnext"', 's3cr3t-pw', 'wiki.example.com\\nnext'],
];

describe('single-token values stop at line ends', () => {
  it.each(SCHEME_AT_LINE_END)('%s: nothing found, nothing hidden', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
    expect(findSecretsInText(text)).toEqual([]);
  });

  it.each(TOKEN_THEN_LINE_END)('%s', (_name, text, token, clear) => {
    const found = findSecrets(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((m) => m.secret)).toContain(token);
    for (const m of found) {
      expect(m.secret).not.toMatch(/[\r\n]|\\n/);
      expect(m.redacted).not.toContain(token);
    }
    expect(redactSecrets(text)).not.toContain(token);
    expect(redactSecrets(text)).toContain(clear);
    expect(redactForReport(text).text).toContain(clear);
  });

  it('the same token is one secret in a definition string and in the JSON that writes it (the output scan does not report it again)', () => {
    const definition = 'Authorization: Token abcdefgh12345678\nSee the wiki';
    const json = JSON.stringify({ description: definition });
    expect(findSecrets(definition).map((m) => m.secret)).toEqual(['abcdefgh12345678']);
    expect(findSecretsInText(json).map((m) => m.secret)).toEqual(['abcdefgh12345678']);
  });
});

describe('values that really are multi-line are still found whole', () => {
  it.each([
    ['a PEM block', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\nAQEFAASCBKcwggSjAgEAAoIB\n-----END PRIVATE KEY-----\n', 'AQEFAASCBKcwggSjAgEAAoIB'],
    ['a quoted value folded over lines', 'password: "correct horse\n  battery staple"', 'battery staple'],
    ['a block scalar under a secret name', 'smtp:\n  password: |\n    correct horse battery\n  user: bob\n', 'correct horse battery'],
    ['a plain value on the line below its key', 'auth:\n  api_token:\n    s3cr3t-t0ken-value\n', 's3cr3t-t0ken-value'],
    ['a multi-line value in a secret field', 'first line\nsecond line', 'second line', 'client_secret'],
  ])('%s', (_name, text, secret, field?: string) => {
    expect(findSecrets(text, field).length).toBeGreaterThan(0);
    if (field === undefined) expect(redactSecrets(text)).not.toContain(secret);
    expect(redactForReport(text, field).text).not.toContain(secret);
  });
});
