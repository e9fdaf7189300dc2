import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAlertmanager } from '../../src/import/alertmanager.js';
import { FIXTURES } from '../helpers/cli.js';
import { oneLine, runStages, writeDefinitions } from '../helpers/imported.js';
import { typecheckDefinitions } from '../helpers/typecheck.js';
import { itWithBinaries } from '../helpers/tools.js';
import { amtoolRoutingRoundTrip } from '../helpers/am-round-trip.js';

const DIR = path.join(FIXTURES, 'import', 'alertmanager');
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');

const INDEX = (exportName: string) =>
  [
    "import { defineProject } from 'totem-mon';",
    `import { ${exportName} } from './alertmanager.js';`,
    '',
    `export default defineProject({ name: 'imported', metrics: [], prometheus: { scrapeJobs: [] }, alertmanager: ${exportName} });`,
    '',
  ].join('\n');

describe('alertmanager.yml import: secrets', () => {
  const text = read('secrets.yml');
  const result = importAlertmanager(text, { file: 'secrets.yml' });
  // The fixture's secrets: every value of a secret field, and the URLs that carry a token.
  const secrets = [
    'Hunter2-smtp-Pa55word', 'cram-md5-S3cretValue', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ', '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    'email-only-Pa55w0rd-xyz', 'c2xhY2stc2Vjb25kLWhvb2s', '4f9d1e2c3b4a5968778695a4b3c2d1e0', '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
    '11111111-2222-3333-4444-555555555555', 'eyJhbGciOiJIUzI1NiJ9', 'ZmFrZS10b2tlbi12YWx1ZQ', 'basic-Auth-Pa55word-123', 'b34r3r-t0k3n-v4lu3-0123456789',
  ];

  it('copies none of them anywhere: not into the TypeScript, not into the report', () => {
    for (const secret of secrets) expect(text).toContain(secret); // the list is the fixture's
    const everything = JSON.stringify(result);
    for (const secret of secrets) expect(everything, secret).not.toContain(secret);
  });

  it('turns each literal secret the API keeps as a file into secretFile(<path to fill>), listed in the report', () => {
    const secretNotes = result.notes.filter((n) => n.status === 'secret');
    expect(secretNotes.map((n) => n.path).sort()).toEqual(
      [
        'global.smtp_auth_password',
        'global.slack_api_url',
        'receivers[shop-default].email_configs[0].auth_password',
        'receivers[shop-default].slack_configs[0].api_url',
        'receivers[shop-pager].pagerduty_configs[0].routing_key',
        'receivers[shop-pager].pagerduty_configs[1].service_key',
        'receivers[shop-hooks].webhook_configs[0].http_config.authorization.credentials',
        'receivers[shop-hooks].webhook_configs[2].http_config.basic_auth.password',
        'receivers[shop-hooks].webhook_configs[3].http_config.bearer_token',
      ].sort(),
    );
    for (const note of secretNotes) {
      const file = /write it to (\S+) on the Alertmanager host/.exec(note.message)?.[1];
      expect(file, note.path).toMatch(/^\/etc\/alertmanager\/secrets\/\S+$/);
      expect(result.source).toContain(`secretFile('${file}')`);
    }
    expect(new Set(secretNotes.map((n) => n.message)).size).toBe(secretNotes.length); // one file each
  });

  it('reports the secrets it has nowhere to put, without their values', () => {
    const notConverted = result.notes.filter((n) => n.status === 'not-converted').map((n) => n.path);
    expect(notConverted).toEqual(
      expect.arrayContaining([
        'global.smtp_auth_secret', // no such field in the API
        'global.opsgenie_api_key',
        'receivers[shop-pager].opsgenie_configs',
        'receivers[shop-hooks].webhook_configs[1].url', // a token in the URL, and 0.25 has no url_file
      ]),
    );
    const url = result.notes.find((n) => n.path === 'receivers[shop-hooks].webhook_configs[1].url');
    expect(url?.message).toMatch(/looks like a secret/);
  });

  it('writes definitions that load and type-check against the API, and whose output holds no secret', async () => {
    const definitions = writeDefinitions({ 'alertmanager.ts': result.source!, 'index.ts': INDEX(result.exportName) });
    const stages = await runStages(definitions);
    expect(stages.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const yml = stages.files?.find((f) => f.path === 'alertmanager/alertmanager.yml')?.content ?? '';
    expect(yml).toContain('auth_password_file: /etc/alertmanager/secrets/');
    for (const secret of secrets) expect(yml).not.toContain(secret);
    expect(typecheckDefinitions(definitions)).toEqual([]);
  }, 120_000);
});

describe('alertmanager.yml import: what is converted', () => {
  const text = read('routing.yml');
  const result = importAlertmanager(text, { file: 'routing.yml' });

  it('turns match and match_re into matchers, and keeps the other operators', () => {
    expect(result.source).toContain("matchers: { service: 'database', owner: re('team-(x|y)') }");
    expect(result.source).toContain("matchers: { severity: 'critical', env: ne('staging') }");
    expect(result.source).toContain("matchers: { team: nre('ops|infra'), service: re('web.*') }");
  });

  it('keeps continue, group settings, time intervals (either section) and inhibit rules', () => {
    const flat = oneLine(result.source!);
    expect(result.source).toMatch(/continue: true/);
    expect(result.source).toContain("groupBy: ['alertname', 'cluster', 'service']");
    expect(result.source).toContain("muteTimeIntervals: ['offhours']");
    expect(flat).toContain("timeInterval({ name: 'offhours', periods: [{ times: [{ start: '18:00', end: '24:00' }], weekdays: ['monday:friday'], location: 'Europe/Lisbon' }] })");
    expect(flat).toContain("timeInterval({ name: 'maintenance', periods: [{ weekdays: ['sunday'], months: ['january'] }] })");
    expect(flat).toContain("inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['alertname', 'cluster'] })");
  });

  it('derives a routing test for every route, from its own and its parents\' matchers', () => {
    const names = result.tests.map((t) => t.name.split(':')[0]);
    expect(names).toEqual([
      'route', // the root: an alert without labels
      'route.routes[0]',
      'route.routes[0].routes[0]',
      'route.routes[0].routes[1]',
      'route.routes[1]',
      'route.routes[2]',
      'route.routes[3]',
    ]);
    const db = result.tests.find((t) => t.name.startsWith('route.routes[0].routes[1]'))!;
    // Parent `service=database` and the route's `owner=~"team-(x|y)"`.
    expect(db.labels).toEqual({ service: 'database', owner: 'team-x' });
    expect(db.receivers).toEqual(['team-db']);
    // `continue: true` on audit-log: a critical web alert also goes on to the frontend route.
    const continued = result.tests.find((t) => t.name.startsWith('route.routes[2]'))!;
    expect(continued.labels).toEqual({ severity: 'critical', service: 'web' });
    expect(continued.receivers).toEqual(['audit-log', 'team-frontend']);
  });

  itWithBinaries(['amtool'])('the derived routing tests pass with amtool on the original and on the regenerated configuration', async () => {
    const definitions = writeDefinitions({ 'alertmanager.ts': result.source!, 'index.ts': INDEX(result.exportName) });
    const stages = await runStages(definitions);
    expect(stages.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const roundTrip = await amtoolRoutingRoundTrip(text, stages);
    expect(roundTrip.tests).toBe(result.tests.length);
    expect(roundTrip.original).toEqual([]);
    expect(roundTrip.regenerated).toEqual([]);
  }, 120_000);

  itWithBinaries(['amtool'])('a wrong derivation would show: a test expecting another receiver fails on both', async () => {
    const definitions = writeDefinitions({
      'alertmanager.ts': result.source!.replace("receivers: ['team-db']", "receivers: ['team-frontend']"),
      'index.ts': INDEX(result.exportName),
    });
    const stages = await runStages(definitions);
    const roundTrip = await amtoolRoutingRoundTrip(text, stages);
    expect(roundTrip.original).toHaveLength(1);
    expect(roundTrip.regenerated).toHaveLength(1);
  }, 120_000);
});
