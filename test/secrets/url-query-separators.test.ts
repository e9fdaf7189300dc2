// Audit round 23: every parameter of a URL's query is read, whatever separates it (`&`, `;`, an
// HTML-escaped `&amp;`), however its name is written (upper case, percent-encoded), however often
// it repeats, and with a fragment after it. `https://h/p?a=1;sig=…` used to be read as one
// parameter `a` with the value `1;sig=…`, and the signature stayed in clear.
import { describe, expect, it } from 'vitest';
import { findSecrets, findSecretsInText, redactSecrets } from '../../src/secrets/detect.js';
import { expectHiddenEverywhere } from '../helpers/secrets.js';

const S = 'Zq8mTopSecret';

/** [name, text, the secret values in it, the text as redaction shows it]. */
const CASES: Array<[string, string, string[], string]> = [
  ['a ; after the first parameter', `https://h.example.com/p?a=1;sig=${S}`, [S], 'https://h.example.com/p?a=1;sig=***'],
  ['; after several parameters', `https://h.example.com/p?a=1;b=2;token=${S}`, [S], 'https://h.example.com/p?a=1;b=2;token=***'],
  ['; and & mixed', `https://h.example.com/p?a=1&b=2;api_key=${S}&c=3`, [S], 'https://h.example.com/p?a=1&b=2;api_key=***&c=3'],
  ['the first parameter, then ;', `https://h.example.com/p?sig=${S};a=1`, [S], 'https://h.example.com/p?sig=***;a=1'],
  ['the first parameter', `https://h.example.com/p?access_token=${S}`, [S], 'https://h.example.com/p?access_token=***'],
  ['an upper-case name after ;', `https://h.example.com/p?a=1;SIG=${S}`, [S], 'https://h.example.com/p?a=1;SIG=***'],
  ['a mixed-case name', `https://h.example.com/p?a=1&Access_Token=${S}`, [S], 'https://h.example.com/p?a=1&Access_Token=***'],
  [
    'an S3 presigned URL',
    `https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${S}&X-Amz-Date=20250101T000000Z`,
    [S],
    'https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=***&X-Amz-Date=20250101T000000Z',
  ],
  ['a percent-encoded name', `https://h.example.com/p?a=1&access%5Ftoken=${S}`, [S], 'https://h.example.com/p?a=1&access%5Ftoken=***'],
  ['a name encoded whole, after ;', `https://h.example.com/p?a=1;%73%69%67=${S}`, [S], 'https://h.example.com/p?a=1;%73%69%67=***'],
  ['an encoded dash in the name', `https://h.example.com/p?X%2DAmz%2DSignature=${S}`, [S], 'https://h.example.com/p?X%2DAmz%2DSignature=***'],
  ['an array parameter, its brackets encoded', `https://h.example.com/p?a=1;token%5B%5D=${S}`, [S], 'https://h.example.com/p?a=1;token%5B%5D=***'],
  ['an array parameter', `https://h.example.com/p?a=1&api_key[]=${S}`, [S], 'https://h.example.com/p?a=1&api_key[]=***'],
  ['a repeated parameter', `https://h.example.com/p?token=${S}&token=Other9Secret`, [S, 'Other9Secret'], 'https://h.example.com/p?token=***&token=***'],
  ['a repeated parameter after ;', `https://h.example.com/p?key=${S};key=Other9Secret`, [S, 'Other9Secret'], 'https://h.example.com/p?key=***;key=***'],
  ['a fragment after the query', `https://h.example.com/p?a=1;token=${S}#top`, [S], 'https://h.example.com/p?a=1;token=***#top'],
  ['a fragment with its own parameters', `https://h.example.com/p?a=1#x=1;access_token=${S}`, [S], 'https://h.example.com/p?a=1#x=1;access_token=***'],
  ['an HTML-escaped & then ;', `https://h.example.com/p?a=1&amp;b=2;sig=${S}`, [S], 'https://h.example.com/p?a=1&amp;b=2;sig=***'],
  ['a relative URL with ;', `/hook?a=1;api_key=${S}`, [S], '/hook?a=1;api_key=***'],
  ['a templated base with ;', `{{ .ExternalURL }}/d/x?orgId=1;auth=${S}`, [S], '{{ .ExternalURL }}/d/x?orgId=1;auth=***'],
  // A `;` that starts no parameter is part of the value: all of it hidden, not only what precedes it.
  ['a ; inside a secret value', `https://h.example.com/p?token=${S};more`, [S, 'more'], 'https://h.example.com/p?token=***'],
];

describe('secret query parameters: every separator, name and repetition', () => {
  it.each(CASES)('%s', (_name, text, secrets, redacted) => {
    // One finding per hidden value.
    expect(findSecrets(text).filter((m) => m.class === 'query-parameter')).toHaveLength(redacted.split('***').length - 1);
    for (const secret of secrets) expectHiddenEverywhere(text, secret);
    expect(redactSecrets(text)).toBe(redacted);
    // The generated files' scan finds them as well, in a YAML line.
    const line = `    url: ${text}\n`;
    expect(findSecretsInText(line).filter((m) => m.class === 'query-parameter').length).toBeGreaterThan(0);
    for (const secret of secrets) expectHiddenEverywhere(line, secret);
  });
});

/** URLs whose parameters hold no secret, with every kind of separator: nothing found, nothing hidden. */
const CLEAN = [
  'https://h.example.com/p?a=1;b=2&c=3#x=y',
  'https://grafana.example.com/d/abc?orgId=1;var-job=api;from=now-1h&to=now',
  'https://h.example.com/p?keyboard=1;monkey=2;tokens_left=3',
  'https://h.example.com/p?sort=key;order=asc',
  'https://h.example.com/p;jsessionid=abc123?x=1',
  'https://h.example.com/p?token=;a=1',
  'https://h.example.com/p?a=1;token=$TOKEN;b=2',
  'https://h.example.com/p?a=1;sig={{ .Values.sig }}',
  'https://h.example.com/p?a=%25;b=%3B',
  'https://h.example.com/p?%=1;%zz=2;tags[]=a;tags[]=b',
];

describe('secret query parameters: no false alarm on URLs without secrets', () => {
  it.each(CLEAN)('%s', (text) => {
    expect(findSecrets(text)).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
  });
});
