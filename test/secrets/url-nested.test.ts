// Audit round 24: a secret inside a URL that is itself percent-encoded inside another (a `redirect=`,
// `next=` or a path segment of the outer URL), once, twice or three times over, is found and hidden as
// a direct `?token=` is: its query parameters, its fragment's, its userinfo's password, the webhook
// URLs and tokens the detectors know. Redaction hides the encoded form whole: nothing of the secret
// is shown, decoded or not.
import { describe, expect, it } from 'vitest';
import { findSecrets, findSecretsInText, redactForReport, redactSecrets } from '../../src/secrets/detect.js';
import { alert, defineProject, gauge, ruleGroup, scrapeJob } from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import { expectHiddenEverywhere } from '../helpers/secrets.js';

const S = 'Zq8mTopSecret';
const APP = 'https://app.example.com/login';

/** [name, text, what must not show (the secret as the text writes it), the text as redaction shows it]. */
const CASES: Array<[string, string, string, string]> = [
  ['a token in the redirect URL’s query', `${APP}?redirect=https%3A%2F%2Fhost.example.com%2Fcb%3Ftoken%3D${S}`, S, `${APP}?redirect=https%3A%2F%2Fhost.example.com%2Fcb%3Ftoken%3D***`],
  ['outer parameters after it', `${APP}?redirect=https%3A%2F%2Fh.example.com%2Fcb%3Ftoken%3D${S}&lang=pt`, S, `${APP}?redirect=https%3A%2F%2Fh.example.com%2Fcb%3Ftoken%3D***&lang=pt`],
  ['the inner parameter among others', `${APP}?r=https%3A%2F%2Fh.example.com%2F%3Fa%3D1%26access_token%3D${S}%26b%3D2`, S, `${APP}?r=https%3A%2F%2Fh.example.com%2F%3Fa%3D1%26access_token%3D***%26b%3D2`],
  ['double-encoded', `${APP}?redirect=https%253A%252F%252Fh.example.com%252Fcb%253Ftoken%253D${S}`, S, `${APP}?redirect=https%253A%252F%252Fh.example.com%252Fcb%253Ftoken%253D***`],
  ['triple-encoded', `${APP}?redirect=https%25253A%25252F%25252Fh.example.com%25252Fcb%25253Fapi_key%25253D${S}`, S, `${APP}?redirect=https%25253A%25252F%25252Fh.example.com%25252Fcb%25253Fapi_key%25253D***`],
  ['a nested URL inside a nested URL', `${APP}?r=https%3A%2F%2Fa.example.com%2F%3Fnext%3Dhttps%253A%252F%252Fb.example.com%252F%253Fsig%253D${S}`, S, `${APP}?r=https%3A%2F%2Fa.example.com%2F%3Fnext%3Dhttps%253A%252F%252Fb.example.com%252F%253Fsig%253D***`],
  ['lower-case hex', `${APP}?redirect=https%3a%2f%2fh.example.com%2fcb%3ftoken%3d${S}`, S, `${APP}?redirect=https%3a%2f%2fh.example.com%2fcb%3ftoken%3d***`],
  ['the fragment of the nested URL', `${APP}?redirect=https%3A%2F%2Fh.example.com%2Fcb%23access_token%3D${S}`, S, `${APP}?redirect=https%3A%2F%2Fh.example.com%2Fcb%23access_token%3D***`],
  ['the password of the nested URL', `${APP}?redirect=https%3A%2F%2Fops%3A${S}%40h.example.com%2F`, S, `${APP}?redirect=https%3A%2F%2Fops%3A***%40h.example.com%2F`],
  ['only the query encoded (encodeURI style)', `${APP}?redirect=https://h.example.com/cb%3Ftoken%3D${S}`, S, `${APP}?redirect=https://h.example.com/cb%3Ftoken%3D***`],
  ['a relative nested URL', `${APP}?next=%2Fcb%3Ftoken%3D${S}`, S, `${APP}?next=%2Fcb%3Ftoken%3D***`],
  ['a nested URL in the outer fragment', `https://app.example.com/#/r=https%3A%2F%2Fh.example.com%2F%3Fpassword%3D${S}`, S, `https://app.example.com/#/r=https%3A%2F%2Fh.example.com%2F%3Fpassword%3D***`],
  ['a nested URL as a path segment', `https://app.example.com/go/https%3A%2F%2Fh.example.com%2F%3Fsig%3D${S}`, S, `https://app.example.com/go/https%3A%2F%2Fh.example.com%2F%3Fsig%3D***`],
  // The secret's own encoded characters (`%2B`, encoded again as `%252B`) are hidden with it: no half of it shows.
  ['a secret with encoded characters of its own', `${APP}?redirect=https%3A%2F%2Fh.example.com%2F%3Ftoken%3DZq8m%252BTop%252FSecret`, 'Zq8m', `${APP}?redirect=https%3A%2F%2Fh.example.com%2F%3Ftoken%3D***`],
  ['a Slack webhook URL nested', `${APP}?redirect=https%3A%2F%2Fhooks.slack.com%2Fservices%2FT0AB12CD3%2FB0AB12CD3%2F${S}`, S, `${APP}?redirect=https%3A%2F%2Fhooks.slack.com%2Fservices%2F***`],
];

describe('secrets in a percent-encoded URL nested in another', () => {
  it.each(CASES)('%s', (_name, text, secret, redacted) => {
    expect(findSecrets(text).length).toBeGreaterThan(0);
    expect(redactSecrets(text)).toBe(redacted);
    expect(redactForReport(text).text).toBe(redacted);
    expectHiddenEverywhere(text, secret);
    // Nothing of the secret, decoded or not, in what a finding shows.
    for (const m of findSecrets(text)) expect(m.redacted).not.toMatch(/TopSecret|Top%|Zq8m/);
    // The generated files' scan finds it too, in a YAML line.
    const line = `    url: ${text}\n`;
    expect(findSecretsInText(line).length).toBeGreaterThan(0);
    expectHiddenEverywhere(line, secret);
  });
});

/** Encoded URLs without a secret: nothing found, nothing hidden. */
const CLEAN = [
  `${APP}?redirect=https%3A%2F%2Fhost.example.com%2Fcb%3Fa%3D1%26b%3D2`,
  `${APP}?redirect=https%3A%2F%2Fhost.example.com%2Fcb%3Ftoken%3D%2524TOKEN`,
  `${APP}?redirect=https%3A%2F%2Fops%40host.example.com%2F`,
  'https://h.example.com/p?next=%2Fdashboards%3ForgId%3D1%26var-job%3Dapi',
  'https://grafana.example.com/explore?left=%7B%22queries%22%3A%5B%7B%22expr%22%3A%22rate(http_requests_total%7Bjob%3D%5C%22api%5C%22%7D%5B5m%5D)%22%7D%5D%7D',
  'https://grafana.example.com/d/x?var-instance=node%3A9100&var-filter=a%3Db',
  'mailto%3Aops%40example.com',
  'https://h.example.com/p?a=%25;b=%3B&c=%253D',
];

describe('encoded URLs without a secret', () => {
  it.each(CLEAN)('%s', (text) => {
    expect(findSecrets(text)).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
    expect(findSecretsInText(`  url: ${text}\n`)).toEqual([]);
  });
});

describe('bounded work', () => {
  it('a long line of encoded text, deeply encoded, is read in linear time', () => {
    const deep = `https://h.example.com/?r=${'%25'.repeat(2000)}3D${'x%3Dy'.repeat(20000)}`;
    const started = performance.now();
    findSecrets(deep);
    redactSecrets(`${'a%3Db%40c%3A%2F%2F'.repeat(20000)}`);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('the definitions’ scan', () => {
  it('refuses a runbook link whose nested URL holds a token, without echoing it', () => {
    const up = gauge({ name: 'up', help: 'Target reachable', exporter: 'prometheus' });
    const link = `https://wiki.example.com/login?redirect=https%3A%2F%2Fwiki.example.com%2Frunbooks%3Faccess_token%3D${S}`;
    const project = defineProject({
      name: 'n',
      metrics: [up],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'api', targets: ['api:8000'] })] },
      ruleGroups: [
        ruleGroup({
          name: 'g',
          rules: [alert({ name: 'Down', expr: `${up} == 0`, for: '5m', labels: { severity: 'critical' }, annotations: { summary: 's', description: 'd', runbook_url: link } })],
        }),
      ],
    });
    const diagnostics = lint(project).diagnostics;
    const secret = diagnostics.filter((d) => d.id === 'secrets');
    expect(secret.length).toBeGreaterThan(0);
    expect(JSON.stringify(diagnostics)).not.toContain(S);
  });
});
