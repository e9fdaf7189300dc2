import { describe, expect, it } from 'vitest';
import { alert, alertmanager, counter, defineProject, receiver, route, ruleGroup, scrapeJob } from '../../src/index.js';
import { findingsOf, findSecrets, mergeRanges, redact, redactSecrets } from '../../src/secrets/detect.js';
import { SecretScan, scanSecrets } from '../../src/secrets/scan.js';
import { compileAll } from '../../src/compile/index.js';
import type { TemplateFileModel } from '../../src/model/alertmanager.js';
import { modelOf } from '../helpers/model.js';
import { expectHiddenEverywhere } from '../helpers/secrets.js';

// Fake credentials, assembled so that no scanner mistakes this file for a leak.
const SLACK_TOKEN = ['xoxb', '123456789012', '123456789012', 'AbCdEfGhIjKlMnOp'].join('-');
const BEARER = `AbCdEf${'0123456789'}AbCdEf`;
const HOOK_PATH = ['T0000', 'B0000', 'XXXXXXXXXXXXXXXX'].join('/');

/** [name, text, the secrets that must not survive, how many matches overlap]. */
const OVERLAPS: Array<[string, string, string[], number]> = [
  // The second match starts inside the first one's span and its secret ends after it.
  ['partial: a bearer token starting inside an assignment', `token: password=Bearer ${BEARER}`, [BEARER, 'password=Bearer'], 2],
  ['partial: a Slack hook path right after a Slack token', `${SLACK_TOKEN}hooks.slack.com/services/${HOOK_PATH}`, [HOOK_PATH, SLACK_TOKEN.slice(5)], 2],
  ['partial: a Teams hook path inside a token= parameter', 'https://x.example.com/?token=ab.webhook.office.com/webhookb2/XYZ0&z=1', ['ab.webhook', 'XYZ0&z=1'], 2],
  // One inside the other.
  ['containment: a Slack token as an API key header value', `X-Api-Key: ${SLACK_TOKEN}`, [SLACK_TOKEN.slice(5)], 2],
  ['containment: a quoted value holding a URL password', 'api_token: "https://bob:hunter2hunter2@db.example.com"', ['hunter2hunter2', 'db.example.com'], 2],
];

describe('overlapping matches: all kept, their union redacted, one finding', () => {
  it.each(OVERLAPS)('%s', (_name, text, secrets, count) => {
    const found = findSecrets(text);
    expect(found).toHaveLength(count);
    expect(findingsOf(found)).toHaveLength(1);
    for (const secret of secrets) {
      // Each match as a report shows it hides the other matches' secrets too.
      expectHiddenEverywhere(text, secret);
    }
  });

  it('redacts the union of the spans, one *** for ranges that overlap or touch', () => {
    expect(redactSecrets(`token: password=Bearer ${BEARER}`)).toBe('token: *** ***');
    expect(redactSecrets(`X-Api-Key: ${SLACK_TOKEN}`)).toBe('X-Api-Key: ***');
    expect(redactSecrets('https://x.example.com/?token=ab.webhook.office.com/webhookb2/XYZ0&z=1')).toBe('https://x.example.com/?token=***');
    // `&key=` in a URL's password is no query parameter (it is before the URL's `?`): the password alone is hidden.
    expect(redactSecrets('https://alice:Pa55&key=w0rd99@db.example.com/x')).toBe('https://alice:***@db.example.com/x');
  });

  it('maps offsets through merged ranges', () => {
    const text = `token: password=Bearer ${BEARER} > 1`;
    const r = redact(text);
    expect(r.text).toBe('token: *** *** > 1');
    expect(r.text.slice(r.offset(text.indexOf('>')))).toBe('> 1');
  });
});

describe('mergeRanges', () => {
  it.each([
    ['disjoint', [[0, 2], [5, 7]], [[0, 2], [5, 7]]],
    ['partial overlap', [[0, 5], [3, 9]], [[0, 9]]],
    ['containment', [[0, 10], [2, 4]], [[0, 10]]],
    ['adjacency', [[0, 3], [3, 6]], [[0, 6]]],
    ['unsorted, empty ranges dropped', [[7, 9], [0, 2], [4, 4], [1, 3]], [[0, 3], [7, 9]]],
  ] as Array<[string, Array<[number, number]>, Array<[number, number]>]>)('%s', (_name, ranges, merged) => {
    expect(mergeRanges(ranges)).toEqual(merged);
  });
});

describe('the scan lists an overlapping group once, its message redacted of every secret in it', () => {
  const requests = counter({ name: 'app_requests_total', help: 'Requests.' });
  const project = (annotation: string) =>
    defineProject({
      name: 'fixture',
      metrics: [requests],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
      ruleGroups: [
        ruleGroup({
          name: 'g',
          rules: [alert({ name: 'Errors', expr: `rate(${requests}[5m]) > 1`, for: '5m', labels: { severity: 'critical' }, annotations: { summary: 'x', description: 'y', runbook: annotation } })],
        }),
      ],
      alertmanager: alertmanager({ receivers: [receiver({ name: 'r', email: [{ to: 'a@example.com' }] })], route: route({ receiver: 'r' }) }),
    });

  it('in a definition string', () => {
    const model = modelOf(project(`token: password=Bearer ${BEARER}`));
    const scan = new SecretScan([]);
    scan.scanModel(model);
    expect(scan.diagnostics).toHaveLength(1);
    expect(scan.diagnostics[0]!.message).not.toContain(BEARER);
  });

  it('in a template and in the generated files', () => {
    const model = modelOf(project(`see X-Api-Key: ${SLACK_TOKEN}`));
    const template: TemplateFileModel = { name: 'a.tmpl', source: 'templates/a.tmpl', content: `{{ define "a" }}token: password=Bearer ${BEARER}{{ end }}\n` };
    const withTemplate = { ...model, alertmanager: { ...model.alertmanager!, templates: [template] } };
    const found = scanSecrets(withTemplate, compileAll(withTemplate));
    expect(found.map((d) => d.path?.[0] ?? d.file)).toEqual(['ruleGroups', 'templates']);
    for (const d of found) {
      expect(d.message).not.toContain(BEARER);
      expect(d.message).not.toContain(SLACK_TOKEN.slice(5));
    }
  });
});
