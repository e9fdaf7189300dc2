/**
 * `npm run lint-corpus`: the offline lint over rule sets written by experts, with a metric
 * catalogue inferred from their expressions, to count false positives (issue #14). Prints one row
 * per check that reported anything, and with `--list` every finding.
 *
 * Input: Prometheus rule files (`groups:`) and PrometheusRule manifests (`spec.groups`) under
 * bench/corpus/rules/<collection>/ (see bench/corpus/SOURCES.md for where they come from and how
 * to put them there; nothing is downloaded at run time).
 *
 * The inferred catalogue: every selected name that no rule records is a metric. Its labels are the
 * labels its matchers name plus every grouping label (by, without, on, ignoring, group_*) of the
 * expressions it appears in, over the whole collection. Its type: `X_bucket` (with X_sum/X_count)
 * is a histogram, X with a `quantile` label and X_sum/X_count a summary, a name ending in `_total`
 * or used under rate/irate/increase/resets a counter, anything else (a lone X_sum too) a gauge. Checks that judge the
 * catalogue itself (catalogue/*) and those the inference makes true by construction
 * (promql/unknown-metric, promql/unknown-label, promql/rate-on-non-counter) are listed apart.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { alert, counter, defineProject, gauge, histogram, record, ruleGroup, summary, type AnyMetric, type Rule } from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { buildCheckContext } from '../../src/lint/context.js';
import { CHECKS, runChecks } from '../../src/lint/index.js';
import { analyzePromql, type Analysis } from '../../src/promql/analyze.js';
import { buildCatalogue } from '../../src/model/catalogue.js';
import type { MetricModel, RecordModel } from '../../src/model/types.js';
import type { Diagnostic } from '../../src/diagnostic.js';

interface RawRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RawGroup {
  name: string;
  interval?: string;
  rules: RawRule[];
}

export interface Collection {
  name: string;
  files: string[];
  groups: Array<RawGroup & { file: string }>;
}

/** Checks whose findings the inference decides (the catalogue is made from the rules themselves). */
export const BY_CONSTRUCTION = new Set(['promql/unknown-metric', 'promql/unknown-label', 'promql/rate-on-non-counter']);

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** Rule groups of a rule file or of a PrometheusRule manifest (several documents allowed). */
export function readGroups(text: string): RawGroup[] {
  const groups: RawGroup[] = [];
  for (const doc of text.split(/^---\s*$/m)) {
    const value = parseYaml(doc) as { groups?: RawGroup[]; spec?: { groups?: RawGroup[] } } | null;
    groups.push(...(value?.groups ?? value?.spec?.groups ?? []));
  }
  return groups.filter((g) => Array.isArray(g.rules));
}

export function readCollection(dir: string): Collection {
  const files = yamlFiles(dir);
  const groups = files.flatMap((file) => readGroups(readFileSync(file, 'utf8')).map((g) => ({ ...g, file: path.relative(dir, file) })));
  return { name: path.basename(dir), files, groups };
}

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TEMPLATE_LABEL = /\$labels\.([A-Za-z_][A-Za-z0-9_]*)|\.Labels\.([A-Za-z_][A-Za-z0-9_]*)/g;

type Labels = Map<string, Set<string>>;

function add(labels: Labels, name: string, label: string): boolean {
  const set = labels.get(name) ?? new Set<string>();
  labels.set(name, set);
  if (set.has(label)) return false;
  set.add(label);
  return true;
}

/** Selectors of an expression that lie inside [from, to). */
function within(a: Analysis, from: number, to: number) {
  return a.selectors.filter((s) => s.from >= from && s.to <= to);
}

/**
 * Grouping labels belong to the series under the clause: by/without to the aggregated selectors,
 * on/ignoring to both sides, group_left/right (…) to the "one" side.
 */
function scopedGroupingLabels(a: Analysis): Array<{ label: string; selectors: Analysis['selectors'] }> {
  const out: Array<{ label: string; selectors: Analysis['selectors'] }> = [];
  const labelsIn = (node: { from: number; to: number } | null | undefined) =>
    node ? a.groupings.filter((g) => g.from >= node.from && g.to <= node.to).map((g) => g.label) : [];
  a.parsed.tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (node.name === 'AggregateExpr') {
        const modifier = node.getChild('AggregateModifier');
        for (const label of labelsIn(modifier)) out.push({ label, selectors: within(a, node.from, node.to) });
      } else if (node.name === 'BinaryExpr') {
        const clause = node.getChild('MatchingModifierClause');
        if (!clause) return;
        const [lhs, rhs] = [node.firstChild, node.lastChild];
        const grouping = clause.getChildren('GroupingLabels');
        const both = within(a, node.from, node.to);
        for (const label of labelsIn(grouping[0])) {
          // on (x): both sides have x. ignoring (x): the sides that select on x, else the "many" side
          // (group_left: the left, group_right: the right, neither: the left).
          if (!clause.getChild('Ignoring')) {
            out.push({ label, selectors: both });
            continue;
          }
          const selecting = both.filter((s) => s.matchers.some((m) => m.label === label));
          const many = clause.getChild('GroupRight') ? rhs : lhs;
          out.push({ label, selectors: selecting.length > 0 ? selecting : many ? within(a, many.from, many.to) : [] });
        }
        const one = clause.getChild('GroupLeft') ? rhs : lhs;
        for (const label of labelsIn(grouping[1])) out.push({ label, selectors: one ? within(a, one.from, one.to) : [] });
      }
    },
  });
  return out;
}

function metricModels(metrics: AnyMetric[]): MetricModel[] {
  return metrics.map((m) => ({ type: m.type, name: m.name, help: m.help, labels: [...m.labels], path: [] }));
}

/** The catalogue the expressions imply (see the file comment). */
export function inferCatalogue(groups: RawGroup[]): AnyMetric[] {
  const records: RecordModel[] = groups.flatMap((g) =>
    g.rules.flatMap((r) => (r.record ? [{ kind: 'record' as const, name: r.record, expr: String(r.expr), labels: r.labels ?? {}, group: g.name, tests: [], path: [] }] : [])),
  );
  const recorded = new Set(records.map((r) => r.name));
  const isMetric = (name: string | undefined): name is string => name !== undefined && !recorded.has(name) && !name.startsWith('ALERTS');
  const labels: Labels = new Map();
  const counted = new Set<string>();
  const none = () => undefined;
  const rules = groups.flatMap((g) => g.rules).filter((r) => typeof r.expr === 'string' || typeof r.expr === 'number');
  for (const r of rules) {
    const a = analyzePromql(String(r.expr), none);
    if (a.parsed.errors.length > 0) continue;
    for (const s of a.selectors) {
      if (!isMetric(s.name)) continue;
      labels.set(s.name, labels.get(s.name) ?? new Set());
      for (const m of s.matchers) add(labels, s.name, m.label);
      if (s.enclosing[0] && COUNTER_FUNCTIONS.has(s.enclosing[0])) counted.add(s.name);
    }
    for (const { label, selectors } of scopedGroupingLabels(a)) for (const s of selectors) if (isMetric(s.name)) add(labels, s.name, label);
  }
  // Close the gaps of a catalogue made from usage: labels the rules show the series must carry.
  for (let round = 0; round < 6; round++) {
    const catalogue = buildCatalogue({ metrics: metricModels(toMetrics(labels, counted)), ruleGroups: [{ name: 'r', fileName: 'r', intervalMs: 60_000, rules: records, path: [] }], prometheus: { scrapeJobs: [] } as never });
    let changed = false;
    for (const r of rules) {
      const a = analyzePromql(String(r.expr), catalogue.lookup);
      if (a.parsed.errors.length > 0) continue;
      // 1. One-to-one matching and and/unless: a label on one side only, not selected there with = or =~,
      //    is one the usage never named on the other side's series.
      for (const b of a.binaries) {
        if (b.lhs.kind !== 'vector' || b.rhs.kind !== 'vector' || !b.lhs.exact || !b.rhs.exact || b.op === 'or' || b.matching?.clause === 'on') continue;
        const ignored = new Set(b.matching?.labels ?? []);
        const sides = [
          { own: b.lhs.labels, other: b.rhs.labels, mine: within(a, b.from, b.opFrom), theirs: within(a, b.opTo, b.to) },
          { own: b.rhs.labels, other: b.lhs.labels, mine: within(a, b.opTo, b.to), theirs: within(a, b.from, b.opFrom) },
        ];
        for (const side of sides) {
          for (const label of side.own) {
            if (ignored.has(label) || side.other.has(label)) continue;
            if (side.mine.some((s) => s.matchers.some((m) => m.label === label && (m.op === '=' || m.op === '=~')))) continue;
            for (const s of side.theirs) if (isMetric(s.name)) changed = add(labels, s.name, label) || changed;
          }
        }
      }
      // 2. {{ $labels.x }} in an alert: x comes from the series of its expression (unless aggregated away).
      if (r.alert && a.result.kind === 'vector' && a.result.exact) {
        const texts = [...Object.values(r.labels ?? {}), ...Object.values(r.annotations ?? {})].map(String).join('\n');
        for (const m of texts.matchAll(TEMPLATE_LABEL)) {
          const label = (m[1] ?? m[2])!;
          if (a.result.labels.has(label)) continue;
          for (const s of a.selectors) if (isMetric(s.name)) changed = add(labels, s.name, label) || changed;
        }
      }
    }
    if (!changed) break;
  }
  return toMetrics(labels, counted);
}

/** Names to metrics: X_bucket makes a histogram X, X with quantile (or next to X_sum/X_count) a summary, then counters and gauges. */
function toMetrics(labels: Labels, counted: Set<string>): AnyMetric[] {
  const clean = (set: Iterable<string>, drop: string[] = []) =>
    [...new Set(set)].filter((l) => LABEL.test(l) && !l.startsWith('__') && l !== 'job' && l !== 'instance' && !drop.includes(l)).sort();
  const metrics: AnyMetric[] = [];
  const taken = new Set<string>();
  const names = [...labels.keys()].sort();
  const base = (name: string, suffix: string) => (name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined);
  for (const name of names) {
    const x = base(name, '_bucket');
    if (x === undefined || taken.has(x)) continue;
    const parts = [`${x}_bucket`, `${x}_sum`, `${x}_count`];
    metrics.push(histogram({ name: x, help: 'inferred', labels: clean(parts.flatMap((n) => [...(labels.get(n) ?? [])]), ['le']), buckets: [1] }));
    for (const n of [...parts, x]) taken.add(n);
  }
  for (const name of names) {
    if (taken.has(name)) continue;
    const x = base(name, '_count') ?? base(name, '_sum');
    const root = labels.get(name)?.has('quantile') ? name : x !== undefined && labels.has(x) && !taken.has(x) ? x : undefined;
    if (root === undefined || taken.has(root)) continue;
    const parts = [root, `${root}_sum`, `${root}_count`];
    metrics.push(summary({ name: root, help: 'inferred', labels: clean(parts.flatMap((n) => [...(labels.get(n) ?? [])]), ['quantile']) }));
    for (const n of parts) taken.add(n);
  }
  for (const name of names) {
    if (taken.has(name)) continue;
    // A lone X_sum or X_count (no X_bucket, no X) is an exporter's gauge, as CloudWatch's per-period sums.
    const isCounter = name.endsWith('_total') || counted.has(name);
    metrics.push((isCounter ? counter : gauge)({ name, help: 'inferred', labels: clean(labels.get(name) ?? []) }));
  }
  return metrics;
}

/** The collection as a totem-mon project: every rule as written, with what the schema insists on filled in. */
export function asProject(collection: Collection, scrapeInterval: string) {
  const usedGroupNames = new Map<string, number>();
  const ruleGroups = collection.groups.map((g) => {
    const seen = usedGroupNames.get(g.name) ?? 0;
    usedGroupNames.set(g.name, seen + 1);
    const rules: Rule[] = g.rules.map((r) => {
      const labels = Object.fromEntries(Object.entries(r.labels ?? {}).map(([k, v]) => [k, String(v)]));
      if (r.record) return record({ name: r.record, expr: String(r.expr), ...(Object.keys(labels).length > 0 ? { labels } : {}) });
      const annotations = Object.fromEntries(Object.entries(r.annotations ?? {}).map(([k, v]) => [k, String(v)]));
      return alert({
        name: r.alert!,
        expr: String(r.expr),
        ...(r.for !== undefined ? { for: String(r.for) } : {}),
        labels: { severity: 'warning', ...labels },
        annotations: { summary: '(not given)', description: '(not given)', ...annotations },
      });
    });
    return ruleGroup({ name: seen === 0 ? g.name : `${g.name}-${seen + 1}`, ...(g.interval ? { interval: g.interval } : {}), rules });
  });
  return defineProject({
    name: collection.name,
    metrics: inferCatalogue(collection.groups),
    prometheus: { global: { scrapeInterval, evaluationInterval: scrapeInterval }, scrapeJobs: [] },
    ruleGroups,
  });
}

export interface CorpusResult {
  collection: string;
  alerts: number;
  records: number;
  diagnostics: Diagnostic[];
  schema: Diagnostic[];
}

export function lintCollection(collection: Collection, scrapeInterval: string): CorpusResult {
  const parsed = parseProject(asProject(collection, scrapeInterval));
  const rules = collection.groups.flatMap((g) => g.rules);
  const base = { collection: collection.name, alerts: rules.filter((r) => r.alert).length, records: rules.filter((r) => r.record).length };
  if (!parsed.ok) return { ...base, diagnostics: [], schema: parsed.diagnostics };
  const model = buildModel(parsed.project, `bench/corpus/rules/${collection.name}`);
  const checks = CHECKS.filter((c) => !c.id.startsWith('catalogue/'));
  return { ...base, diagnostics: runChecks(buildCheckContext(model), checks), schema: [] };
}

/** Per collection: its folder and the scrape interval its rules were written for. */
export const COLLECTIONS: Array<{ dir: string; scrapeInterval: string }> = [
  { dir: 'kube-prometheus', scrapeInterval: '30s' },
  { dir: 'awesome-prometheus-alerts', scrapeInterval: '15s' },
];

export function main(argv: string[]): number {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'rules');
  const list = argv.includes('--list');
  const results: CorpusResult[] = [];
  for (const c of COLLECTIONS) {
    const dir = path.join(root, c.dir);
    if (!existsSync(dir)) {
      console.error(`missing ${path.relative(process.cwd(), dir)}: see bench/corpus/SOURCES.md`);
      return 2;
    }
    results.push(lintCollection(readCollection(dir), c.scrapeInterval));
  }
  for (const r of results) {
    if (r.schema.length > 0) {
      console.error(`${r.collection}: the inferred project does not pass the schema:\n${r.schema.map((d) => `  ${d.path?.join(' › ')}: ${d.message}`).join('\n')}`);
      return 1;
    }
  }
  const ids = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => d.id)))].sort();
  const header = `| check | ${results.map((r) => `${r.collection} (${r.alerts} alerts, ${r.records} records)`).join(' | ')} |`;
  console.log(header);
  console.log(`|---|${results.map(() => '---:').join('|')}|`);
  for (const id of ids) {
    const cells = results.map((r) => {
      const found = r.diagnostics.filter((d) => d.id === id);
      const errors = found.filter((d) => d.severity === 'error').length;
      const warnings = found.filter((d) => d.severity === 'warning').length;
      const infos = found.length - errors - warnings;
      const parts = [errors ? `${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '', infos ? `${infos} info` : ''].filter(Boolean);
      return parts.join(', ') || '0';
    });
    console.log(`| \`${id}\`${BY_CONSTRUCTION.has(id) ? ' (by construction)' : ''} | ${cells.join(' | ')} |`);
  }
  const quiet = CHECKS.filter((c) => !c.id.startsWith('catalogue/') && !ids.includes(c.id)).map((c) => c.id);
  console.log(`\nQuiet on every collection: ${quiet.map((id) => `\`${id}\``).join(', ')}.`);
  if (list) {
    for (const r of results) {
      for (const d of r.diagnostics) {
        console.log(`\n[${r.collection}] ${d.severity} ${d.id} ${d.path?.slice(1, 4).join(' › ')}\n  ${d.message}${d.excerpt ? `\n  │ ${d.excerpt.text.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
      }
    }
  }
  return 0;
}
