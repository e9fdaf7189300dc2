/**
 * The metric catalogue the rules imply: every series name an expression selects that no rule
 * records is a metric. Its labels: the labels its matchers name, every grouping label (by,
 * without, on, ignoring, group_*) scoped to the series under the clause, and the labels the rules
 * show the series must carry (vector matching, `{{ $labels.x }}` in an alert). Its type, by the
 * Prometheus naming conventions: `X_bucket` (with X_sum/X_count) a histogram, X with a `quantile`
 * label or next to X_sum/X_count a summary, `_total` or used under rate/irate/increase/resets a
 * counter, anything else a gauge. Every metric says why it is what it is (`why`): the definitions
 * carry it as a comment for the user to review. The bench's lint-corpus reads the same inference.
 */
import { analyzePromql, type Analysis } from '../promql/analyze.js';
import type { ParsedExpr } from '../promql/parse.js';
import { KeptParses } from '../promql/kept-parses.js';
import { buildCatalogue } from '../model/catalogue.js';
import type { MetricModel, RecordModel } from '../model/types.js';
import { alertLabelReferences } from '../gotemplate/label-references.js';
import { LABEL_NAME } from '../model/names.js';
import { leBounds } from './le-bounds.js';

export type InferredType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface InferredMetric {
  name: string;
  type: InferredType;
  /** Sorted; without job, instance and the histogram's `le` / the summary's `quantile`. */
  labels: string[];
  /** Why this type and these labels: reviewable guesses, one sentence each. */
  why: string[];
  /** The exporter that owns it, when its name says so (`node_` → node_exporter). */
  exporter?: string;
  /** From an exposition (`--metrics`), when one was given and has the metric. */
  help?: string;
  buckets?: number[];
  /**
   * A histogram's bounds its rules' `le` matchers name (src/import/le-bounds.ts), sorted: without
   * an exposition, its buckets are the client libraries' default and these.
   */
  ruleBounds?: number[];
  /** The exposition its type, help and buckets come from (then `why` is empty). */
  from?: string;
}

/** What the inference reads of a rule. */
export interface RuleUse {
  kind: 'alert' | 'record';
  name: string;
  expr: string;
  labels?: Readonly<Record<string, string>>;
  annotations?: Readonly<Record<string, string>>;
}

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

/**
 * Exporters whose metrics are recognised by their prefix (their own documentation's names). A
 * guess: an application may use the same prefix.
 */
export const EXPORTER_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['node_', 'node_exporter'],
  ['windows_', 'windows_exporter'],
  ['kube_', 'kube-state-metrics'],
  ['container_', 'cadvisor'],
  ['machine_', 'cadvisor'],
  ['kubelet_', 'kubelet'],
  ['kubeproxy_', 'kube-proxy'],
  ['apiserver_', 'kube-apiserver'],
  ['scheduler_', 'kube-scheduler'],
  ['etcd_', 'etcd'],
  ['coredns_', 'coredns'],
  ['prometheus_', 'prometheus'],
  ['alertmanager_', 'alertmanager'],
  ['probe_', 'blackbox_exporter'],
  ['mysql_', 'mysqld_exporter'],
  ['pg_', 'postgres_exporter'],
  ['redis_', 'redis_exporter'],
  ['mongodb_', 'mongodb_exporter'],
  ['rabbitmq_', 'rabbitmq'],
  ['kafka_', 'kafka_exporter'],
  ['elasticsearch_', 'elasticsearch_exporter'],
  ['nginx_', 'nginx-prometheus-exporter'],
  ['haproxy_', 'haproxy'],
  ['memcached_', 'memcached_exporter'],
  ['consul_', 'consul_exporter'],
  ['minio_', 'minio'],
  ['traefik_', 'traefik'],
  ['jvm_', 'jmx_exporter'],
];

/** Metrics Prometheus writes itself about each target. */
const PROMETHEUS_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added']);

export function exporterOf(name: string): string | undefined {
  if (PROMETHEUS_SERIES.has(name)) return 'prometheus';
  return EXPORTER_PREFIXES.find(([prefix]) => name.startsWith(prefix))?.[1];
}

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

function metricModels(metrics: readonly InferredMetric[]): MetricModel[] {
  return metrics.map((m) => ({ type: m.type, name: m.name, help: '', labels: [...m.labels], path: [] }));
}

/**
 * The catalogue the rules' expressions imply (see the file comment); sorted by name. `parse`: where
 * an expression's parse comes from (import keeps them for its runs of the stages: src/promql/kept-parses.ts).
 */
export function inferCatalogue(rules: readonly RuleUse[], parse: (text: string) => ParsedExpr = keptParse()): InferredMetric[] {
  const records: RecordModel[] = rules.flatMap((r) =>
    r.kind === 'record' ? [{ kind: 'record' as const, name: r.name, expr: r.expr, labels: { ...r.labels }, group: 'r', tests: [], path: [] }] : [],
  );
  const recorded = new Set(records.map((r) => r.name));
  // A name with a colon is a recorded series (the naming convention, and the catalogue's rule for
  // metric names): one the imported rules do not record is recorded elsewhere, not a metric to guess.
  const isMetric = (name: string | undefined): name is string => name !== undefined && !recorded.has(name) && !name.startsWith('ALERTS') && !name.includes(':');
  const labels: Labels = new Map();
  const counted = new Set<string>();
  // The `le` bounds each series is selected by (a histogram's _bucket series).
  const bounds = new Map<string, Set<number>>();
  const none = () => undefined;
  // Each expression is parsed once, for the first pass and every round below (the catalogue's
  // recording rules too): only the series lookup changes from round to round.
  for (const r of rules) {
    const a = analyzePromql(r.expr, none, parse(r.expr));
    if (a.parsed.errors.length > 0 || a.parsed.parts) continue;
    for (const s of a.selectors) {
      if (!isMetric(s.name)) continue;
      labels.set(s.name, labels.get(s.name) ?? new Set());
      for (const m of s.matchers) add(labels, s.name, m.label);
      if (s.name.endsWith('_bucket')) {
        for (const m of s.matchers) if (m.label === 'le') for (const b of leBounds(m)) bounds.set(s.name, (bounds.get(s.name) ?? new Set()).add(b));
      }
      if (s.enclosing[0] && COUNTER_FUNCTIONS.has(s.enclosing[0])) counted.add(s.name);
    }
    for (const { label, selectors } of scopedGroupingLabels(a)) for (const s of selectors) if (isMetric(s.name)) add(labels, s.name, label);
  }
  // Close the gaps of a catalogue made from usage: labels the rules show the series must carry.
  for (let round = 0; round < 6; round++) {
    const catalogue = buildCatalogue({
      metrics: metricModels(toMetrics(labels, counted, bounds)),
      ruleGroups: [{ name: 'r', fileName: 'r', intervalMs: 60_000, rules: records, path: [] }],
      prometheus: { scrapeJobs: [] } as never,
    }, parse);
    let changed = false;
    for (const r of rules) {
      const a = analyzePromql(r.expr, catalogue.lookup, parse(r.expr));
      if (a.parsed.errors.length > 0 || a.parsed.parts) continue;
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
      if (r.kind === 'alert' && a.result.kind === 'vector' && a.result.exact) {
        // Each template on its own (a variable lives in one), read as alert/template-label-dropped reads it.
        const texts = [...Object.values(r.labels ?? {}), ...Object.values(r.annotations ?? {})];
        for (const label of texts.flatMap((text) => alertLabelReferences(text))) {
          if (a.result.labels.has(label)) continue;
          for (const s of a.selectors) if (isMetric(s.name)) changed = add(labels, s.name, label) || changed;
        }
      }
    }
    if (!changed) break;
  }
  return toMetrics(labels, counted, bounds);
}

/** Parses kept for one inference. */
function keptParse(): (text: string) => ParsedExpr {
  const kept = new KeptParses();
  return (text) => kept.parse(text);
}

const clean = (set: Iterable<string>, drop: string[] = []) =>
  [...new Set(set)].filter((l) => LABEL_NAME.test(l) && !l.startsWith('__') && l !== 'job' && l !== 'instance' && !drop.includes(l)).sort();

function withExporter(metric: InferredMetric): InferredMetric {
  const exporter = exporterOf(metric.name);
  return exporter ? { ...metric, exporter, why: [...metric.why, `exporter ${exporter}: its metrics have this name`] } : metric;
}

/** Names to metrics: X_bucket makes a histogram X, X with quantile (or next to X_sum/X_count) a summary, then counters and gauges. */
function toMetrics(labels: Labels, counted: Set<string>, bounds: ReadonlyMap<string, ReadonlySet<number>>): InferredMetric[] {
  const metrics: InferredMetric[] = [];
  const taken = new Set<string>();
  const names = [...labels.keys()].sort();
  const base = (name: string, suffix: string) => (name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined);
  const seen = (parts: string[]) => parts.filter((n) => labels.has(n));
  for (const name of names) {
    const x = base(name, '_bucket');
    if (x === undefined || taken.has(x)) continue;
    const parts = [`${x}_bucket`, `${x}_sum`, `${x}_count`];
    const why = [`histogram: the rules select ${seen(parts).join(', ')}`];
    const named = [...(bounds.get(`${x}_bucket`) ?? [])].sort((a, b) => a - b);
    metrics.push({ name: x, type: 'histogram', labels: clean(parts.flatMap((n) => [...(labels.get(n) ?? [])]), ['le']), why, ...(named.length > 0 ? { ruleBounds: named } : {}) });
    for (const n of [...parts, x]) taken.add(n);
  }
  for (const name of names) {
    if (taken.has(name)) continue;
    const x = base(name, '_count') ?? base(name, '_sum');
    const quantile = labels.get(name)?.has('quantile');
    const root = quantile ? name : x !== undefined && labels.has(x) && !taken.has(x) ? x : undefined;
    if (root === undefined || taken.has(root)) continue;
    const parts = [root, `${root}_sum`, `${root}_count`];
    const why = [quantile ? `summary: the rules select ${root} by quantile` : `summary: the rules select ${seen(parts).join(', ')}`];
    metrics.push({ name: root, type: 'summary', labels: clean(parts.flatMap((n) => [...(labels.get(n) ?? [])]), ['quantile']), why });
    for (const n of parts) taken.add(n);
  }
  for (const name of names) {
    if (taken.has(name)) continue;
    // A lone X_sum or X_count (no X_bucket, no X) is an exporter's gauge, as CloudWatch's per-period sums.
    const why = name.endsWith('_total')
      ? 'counter: the name ends in _total'
      : counted.has(name)
        ? 'counter: the rules take its rate()/increase()'
        : 'gauge: nothing says it is a counter (no _total, never under rate())';
    metrics.push({ name, type: why.startsWith('counter') ? 'counter' : 'gauge', labels: clean(labels.get(name) ?? []), why: [why] });
  }
  return metrics.map(withExporter).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
