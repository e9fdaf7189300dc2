// out/docs/: the metric catalogue with who uses each metric, a runbook per alert, the checklists;
// every link in them leads to something generated; runbookBase fills runbook_url.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { compileAll } from '../../src/compile/index.js';
import type { OutputFile } from '../../src/compile/output.js';
import { REPO } from '../helpers/cli.js';
import { shop } from './shop.js';
import { alert, counter, defineProject, record, ruleGroup } from '../../src/index.js';
import { metricAnchorId } from '../../src/compile/docs/markdown.js';
import { metricUses } from '../../src/model/metric-uses.js';
import { brokenLinks, headingIds, links } from './links.js';

function compile(project: ReturnType<typeof shop>): OutputFile[] {
  const parsed = parseProject(project);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => `${d.path?.join(' › ')}: ${d.message}`).join('; '));
  return compileAll(buildModel(parsed.project, 'test/index.ts'));
}

const page = (files: OutputFile[], name: string) => {
  const found = files.find((f) => f.path === name);
  if (!found) throw new Error(`${name} not generated; got ${files.map((f) => f.path).join(', ')}`);
  return found.content;
};

/** The text of a `## heading` section of a page. */
const section = (text: string, heading: string) => {
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const rest = text.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
};

describe('out/docs', () => {
  const files = compile(shop());

  it('is generated only for projects with docs, as index, metrics, one runbook per alert and checklists', () => {
    expect(files.filter((f) => f.path.startsWith('docs/')).map((f) => f.path)).toEqual([
      'docs/alerts/OrdersFailing.md',
      'docs/alerts/OrdersSlow.md',
      'docs/checklists.md',
      'docs/index.md',
      'docs/metrics.md',
    ]);
    const { docs: _docs, ...withoutDocs } = shop();
    expect(compileAll(buildModel((parseProject(withoutDocs) as { ok: true; project: never }).project, 'x')).some((f) => f.path.startsWith('docs/'))).toBe(false);
  });

  it('metrics.md: every metric with type, labels, buckets, exporter and the rules and panels that use it', () => {
    const metrics = page(files, 'docs/metrics.md');
    expect(metrics).toContain('| [shop\\_orders\\_total](#metric-shop_orders_total) | counter | `status` | this application | 2 rules, 1 panel |');
    expect(metrics).toContain('| [node\\_load1](#metric-node_load1) | gauge | – | node\\_exporter | nothing |');
    const orders = section(metrics, 'shop\\_orders\\_total');
    expect(orders).toContain('Orders \\| placed');
    expect(orders).toContain('- Used by:\n  - recording rule `job:shop_orders:rate5m` (group `shop`)\n  - alert [OrdersFailing](alerts/OrdersFailing.md) (group `shop`)\n  - panel "Orders" on [Shop Sales](../grafana/dashboards/shop-sales.json)');
    expect(section(metrics, 'shop\\_latency\\_seconds')).toContain('- Buckets: 0.1, 1, +Inf');
    expect(section(metrics, 'shop\\_latency\\_seconds')).toContain('- Used by: no rule or panel');
    expect(section(metrics, 'shop\\_queue\\_length')).toContain('panel "Queue" on [Shop Sales](../grafana/dashboards/shop-sales.json)\n  - panel "Waiting" on [Shop Ops](../grafana/dashboards/shop-ops.json)');
  });

  it('a runbook says what fires the alert, who is notified, its dashboards, its troubleshooting and how to silence it', () => {
    const failing = page(files, 'docs/alerts/OrdersFailing.md');
    const fires = section(failing, 'What fires it');
    expect(fires).toContain("- Condition: the expression's value is above 2");
    expect(fires).toContain('- For: the condition must hold for `10m`');
    expect(fires).toContain('- Metrics: [shop\\_orders\\_total](../metrics.md#metric-shop_orders_total).');
    expect(section(failing, 'Who is notified')).toContain('- `shop-team` through the route `team="shop"`: email to shop@example.com.');
    // The expression pins job="shop": the dashboard link selects it.
    expect(section(failing, 'Dashboards')).toBe('- [Shop Sales](../../grafana/dashboards/shop-sales.json): "Orders"');
    const steps = section(failing, 'Troubleshooting');
    expect(steps).toContain('### Everything\n\n1. Look at the logs');
    expect(steps).toContain('### Failed orders\n\n1. Ask the payment provider\n\n   ```sh\n   curl -s https://status.example.com\n   ```');
    expect(section(failing, 'Silencing')).toContain('amtool silence add alertname="OrdersFailing" --duration=2h --comment="<why, and who>" --alertmanager.url=http://am:9093');
  });

  it('an alert on a recorded series reads its metrics through the recording rule; topics for other alerts stay out', () => {
    const slow = page(files, 'docs/alerts/OrdersSlow.md');
    expect(section(slow, 'What fires it')).toContain("the expression's value is below 0.5");
    expect(section(slow, 'What fires it')).toContain('[shop\\_orders\\_total](../metrics.md#metric-shop_orders_total)');
    expect(section(slow, 'Who is notified')).toContain('- `fallback` through the root route (no other route matches): nobody (a receiver without integrations).');
    expect(section(slow, 'Troubleshooting')).not.toContain('Failed orders');
  });

  it('checklists.md links each item to its dashboards and runbooks', () => {
    expect(section(page(files, 'docs/checklists.md'), 'Daily')).toBe(
      '- [ ] Look at sales: [Shop Sales](../grafana/dashboards/shop-sales.json), [Shop Ops](../grafana/dashboards/shop-ops.json), [OrdersFailing](alerts/OrdersFailing.md)\n- [ ] Drink coffee',
    );
  });

  it('with grafanaUrl, dashboards are linked in Grafana, with the variables the alert pins', () => {
    const grafana = compile(shop({ grafanaUrl: 'https://grafana.example.com' }));
    expect(section(page(grafana, 'docs/alerts/OrdersFailing.md'), 'Dashboards')).toBe('- [Shop Sales](https://grafana.example.com/d/shop-sales?var-job=shop): "Orders"');
    expect(brokenLinks(grafana, 'https://grafana.example.com')).toEqual([]);
  });

  it('every link target exists (and the checker finds one that does not)', () => {
    expect(files.flatMap(links).length).toBeGreaterThan(10);
    expect(brokenLinks(files)).toEqual([]);
    const broken = files.map((f) => (f.path === 'docs/checklists.md' ? { ...f, content: f.content.replace('alerts/OrdersFailing.md', 'alerts/Nope.md').replace('shop-ops.json', 'gone.json') } : f));
    expect(brokenLinks(broken).map((b) => b.target)).toEqual(['../grafana/dashboards/gone.json', 'alerts/Nope.md']);
    const badAnchor = files.map((f) => (f.path === 'docs/index.md' ? { ...f, content: `${f.content}\n[x](metrics.md#nope)\n` } : f));
    expect(brokenLinks(badAnchor)).toEqual([{ file: 'docs/index.md', target: 'metrics.md#nope', why: 'docs/metrics.md has no anchor nope' }]);
  });

  it('is deterministic', () => {
    expect(compile(shop())).toEqual(files);
  });

  it("runbookBase gives alerts without runbook_url one at their runbook; an explicit one stays", () => {
    const rules = (f: OutputFile[]) => (parse(page(f, 'prometheus/rules/shop.yml')) as { groups: { rules: { alert?: string; annotations?: Record<string, string> }[] }[] }).groups[0]!.rules;
    const based = rules(compile(shop({ runbookBase: 'https://wiki.example.com/runbooks/' }, { runbookUrl: 'https://elsewhere.example.com/x' })));
    expect(based.map((r) => r.annotations?.['runbook_url'])).toEqual([undefined, 'https://elsewhere.example.com/x', 'https://wiki.example.com/runbooks/OrdersSlow.md']);
    expect(rules(files).map((r) => r.annotations?.['runbook_url'])).toEqual([undefined, undefined, undefined]);
  });
});

describe('metric uses', () => {
  it('follow the recording rules a selector reads: of rules recording one name, those its labels match', () => {
    const a = counter({ name: 'a_total', help: 'a' });
    const b = counter({ name: 'b_total', help: 'b' });
    const rules = [
      record({ name: 'slo:errors:rate5m', expr: `rate(${a}[5m])`, labels: { slo: 'a' } }),
      record({ name: 'slo:errors:rate5m', expr: `rate(${b}[5m])`, labels: { slo: 'b' } }),
    ];
    const parsed = parseProject(defineProject({ name: 'x', metrics: [a, b], prometheus: { scrapeJobs: [] }, ruleGroups: [ruleGroup({ name: 'g', rules })] }));
    if (!parsed.ok) throw new Error('fixture');
    const uses = metricUses(buildModel(parsed.project, 'x'));
    expect(uses.metricsOf('slo:errors:rate5m{slo="b"} > 1').map((m) => m.name)).toEqual(['b_total']);
    expect(uses.metricsOf('slo:errors:rate5m > 1').map((m) => m.name)).toEqual(['a_total', 'b_total']);
    expect(uses.metricsOf('slo:errors:rate5m{slo=~"a|b"} > 1').map((m) => m.name)).toEqual(['a_total', 'b_total']);
  });
});

describe("Totem's out/docs", () => {
  const out = path.join(REPO, 'out');
  const manifest = JSON.parse(readFileSync(path.join(out, '.totem-mon-manifest.json'), 'utf8')) as { files: Record<string, unknown> };
  const generated: OutputFile[] = Object.keys(manifest.files).map((p) => ({ path: p, content: readFileSync(path.join(out, p), 'utf8') }));

  it('has a runbook per alert, the catalogue and the checklists, and every link leads somewhere', () => {
    const docs = generated.filter((f) => f.path.startsWith('docs/')).map((f) => f.path);
    expect(docs).toEqual(expect.arrayContaining(['docs/metrics.md', 'docs/checklists.md', 'docs/alerts/HighErrorRate.md', 'docs/alerts/HighLatency.md', 'docs/alerts/TotemApiUnhealthy.md']));
    expect(brokenLinks(generated, 'https://grafana.totem.example.com')).toEqual([]);
  });
});

describe('metric anchors', () => {
  // Two legal names that differ only in case, each read by an alert: before, both sections had the
  // anchor http_requests_total and the upper-case metric's links led to the other one.
  const lower = counter({ name: 'http_requests_total', help: 'lower', labels: [] });
  const upper = counter({ name: 'http_Requests_total', help: 'upper', labels: [] });
  const files = compile(
    defineProject({
      name: 'cased',
      metrics: [upper, lower],
      prometheus: { scrapeJobs: [] },
      ruleGroups: [
        ruleGroup({
          name: 'g',
          rules: [
            alert({ name: 'UpperFails', expr: `rate(${upper}[5m]) > 1`, for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } }),
            alert({ name: 'LowerFails', expr: `rate(${lower}[5m]) > 1`, for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } }),
          ],
        }),
      ],
      docs: {},
    }),
  );
  const metrics = page(files, 'docs/metrics.md');
  /** The `## heading` right after the anchor a link's fragment names. */
  const headingAt = (fragment: string) => new RegExp(`<a id="${fragment}"></a>\\n\\n## (.+)\\n`).exec(metrics)?.[1];

  it('are one per metric, lowercase, and none is the id GitHub gives a heading of the page', () => {
    const ids = [...metrics.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!);
    expect(ids).toEqual(['metric-http_-requests_total', 'metric-http_requests_total']);
    expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(2);
    expect(ids.every((id) => /^[a-z0-9_-]+$/.test(id))).toBe(true);
    // GitHub slugs the heading http\_Requests\_total as http_requests_total (and the other, a repeat, http_requests_total-1).
    const headings = headingIds(metrics);
    expect(headings).toEqual(['metrics', 'http_requests_total', 'http_requests_total-1']);
    expect(ids.filter((id) => headings.includes(id))).toEqual([]);
  });

  it('the link checker finds a fragment that a heading of the page also has', () => {
    // Before the prefix: the explicit id http_requests_total was also the heading http_Requests_total's id.
    const old = files.map((f) => (f.path === 'docs/metrics.md' ? { ...f, content: f.content.replace(/metric-http_requests_total/g, 'http_requests_total') } : f));
    expect(brokenLinks(old).map((b) => b.why)).toContain('docs/metrics.md has a heading whose id is also http_requests_total');
  });

  it('every link to a metric leads to its own section', () => {
    expect(brokenLinks(files)).toEqual([]);
    const table = [...metrics.matchAll(/\| \[([^\]]+)\]\(#([^)]+)\)/g)].map((m) => [m[1]!, headingAt(m[2]!)]);
    expect(table).toEqual([
      ['http\\_Requests\\_total', 'http\\_Requests\\_total'],
      ['http\\_requests\\_total', 'http\\_requests\\_total'],
    ]);
    for (const [alertName, heading] of [['UpperFails', 'http\\_Requests\\_total'], ['LowerFails', 'http\\_requests\\_total']] as const) {
      const fragment = /\.\.\/metrics\.md#([^)]+)\)/.exec(page(files, `docs/alerts/${alertName}.md`))?.[1];
      expect(headingAt(fragment!)).toBe(heading);
    }
  });

  it('never share an id, whatever the case or the colons (names hold no -)', () => {
    const names = ['a_b', 'a_B', 'A_b', 'a:b', 'ab', 'a__b', 'aB', 'a_b:', 'job:x:rate5m', 'job:X:rate5m'];
    const ids = names.map(metricAnchorId);
    expect(new Set(ids).size).toBe(names.length);
    expect(ids.every((id) => /^[a-z0-9_-]+$/.test(id))).toBe(true);
    expect(metricAnchorId('node_memory_MemAvailable_bytes')).toBe('metric-node_memory_-mem-available_bytes');
    expect(metricAnchorId('shop_orders_total')).toBe('metric-shop_orders_total');
    // No id is a heading's: metric headings hold no - (not even a repeat's -1 starts with metric-), the page title is metrics.
    for (const name of [...names, 'metric', 'Metric', 'metrics', 'metric_x']) expect(ids.concat(metricAnchorId(name))).not.toContain(name.toLowerCase());
  });
});
