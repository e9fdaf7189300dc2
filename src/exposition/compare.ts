/**
 * An exposition (what a target serves on /metrics) against the catalogue: the metrics the target
 * should expose, with their type, labels and buckets. Findings are diagnostics at the catalogue's
 * definitions, so they read like validate's.
 */
import type { Diagnostic } from '../diagnostic.js';
import type { MetricModel } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import type { Family, Sample } from './families.js';

/** Labels a text exposition carries on samples that are not the metric's own. */
const STRUCTURE_LABELS: Record<string, string | undefined> = { histogram: 'le', summary: 'quantile' };

/** Unit suffixes of the naming conventions; a metric exposed under another one has the wrong unit. */
const UNITS = [
  'seconds', 'milliseconds', 'microseconds', 'nanoseconds', 'minutes', 'hours', 'days',
  'bytes', 'kilobytes', 'megabytes', 'gigabytes', 'kibibytes', 'mebibytes', 'gibibytes', 'bits',
  'ratio', 'percent', 'celsius', 'fahrenheit', 'meters', 'grams', 'volts', 'amperes', 'joules', 'hertz',
];
const UNIT_SUFFIX = new RegExp(`_(${UNITS.join('|')})(_total)?$`);

/** `x_duration_seconds` → { base: 'x_duration', unit: 'seconds' } (a `_total` after the unit kept aside). */
function splitUnit(name: string): { base: string; unit: string; total: boolean } | undefined {
  const m = UNIT_SUFFIX.exec(name);
  return m ? { base: name.slice(0, m.index), unit: m[1]!, total: m[2] !== undefined } : undefined;
}

/** prometheus_client exposes `<name>_created` beside counters, histograms and summaries: part of the metric. */
function createdOf(family: Family, expected: ReadonlyMap<string, MetricModel>): boolean {
  if (!family.name.endsWith('_created')) return false;
  const base = family.name.slice(0, -'_created'.length);
  const metric = expected.get(base) ?? expected.get(`${base}_total`);
  return metric !== undefined && metric.type !== 'gauge';
}

function sampleLabels(sample: Sample, type: string): string[] {
  return Object.keys(sample.labels ?? {}).filter((l) => l !== STRUCTURE_LABELS[type]);
}

const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

function checkFamily(metric: MetricModel, family: Family, report: (d: Omit<Diagnostic, 'severity'> & { severity?: Diagnostic['severity'] }) => void): void {
  const at = locatedAt(metric);
  const type = family.type.toLowerCase();
  if (type !== metric.type) {
    report({
      id: 'metrics/wrong-type',
      message: `metric ${metric.name} is exposed as a ${type}, the catalogue declares a ${metric.type}`,
      hint: type === 'untyped' ? 'the exposition has no # TYPE line for it: declare it with its type in the instrumentation' : `declare it as a ${metric.type} in the instrumentation, or fix the catalogue`,
      ...at,
    });
    return;
  }
  if (family.metrics.length === 0) {
    report({ id: 'metrics/no-samples', severity: 'info', message: `metric ${metric.name} is declared but has no series yet: its labels could not be checked`, hint: 'labelled metrics show up once the application records a value for a label set', ...at });
    return;
  }
  const declared = new Set(metric.labels);
  const undeclared = [...new Set(family.metrics.flatMap((s) => sampleLabels(s, type)))].filter((l) => !declared.has(l)).sort();
  if (undeclared.length > 0) {
    report({
      id: 'metrics/undeclared-label',
      message: `metric ${metric.name} is exposed with label${undeclared.length > 1 ? 's' : ''} ${list(undeclared)}, which the catalogue does not declare`,
      hint: 'declare the label in the catalogue (labels: […]) so rules and dashboards can use it, or stop setting it',
      ...at,
    });
  }
  const missing = metric.labels.filter((l) => family.metrics.some((s) => !sampleLabels(s, type).includes(l)));
  if (missing.length > 0) {
    report({
      id: 'metrics/missing-label',
      message: `metric ${metric.name} has series without the declared label${missing.length > 1 ? 's' : ''} ${list(missing)}`,
      hint: 'set every declared label on every series (selectors and by-clauses on it would miss these series), or remove it from the catalogue',
      ...at,
    });
  }
  if (type === 'histogram' && metric.buckets) {
    const wanted = metric.buckets.join(', ');
    const differing = new Set(
      family.metrics
        .map((s) => Object.keys(s.buckets ?? {}).filter((le) => le !== '+Inf').map(Number).sort((a, b) => a - b).join(', '))
        .filter((got) => got !== wanted),
    );
    for (const got of differing) {
      report({
        id: 'metrics/buckets',
        message: `histogram ${metric.name} is exposed with buckets ${got || '(none)'}, the catalogue declares ${wanted}`,
        hint: 'quantiles and heatmaps read the buckets the catalogue declares: use the same bounds in the instrumentation',
        ...at,
      });
    }
  }
}

/**
 * Findings about an exposition: missing metrics (or present only under another unit suffix), wrong
 * types, undeclared or missing labels, histogram buckets that differ, and metrics the catalogue
 * does not declare for this target.
 */
export function compareExposition(families: readonly Family[], expected: readonly MetricModel[], others: readonly MetricModel[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (d: Omit<Diagnostic, 'severity'> & { severity?: Diagnostic['severity'] }) => out.push({ severity: 'error', ...d } as Diagnostic);
  const byName = new Map(families.map((f) => [f.name, f]));
  const expectedByName = new Map(expected.map((m) => [m.name, m]));
  const explained = new Set<string>();
  for (const metric of expected) {
    const family = byName.get(metric.name);
    if (family) {
      explained.add(family.name);
      checkFamily(metric, family, report);
      continue;
    }
    const unit = splitUnit(metric.name);
    const renamed = unit
      ? families.find((f) => {
          const other = splitUnit(f.name);
          return other !== undefined && !expectedByName.has(f.name) && other.base === unit.base && other.unit !== unit.unit && other.total === unit.total;
        })
      : undefined;
    if (renamed) {
      explained.add(renamed.name);
      report({
        id: 'metrics/unit-suffix',
        message: `metric ${metric.name} is missing; the target exposes ${renamed.name} instead (unit ${splitUnit(renamed.name)!.unit}, the catalogue says ${unit!.unit})`,
        hint: `expose it in ${unit!.unit} under the catalogue's name: rules and dashboards read ${metric.name}`,
        ...locatedAt(metric),
      });
      continue;
    }
    report({
      id: 'metrics/missing',
      message: `metric ${metric.name} (${metric.type}) is in the catalogue but not in the exposition`,
      hint: 'the application does not declare it, or this is not the target that exposes it: rules and dashboards on it see no data',
      ...locatedAt(metric),
    });
  }
  const othersByName = new Map(others.map((m) => [m.name, m]));
  for (const family of families) {
    if (explained.has(family.name) || createdOf(family, expectedByName)) continue;
    const owner = othersByName.get(family.name);
    report({
      id: 'metrics/unexpected',
      severity: 'warning',
      message: owner
        ? `metric ${family.name} is exposed here, but the catalogue declares it for ${owner.exporter ?? 'the application'}`
        : `metric ${family.name} (${family.type.toLowerCase()}) is exposed but not in the catalogue`,
      hint: owner ? `check the target against ${owner.exporter === undefined ? 'the application (no --exporter)' : `--exporter ${owner.exporter}`}` : 'declare it in the catalogue if rules or dashboards should use it (exporter: … when a library exposes it)',
      path: ['exposition', family.name],
    });
  }
  return out;
}
