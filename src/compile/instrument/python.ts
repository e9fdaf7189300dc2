import type { Model } from '../../model/types.js';
import { applicationMetrics, type InstrumentedMetric } from '../../instrument/describe.js';
import { headerLines, type OutputFile } from '../output.js';

export const PYTHON_DIR = 'instrument/python';

/** The module's file name: `<project>_metrics.py` unless the project names it. */
export function pythonModuleName(model: Pick<Model, 'name' | 'instrument'>): string {
  return model.instrument?.python?.module ?? `${model.name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1').toLowerCase()}_metrics`;
}

/** A Python str literal (JSON's escapes are Python's; the file is UTF-8). */
const str = (text: string): string => JSON.stringify(text);

/** `totem_requests_total` → `TOTEM_REQUESTS` (prometheus_client adds `_total` back when it exposes a counter). */
function constantName(metric: InstrumentedMetric): string {
  return baseName(metric).toUpperCase();
}

function baseName(metric: InstrumentedMetric): string {
  return metric.type === 'counter' ? metric.name.replace(/_total$/, '') : metric.name;
}

const CLASSES = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram', summary: 'Summary' } as const;

function declaration(metric: InstrumentedMetric): string {
  const args = [str(metric.name), str(metric.help)];
  if (metric.labels.length > 0) args.push(`labelnames=(${metric.labels.map(str).join(', ')}${metric.labels.length === 1 ? ',' : ''})`);
  if (metric.buckets) args.push(`buckets=(${metric.buckets.map((b) => String(b)).join(', ')}${metric.buckets.length === 1 ? ',' : ''})`);
  const comment = metric.quantiles && metric.quantiles.length > 0
    ? `# prometheus_client's Summary exposes no quantiles: only _sum and _count of the catalogue's ${metric.quantiles.join(', ')}.\n`
    : '';
  return `${comment}${constantName(metric)} = ${CLASSES[metric.type]}(\n    ${args.join(',\n    ')},\n)`;
}

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/** The parameter a label is passed as: its name, unless Python reserves it or the value parameter has it. */
function parameter(label: string, valueParameter: string): string {
  return PYTHON_KEYWORDS.has(label) || label === valueParameter ? `${label}_` : label;
}

const OPERATIONS = {
  counter: { prefix: 'inc', value: 'amount: float = 1.0', call: 'inc(amount)' },
  gauge: { prefix: 'set', value: 'value: float', call: 'set(value)' },
  histogram: { prefix: 'observe', value: 'value: float', call: 'observe(value)' },
  summary: { prefix: 'observe', value: 'value: float', call: 'observe(value)' },
} as const;

function helperName(metric: InstrumentedMetric): string {
  return `${OPERATIONS[metric.type].prefix}_${baseName(metric)}`;
}

/** A typed helper: the value, then the labels as keyword-only str arguments. */
function helper(metric: InstrumentedMetric): string {
  const op = OPERATIONS[metric.type];
  const valueParameter = op.value.split(':')[0]!;
  const params = metric.labels.map((l) => parameter(l, valueParameter));
  const signature = [op.value, ...(params.length > 0 ? ['*', ...params.map((p) => `${p}: str`)] : [])].join(', ');
  const labelled = metric.labels.length > 0 ? `.labels(**{${metric.labels.map((l, i) => `${str(l)}: ${params[i]}`).join(', ')}})` : '';
  return `def ${helperName(metric)}(${signature}) -> None:\n    """${str(metric.help).slice(1, -1)}"""\n    ${constantName(metric)}${labelled}.${op.call}`;
}

/**
 * out/instrument/python/<project>_metrics.py: every application metric of the catalogue declared
 * with prometheus_client (names, HELP, label names and buckets identical) and a typed helper for each.
 */
export function compilePython(model: Model): OutputFile[] {
  if (!model.instrument?.python) return [];
  const metrics = applicationMetrics(model.metrics);
  const used = [...new Set(metrics.map((m) => CLASSES[m.type]))].sort();
  const lines = [
    ...headerLines(model.entry, 'Python instrumentation').map((l) => `# ${l}`),
    `"""The application metrics of the ${model.name} catalogue, declared with prometheus_client.`,
    '',
    'Names, HELP texts, label names and buckets are the catalogue\'s: the rules and dashboards were',
    'checked against exactly these. Importing the module registers them in prometheus_client\'s',
    'default registry; expose it as usual (start_http_server, make_asgi_app, make_wsgi_app).',
    'prometheus_client also exposes a `<name>_created` series per counter, histogram and summary',
    '(PROMETHEUS_DISABLE_CREATED_SERIES=True turns them off).',
    '"""',
    '',
    `from prometheus_client import ${used.join(', ')}`,
    '',
    `__all__ = [${[...metrics.map(constantName), ...metrics.map(helperName)].map(str).join(', ')}]`,
    '',
    ...metrics.flatMap((m) => [declaration(m), '']),
    ...metrics.flatMap((m) => ['', helper(m), '']),
  ];
  return [{ path: `${PYTHON_DIR}/${pythonModuleName(model)}.py`, content: `${lines.join('\n').trimEnd()}\n` }];
}
