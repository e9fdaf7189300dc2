import type { MetricModel, Model } from '../../model/types.js';
import type { MetricUse, MetricUses } from '../../model/metric-uses.js';
import type { OutputFile } from '../output.js';
import { TARGET_LABELS } from '../../model/names.js';
import { anchor, code, inline, link, metricAnchorId, page, table } from './markdown.js';
import { dashboardLink, METRICS_PAGE, relative, runbookPath } from './links.js';
import { generatedNote } from './note.js';

function exportedBy(metric: MetricModel): string {
  return metric.exporter === undefined ? 'this application' : inline(metric.exporter);
}

function labels(metric: MetricModel): string {
  const own = metric.labels.map(code).join(', ');
  return `${own || 'none'} (Prometheus adds ${TARGET_LABELS.map(code).join(', ')})`;
}

function useLine(use: MetricUse, model: Model): string {
  if (use.kind === 'panel') {
    return `panel ${inline(`"${use.panel.title}"`)} on ${link(use.dashboard.title, dashboardLink(METRICS_PAGE, use.dashboard, model))}`;
  }
  const { rule } = use;
  return rule.kind === 'alert'
    ? `alert ${link(rule.name, relative(METRICS_PAGE, runbookPath(rule.name)))} (group ${code(rule.group)})`
    : `recording rule ${code(rule.name)} (group ${code(rule.group)})`;
}

function usedBy(uses: readonly MetricUse[]): string {
  const rules = uses.filter((u) => u.kind === 'rule').length;
  const panels = uses.length - rules;
  if (uses.length === 0) return 'nothing';
  return [rules > 0 ? `${rules} rule${rules > 1 ? 's' : ''}` : '', panels > 0 ? `${panels} panel${panels > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
}

function section(metric: MetricModel, uses: readonly MetricUse[], model: Model): string {
  const facts = [
    `- Type: ${metric.type}`,
    `- Labels: ${labels(metric)}`,
    metric.buckets ? `- Buckets: ${metric.buckets.join(', ')}, +Inf (series ${code(`${metric.name}_bucket`)}, ${code(`${metric.name}_sum`)}, ${code(`${metric.name}_count`)})` : undefined,
    metric.quantiles ? `- Quantiles: ${metric.quantiles.length > 0 ? metric.quantiles.join(', ') : 'none (sum and count only)'}` : undefined,
    metric.unit !== undefined ? `- Unit: ${inline(metric.unit)}` : undefined,
    `- Exported by: ${exportedBy(metric)}`,
    uses.length > 0 ? `- Used by:\n${uses.map((u) => `  - ${useLine(u, model)}`).join('\n')}` : '- Used by: no rule or panel',
  ].filter((l): l is string => l !== undefined);
  return `${anchor(metricAnchorId(metric.name))}\n\n## ${inline(metric.name)}\n\n${inline(metric.help)}\n\n${facts.join('\n')}`;
}

/** out/docs/metrics.md: the catalogue, each metric with who exports it and which rules and panels use it. */
export function metricsPage(model: Model, uses: MetricUses): OutputFile {
  const rows = model.metrics.map((m) => [link(m.name, `#${metricAnchorId(m.name)}`), m.type, m.labels.map(code).join(', ') || '–', exportedBy(m), usedBy(uses.of(m.name))]);
  const content = page([
    generatedNote(model),
    '# Metrics',
    `The catalogue of ${inline(model.name)}: ${model.metrics.length} metric${model.metrics.length === 1 ? '' : 's'}, every one an expression may use.`,
    table(['Metric', 'Type', 'Labels', 'Exported by', 'Used by'], rows),
    ...model.metrics.map((m) => section(m, uses.of(m.name), model)),
  ]);
  return { path: METRICS_PAGE, content };
}
