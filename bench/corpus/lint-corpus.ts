/**
 * `npm run lint-corpus`: the offline lint over rule sets written by experts, with a metric
 * catalogue inferred from their expressions, to count false positives (issue #14). Prints one row
 * per check that reported anything, and with `--list` every finding.
 *
 * Input: Prometheus rule files (`groups:`) and PrometheusRule manifests (`spec.groups`) under
 * bench/corpus/rules/<collection>/ (see bench/corpus/SOURCES.md for where they come from and how
 * to put them there; nothing is downloaded at run time).
 *
 * The inferred catalogue is `totem-mon import`'s (src/import/catalogue.ts): every selected name
 * that no rule records is a metric, its labels and type from how the rules use it. Checks that judge the
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
import { inferCatalogue as inferMetrics } from '../../src/import/catalogue.js';
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

/** The catalogue the expressions imply: `totem-mon import`'s inference (src/import/catalogue.ts), as catalogue metrics. */
export function inferCatalogue(groups: RawGroup[]): AnyMetric[] {
  const rules = groups.flatMap((g) =>
    g.rules
      .filter((r) => typeof r.expr === 'string' || typeof r.expr === 'number')
      .map((r) => ({
        kind: r.record ? ('record' as const) : ('alert' as const),
        name: r.record ?? r.alert ?? '',
        expr: String(r.expr),
        labels: Object.fromEntries(Object.entries(r.labels ?? {}).map(([k, v]) => [k, String(v)])),
        annotations: Object.fromEntries(Object.entries(r.annotations ?? {}).map(([k, v]) => [k, String(v)])),
      })),
  );
  return inferMetrics(rules).map((m) => {
    const options = { name: m.name, help: 'inferred', labels: m.labels };
    // Buckets are not in the rules: a top bucket no threshold reaches, so that no check judges a
    // quantile against an invented one (promql/impossible-threshold reads the largest bucket); and
    // the bounds the rules' `le` matchers name, which the rules' authors know the histogram has
    // (promql/histogram-bucket would otherwise judge them against invented buckets): read as the
    // import reads them (src/import/le-bounds.ts).
    if (m.type === 'histogram') return histogram({ ...options, buckets: [...new Set([...(m.ruleBounds ?? []), 1, 1e12])].sort((a, b) => a - b) });
    if (m.type === 'summary') return summary(options);
    return (m.type === 'counter' ? counter : gauge)(options);
  });
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
