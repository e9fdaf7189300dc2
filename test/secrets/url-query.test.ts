// Audit round 22: a secret query parameter (`?token=`, `&key=`, `#access_token=`) is one only in a
// URL's query or fragment: after a `?` or `#` in something URL-shaped (an absolute URL, a path, a
// host, a template standing for a URL). `a&key=value` in PromQL or prose is no parameter and stays
// in clear; every real URL, relative and templated ones included, is still found, and a finding
// never echoes the value.
import { describe, expect, it } from 'vitest';
import { findSecrets, redactForReport, redactSecrets } from '../../src/secrets/detect.js';
import { expectHiddenEverywhere } from '../helpers/secrets.js';

/** [name, text, the parameter's value]. */
const IN_URLS: Array<[string, string, string]> = [
  ['a parameter after another', 'https://x.example.com/y?a=1&token=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a relative path', '/hook?api_key=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a relative path, second parameter', 'api/v1/alerts?silenced=false&key=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a query alone (a relative reference)', '?orgId=1&auth=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a host without a scheme', 'grafana.example.com?key=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a host and port', 'localhost:3000?key=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a Go template base', '{{ .ExternalURL }}/d/errors?orgId=1&token=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a template call as the base', '{{ template "grafana.url" . }}?auth=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a template inside the query', 'https://x.example.com/?a={{ .Labels.a }}&token=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a template inside the path', 'https://x.example.com/{{ .Labels.instance }}/api?sig=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['an environment variable base', '${GRAFANA_URL}/d/x?var-a=1&key=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a template URL that has its own query', '{{ .GeneratorURL }}&token=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['an HTML-escaped &amp;', 'https://x.example.com/?a=1&amp;token=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a ; separator in a query', 'https://x.example.com/?sig=Zq8mTopSecret;a=1', 'Zq8mTopSecret'],
  ['a hash route with a query', 'https://grafana.example.com/#/d/x?orgId=1&auth=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a fragment', 'https://app.example.com/cb#state=x&access_token=Zq8mTopSecret', 'Zq8mTopSecret'],
  ['a Markdown link', 'see [the board](https://x.example.com/d?key=Zq8mTopSecret) first', 'Zq8mTopSecret'],
  ['a URL in JSON', '{"url": "https://x.example.com/?a=1&key=Zq8mTopSecret"}', 'Zq8mTopSecret'],
  ['a URL in a sentence', 'open https://x.example.com/?pwd=Zq8mTopSecret now', 'Zq8mTopSecret'],
  ['a URL with a path in parentheses', 'https://wiki.example.com/Foo_(bar)?token=Zq8mTopSecret', 'Zq8mTopSecret'],
];

/** [name, text]: `&name=` or `?name=` that is no URL's query. */
const NOT_IN_URLS: Array<[string, string]> = [
  ['prose', 'a&key=value'],
  ['prose with an ampersand word', 'R&D owns it: x&sig=abcdef123456 and y&key=zzTopSecret'],
  ['a PromQL string', 'label_replace(up, "dst", "a&key=value", "", "")'],
  ['a PromQL string with a ;', 'label_replace(up, "dst", "x;pwd=abcdef123456", "", "")'],
  ['a question in prose', 'what?key=value'],
  ['a hashtag', 'tag #key=value in the runbook'],
  ['a Go template that is no URL', '{{ .Labels.team }}&key=abcdef123456'],
  ['a URL password with &key= in it (the password is the secret, not a parameter)', 'https://alice:Pa55&key=w0rd99@db.example.com/x'],
];

describe('secret query parameters: in URLs', () => {
  it.each(IN_URLS)('%s', (_name, text, value) => {
    const found = findSecrets(text);
    expect(found.map((m) => m.class)).toContain('query-parameter');
    expectHiddenEverywhere(text, value);
  });
});

describe('secret query parameters: not outside URLs', () => {
  it.each(NOT_IN_URLS)('%s', (_name, text) => {
    expect(findSecrets(text).filter((m) => m.class === 'query-parameter')).toEqual([]);
  });

  it('prose and PromQL stay in clear', () => {
    for (const [, text] of NOT_IN_URLS.slice(0, -1)) {
      expect(redactSecrets(text)).toBe(text);
      expect(redactForReport(text).text).toBe(text);
    }
    // A URL's password is hidden, up to its @ (not the host after it).
    expect(redactSecrets('https://alice:Pa55&key=w0rd99@db.example.com/x')).toBe('https://alice:***@db.example.com/x');
  });

  it('the same text holding a real URL too: only the URL parameter is hidden', () => {
    const text = 'a&key=value, see https://x.example.com/?key=Zq8mTopSecret';
    expect(redactSecrets(text)).toBe('a&key=value, see https://x.example.com/?key=***');
  });
});
