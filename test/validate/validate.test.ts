import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, runCli } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { jsonReportSchema } from '../../src/report/json.js';

const fixture = (name: string) => path.join(FIXTURES, 'validate', name);
const withPromtool = itWithBinaries(['promtool', 'amtool']);

describe('validate on the Totem definitions', () => {
  withPromtool('exits 0 and names the versions of the tools that ran', async () => {
    const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/validate ok: .* · promtool \d+\.\d+\.\d+\S* \(check config, test rules\), amtool \d+\.\d+\.\d+\S* \(check-config/);
  });

  withPromtool('--format json matches the documented schema and lists the tools', async () => {
    const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions'), '--format', 'json']);
    expect(r.code).toBe(0);
    const report = jsonReportSchema.parse(JSON.parse(r.stdout));
    expect(report.ok).toBe(true);
    const promtool = report.tools.find((t) => t.name === 'promtool');
    expect(promtool?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(promtool?.ran).toEqual(['check config', 'test rules']);
    expect(report.tools.find((t) => t.name === 'amtool')?.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('validate on broken fixtures (each alone): check id, definition location, exit 1', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['syntax-error', 'promql/syntax', /syntax-error\/index\.ts:7 › ruleGroups › fixture › rules › BrokenSyntax › expr: PromQL syntax error/],
    ['unknown-metric', 'promql/unknown-metric', /unknown-metric\/index\.ts:7 › .* › MissingMetric › expr: .*"shop_missing_total"/],
    ['rate-on-gauge', 'promql/rate-on-non-counter', /rate-on-gauge\/index\.ts:8 › .* › QueueGrowing › expr: .*rate\(\) to gauge "shop_queue_length"/],
    // The Alertmanager fixtures share theirs: a route to a receiver that does not exist.
    ['alertmanager/unknown-receiver', 'alertmanager/unknown-receiver', /unknown-receiver\/index\.ts:16 › alertmanager › route › routes\[0\] › receiver: a route names receiver "team-chta", which is not defined/],
    ['label-dropped', 'alert/template-label-dropped', /label-dropped\/index\.ts:13 › .* › ManyErrors › annotations › description: .*\{\{ \$labels\.job \}\}/],
  ];
  it.each(cases)('%s → [%s]', async (name, id, where) => {
    const r = await runCli(['validate', '--definitions', name.includes('/') ? path.join(FIXTURES, name) : fixture(name), '--offline']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`[${id}]`);
    expect(r.stdout).toMatch(where);
  });

  withPromtool('a promtool finding is mapped back to the alert that produced it', async () => {
    const r = await runCli(['validate', '--definitions', fixture('template-error')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\[promtool\/check-rules\] template-error\/index\.ts:6 › ruleGroups › fixture › rules › BrokenTemplate: promtool: annotation "description": template: .*unclosed action/,
    );
    // check config fails on the same rule file; that is not reported a second time.
    expect(r.stdout).not.toContain('promtool/check-config');
  });

  withPromtool('a syntax error is reported once, by our check, not again by promtool', async () => {
    const r = await runCli(['validate', '--definitions', fixture('syntax-error')]);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^error /gm)).toHaveLength(1);
  });

  it("the document's own alerts: both undeclared metrics are reported", async () => {
    const r = await runCli(['validate', '--definitions', fixture('document-alerts'), '--offline']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/HighErrorRate › expr: alert HighErrorRate uses metric "totem_errors_total", which is not in the catalogue/);
    expect(r.stdout).toMatch(/HighLatency › expr: alert HighLatency uses metric "totem_request_duration_seconds_bucket", which is not in the catalogue/);
  });
});

describe('validate without the tools', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('exits 2 with the install hint when promtool is not on PATH', async () => {
    process.env['PATH'] = '/nonexistent';
    delete process.env['TOTEM_MON_PROMTOOL'];
    const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('promtool not found');
    expect(r.stderr).toContain('apt-get install prometheus');
    expect(r.stderr).toContain('--offline');
  });

  it('TOTEM_MON_PROMTOOL pointing at nothing is the same usage error', async () => {
    process.env['TOTEM_MON_PROMTOOL'] = '/nonexistent/promtool';
    const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TOTEM_MON_PROMTOOL');
  });

  it('--offline exits 0 on Totem and says the tools were skipped', async () => {
    process.env['PATH'] = '/nonexistent';
    const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions'), '--offline']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('promtool and amtool skipped (--offline)');
  });

  it('an unknown format is a usage error', async () => {
    const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions'), '--format', 'xml', '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format "xml"');
  });
});

describe('reporters', () => {
  it('--format json on findings parses, matches the schema and carries locations', async () => {
    const r = await runCli(['validate', '--definitions', fixture('document-alerts'), '--offline', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = jsonReportSchema.parse(JSON.parse(r.stdout));
    expect(report.ok).toBe(false);
    expect(report.offline).toBe(true);
    expect(report.summary.errors).toBe(2);
    const unknown = report.diagnostics.filter((d) => d.id === 'promql/unknown-metric');
    expect(unknown.map((d) => d.location?.file)).toEqual(['document-alerts/index.ts', 'document-alerts/index.ts']);
    expect(unknown.every((d) => (d.location?.line ?? 0) > 1)).toBe(true);
  });

  it('--format github prints one workflow command per finding with file and line', async () => {
    const r = await runCli(['validate', '--definitions', fixture('document-alerts'), '--offline', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    // 2 unknown metrics, 2 missing runbook_url, 2 alerts without test cases.
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=document-alerts\/index\.ts,line=\d+,col=\d+,title=[a-z]+\/[a-z-]+::/);
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(2);
  });
});
