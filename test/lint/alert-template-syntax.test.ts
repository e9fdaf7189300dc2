import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { alert, counter, defineProject, ruleGroup, scrapeJob, type AlertRule } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { fileOf, runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';
import { parseGoTemplate } from '../../src/gotemplate/parse.js';
import { dialectFor, PROMETHEUS_FUNCTION_FACTS } from '../../src/gotemplate/functions.js';
import { supportedVersion } from '../../src/model/version-facts.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

const orders = counter({ name: 'shop_orders_total', help: 'Orders.', labels: ['region'] });
const check = CHECKS.find((c) => c.id === 'alert/template-syntax')!;
const HINT =
  'Prometheus 2.42 (the target version) expands alert labels and annotations as Go text/templates: every {{ needs }}, every {{ if }}/{{ range }}/{{ with }} an {{ end }}; ' +
  "variables are $labels, $externalLabels, $externalURL, $value; functions are Go's builtins plus humanize, humanize1024, humanizeDuration, " +
  'humanizePercentage, humanizeTimestamp, query, first, label, value, strvalue, args, reReplaceAll, match, title, toUpper, toLower, ' +
  'safeHtml, stripPort, stripDomain, sortByLabel, toTime, parseDuration, graphLink, tableLink, pathPrefix, externalURL';

function shopAlert(labels: Record<string, string>, annotations: Record<string, string>): AlertRule {
  return alert({
    name: 'FewOrders',
    expr: `sum by (region) (rate(${orders}[10m])) < 1`,
    for: '10m',
    labels: { severity: 'warning', ...labels },
    annotations: { summary: 'Few orders', description: 'Orders in {{ $labels.region }}', runbook_url: 'https://runbooks/shop', ...annotations },
  });
}

function run(rule: AlertRule) {
  const project = defineProject({
    name: 'shop',
    metrics: [orders],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
    ruleGroups: [ruleGroup({ name: 'shop', rules: [rule] })],
  });
  return runOn(project, [check]).map(pinned);
}

const at = (rule: AlertRule, ...field: string[]) => ({
  hint: HINT,
  path: ['ruleGroups', 'shop', 'rules', 'FewOrders', ...field],
  file: fileOf(rule),
  line: rule.source!.line,
});

describe('alert/template-syntax', () => {
  it('fires on an unclosed action in an annotation', () => {
    const rule = shopAlert({}, { description: '{{ $value | humanizePercentage  of orders failed' });
    expect(run(rule)).toEqual([
      { message: 'alert FewOrders: annotation description is not a valid template: unclosed action: this {{ has no }} (column 1)', ...at(rule, 'annotations', 'description'), highlighted: '{{' },
    ]);
  });

  it('fires on each alert sharing a broken template (each text is parsed once, each alert reported)', () => {
    const broken = { description: '{{ $value | humanizePercentage  of orders failed' };
    const first = shopAlert({}, broken);
    const second = alert({ ...shopAlert({}, broken), name: 'NoOrders' });
    const project = defineProject({
      name: 'shop',
      metrics: [orders],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
      ruleGroups: [ruleGroup({ name: 'shop', rules: [first, second] })],
    });
    expect(runOn(project, [check]).map((d) => [d.message, d.path])).toEqual([
      ['alert FewOrders: annotation description is not a valid template: unclosed action: this {{ has no }} (column 1)', ['ruleGroups', 'shop', 'rules', 'FewOrders', 'annotations', 'description']],
      ['alert NoOrders: annotation description is not a valid template: unclosed action: this {{ has no }} (column 1)', ['ruleGroups', 'shop', 'rules', 'NoOrders', 'annotations', 'description']],
    ]);
  });

  it('fires on an unknown function in a label (labels are templates too)', () => {
    const rule = shopAlert({ team: '{{ $labels.region | toupper }}' }, {});
    expect(run(rule)).toEqual([
      { message: 'alert FewOrders: label team is not a valid template: function "toupper" not defined in Prometheus 2.42 (column 21)', ...at(rule, 'labels', 'team'), highlighted: 'toupper' },
    ]);
  });

  it('fires on {{ if }} without {{ end }}, a misspelt variable and a console-only function', () => {
    const rule = shopAlert({}, {
      description: '{{ if gt $value 10.0 }}many orders',
      dashboard: 'https://grafana/d/shop?var-region={{ $label.region }}',
      details: '{{ tmpl "shop.details" . }}',
    });
    expect(run(rule)).toEqual([
      { message: 'alert FewOrders: annotation description is not a valid template: {{ if }} at column 1 has no {{ end }} (column 1)', ...at(rule, 'annotations', 'description'), highlighted: '{{ if gt $value 10.0 }}' },
      { message: 'alert FewOrders: annotation dashboard is not a valid template: undefined variable "$label" (column 38)', ...at(rule, 'annotations', 'dashboard'), highlighted: '$label' },
      { message: 'alert FewOrders: annotation details is not a valid template: function "tmpl" not defined in Prometheus 2.42 (column 4)', ...at(rule, 'annotations', 'details'), highlighted: 'tmpl' },
    ]);
  });

  it("is quiet on Prometheus' variables and functions", () => {
    const rule = shopAlert({ value_class: '{{ if gt $value 5.0 }}high{{ else }}low{{ end }}' }, {
      description: '{{ $value | humanizePercentage }} in {{ $labels.region }} ({{ $externalLabels.env }})',
      query: '{{ with query "sum(up)" }}{{ . | first | value | humanize }}{{ end }}',
      all: '{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}{{ humanizeDuration 90 }} {{ externalURL }}',
    });
    expect(run(rule)).toEqual([]);
  });

  it('is quiet on text without templating', () => {
    expect(run(shopAlert({ team: 'checkout' }, { description: 'Orders are low: {not a template}' }))).toEqual([]);
  });
});

/** promtool's verdict on each annotation text: the names of the annotations it refuses. */
function promtoolRefuses(promtool: string, texts: string[]): Set<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'totem-promtemplate-'));
  const annotations = Object.fromEntries(texts.map((t, i) => [`a${i}`, t]));
  const file = path.join(dir, 'rules.yml');
  writeFileSync(file, stringify({ groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', annotations }] }] }));
  let out = '';
  try {
    execFileSync(promtool, ['check', 'rules', file], { stdio: 'pipe' });
  } catch (error) {
    out = String((error as { stderr?: Buffer }).stderr ?? '') + String((error as { stdout?: Buffer }).stdout ?? '');
  }
  return new Set([...out.matchAll(/annotation "(a\d+)"/g)].map((m) => m[1]!));
}

describe('agrees with promtool 2.42 check rules', () => {
  const good = [
    '{{ $value | humanizePercentage }} {{ $labels.job }}',
    '{{ with query "up" }}{{ . | first | label "job" }}{{ end }}',
    '{{ range $k, $v := $labels }}{{ $k }}{{ end }}',
    '{{ humanize1024 1024 }} {{ humanizeTimestamp 0 }} {{ toTime 0 }} {{ parseDuration "1m" }} {{ stripDomain "a.b:1" }} {{ pathPrefix }}',
    '{{ if match "a.*" $labels.job }}{{ reReplaceAll "a" "b" $labels.job | title | toLower }}{{ end }}',
    '{{ $externalURL }} {{ $externalLabels.env }} {{ args 1 2 }} {{ safeHtml "x" }} {{ strvalue (first (query "up")) }}',
    '{{ graphLink "up" }} {{ tableLink "up" }} {{ sortByLabel "job" (query "up") }} {{ stripPort "a:1" }}',
  ];
  const bad = [
    '{{ $value | humanize ',
    '{{ tmpl "x" . }}',
    '{{ stringSlice "a" }}',
    '{{ if $value }}x',
    '{{ $values }}',
    '{{ end }}',
    '{{ define "x" }}{{ $labels.job }}{{ end }}',
  ];

  itWithBinaries(['promtool'])('accepts what promtool accepts and refuses what it refuses', () => {
    const refused = promtoolRefuses(findBinary('promtool')!, [...good, ...bad]);
    const ours = [...good, ...bad].map((t) => parseGoTemplate(t, dialectFor('prometheus', '2.42')).problems.length > 0);
    const theirs = [...good, ...bad].map((_, i) => refused.has(`a${i}`));
    expect(ours).toEqual(theirs);
    expect(theirs).toEqual([...good.map(() => false), ...bad.map(() => true)]);
  }, 60_000);
});

describe("the Prometheus template facts agree with the installed promtool's release", () => {
  // Every function of every release (2.42 … 3.14) and `{{ else with }}`: promtool refuses exactly
  // what the dialect of its own release refuses (on Debian 12's 2.42: toDuration, now, urlQueryEscape).
  itWithBinaries(['promtool'])('refused by promtool check rules exactly where the dialect refuses them', () => {
    const promtool = findBinary('promtool')!;
    const installed = /version (\d+\.\d+\.\d+)/.exec(execFileSync(promtool, ['--version'], { encoding: 'utf8', stdio: 'pipe' }))?.[1];
    const release = supportedVersion('prometheus', installed);
    expect(release, `promtool ${installed}`).toBeDefined();
    const dialect = dialectFor('prometheus', release!);
    const texts = [
      ...Object.keys(PROMETHEUS_FUNCTION_FACTS).map((fn) => `{{ if false }}{{ ${fn} }}{{ end }}`),
      '{{ with $labels.team }}{{ . }}{{ else with $labels.job }}{{ . }}{{ end }}',
    ];
    const refused = promtoolRefuses(promtool, texts);
    const disagreements = texts.filter((t, i) => (parseGoTemplate(t, dialect).problems.length > 0) !== refused.has(`a${i}`));
    expect(disagreements).toEqual([]);
    if (release === '2.42') expect(texts.filter((_, i) => refused.has(`a${i}`))).toHaveLength(4);
  }, 60_000);
});

describe('a template the text does not define (round 28)', () => {
  // promtool check rules only parses (template.Expander.ParseTest); the expansion fails: promtool
  // 2.42's test rules shows the annotation as `<error expanding template: … template "nope" not defined>`.
  it('fires on {{ template "x" }} where the text defines no x, and is quiet where it does (block too)', () => {
    const rule = shopAlert({ team: '{{ template "team" . }}' }, { summary: 'x {{ template "nope" $labels.region }} y' });
    expect(run(rule).map((d) => d.message)).toEqual([
      'alert FewOrders: label team is not a valid template: template "team" is not defined in this text: Prometheus gives alert labels and annotations no other templates, so the expansion fails (column 13)',
      'alert FewOrders: annotation summary is not a valid template: template "nope" is not defined in this text: Prometheus gives alert labels and annotations no other templates, so the expansion fails (column 15)',
    ]);
    const ok = shopAlert({}, { summary: '{{ template "r" $labels.region }}{{ define "r" }}[{{ . }}]{{ end }}', description: '{{ block "b" . }}x{{ end }}{{ template "b" . }}' });
    expect(run(ok)).toEqual([]);
  });

  itWithBinaries(['promtool'])('promtool check rules accepts it (so validate alone says ok)', () => {
    expect(promtoolRefuses(findBinary('promtool')!, ['x {{ template "nope" . }} y'])).toEqual(new Set());
  }, 60_000);
});
