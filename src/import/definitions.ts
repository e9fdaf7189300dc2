/**
 * The imported project as definitions: one file per rule group (`rules/<group>.ts`), the inferred
 * catalogue (`catalogue.ts`) and `index.ts` that default-exports the project. Deterministic (same
 * input, same bytes), laid out as a person would write it, typed by the public API.
 */
import { safeFileName } from '../model/names.js';
import type { InferredMetric } from './catalogue.js';
import type { ImportedAlertCase, ImportedIgnore, ImportedProject, ImportedRecordCase } from './project.js';
import type { ImportedGroup, ImportedRule } from './rule-groups.js';
import type { ImportedFile } from './report.js';
import { code, identifier, tsComment, tsValue, type TsValue } from './ts-source.js';
import { alertmanagerSource } from './alertmanager.js';
import { dashboardSource } from './grafana.js';
import { grafanaSettings, withIgnore } from './configs.js';
import { compareCodeUnits, compareText } from '../text-order.js';

/** Where the import writes, relative to the definitions folder. */
export const CATALOGUE_FILE = 'catalogue.ts';
export const INDEX_FILE = 'index.ts';
export const RULES_FOLDER = 'rules';
export const ALERTMANAGER_FILE = 'alertmanager.ts';
export const DASHBOARDS_FOLDER = 'dashboards';

/** Buckets a histogram gets when no exposition says: the Prometheus client libraries' default. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The bounds the rules name that the default lacks (src/import/le-bounds.ts). */
function addedBounds(metric: InferredMetric): number[] {
  return (metric.ruleBounds ?? []).filter((b) => !DEFAULT_BUCKETS.includes(b));
}

/**
 * An imported histogram's buckets: the exposition's, else the client libraries' default with every
 * bound the rules' `le` matchers name (so that they select buckets it has), sorted.
 */
export function importedBuckets(metric: InferredMetric): number[] {
  return metric.buckets ?? [...DEFAULT_BUCKETS, ...addedBounds(metric)].sort((a, b) => a - b);
}

/** The guess an imported histogram's buckets are, when no exposition gave them. */
function bucketsGuess(metric: InferredMetric): string {
  const added = addedBounds(metric);
  return added.length > 0
    ? `buckets: the client libraries' default, with the bounds the rules name (${added.join(', ')}) (no exposition gave them)`
    : "buckets: the client libraries' default (no exposition gave them)";
}
export const UNKNOWN_HELP = 'unknown: imported from rule expressions (give --metrics to read HELP)';

const nonEmpty = <T extends object>(value: T): T | undefined => (Object.keys(value).length > 0 ? value : undefined);

function ignoreValue(ignore: ImportedIgnore | undefined): TsValue | undefined {
  return ignore && Object.keys(ignore).length > 0 ? Object.fromEntries(Object.entries(ignore).sort(([a], [b]) => compareCodeUnits(a, b))) : undefined;
}

function testsValue(cases: ReadonlyArray<ImportedAlertCase | ImportedRecordCase> | undefined): TsValue | undefined {
  if (!cases || cases.length === 0) return undefined;
  return cases.map((c) => ({
    name: c.name,
    interval: c.interval,
    input: c.input.map((s) => ({ series: s.series, values: s.values })),
    ...('quietAt' in c && c.quietAt ? { quietAt: c.quietAt } : {}),
    at: c.at,
    expect: c.expect.map((e) => ({
      labels: e.labels && nonEmpty(e.labels),
      ...('annotations' in e ? { annotations: e.annotations && nonEmpty(e.annotations) } : {}),
      ...('value' in e ? { value: e.value } : {}),
    })),
  }));
}

const hasSummaryAndDescription = (rule: ImportedRule) => rule.annotations['summary'] !== undefined && rule.annotations['description'] !== undefined;

function ruleCall(rule: ImportedRule, project: ImportedProject): string {
  const tests = testsValue(project.tests.get(rule));
  const ignore = ignoreValue(project.ignores.get(rule));
  const testInterval = project.testIntervals.get(rule);
  if (rule.kind === 'record') {
    return `record(${tsValue({ name: rule.name, expr: rule.expr, labels: nonEmpty(rule.labels), tests, testInterval, ignore })})`;
  }
  // alert()'s type wants a summary and a description; an input without them keeps its annotations
  // as written, said so by a cast (and by the ignore of alert/annotations the stages found).
  const annotations = hasSummaryAndDescription(rule)
    ? rule.annotations
    : code(`${tsValue(rule.annotations, 2)} as Partial<AlertOptions['annotations']> as AlertOptions['annotations']`);
  return `alert(${tsValue({
    name: rule.name,
    expr: rule.expr,
    for: rule.for,
    keepFiringFor: rule.keepFiringFor,
    labels: rule.labels,
    annotations,
    tests,
    testInterval,
    ignore,
  })})`;
}

/** A file name per group, unique (groups of different input files may share a name). */
function groupFileNames(groups: readonly ImportedGroup[]): Map<ImportedGroup, string> {
  const names = uniqueFileNames(groups.map((g) => g.name));
  return new Map(groups.map((g, i) => [g, names[i]!]));
}

/** Safe file names for the given names, in order, made unique with `-2`, `-3`, … */
function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((n) => {
    const stem = safeFileName(n);
    let name = stem;
    for (let i = 2; taken.has(name); i++) name = `${stem}-${i}`;
    taken.add(name);
    return name;
  });
}

function header(lines: string[]): string {
  return `${lines.map((l) => tsComment(l)).join('\n')}\n`;
}

/** A definition's place in a file import writes: the line its `export const <name> = …(` starts on, found once the file is laid out. */
interface Marker {
  owner: object;
  path: string;
  /** The start of its line: `export const shopDown = `. */
  line: string;
}

function groupFile(group: ImportedGroup, groupConst: string, project: ImportedProject, path: string, markers: Marker[]): string {
  const taken = new Set<string>([groupConst, 'alert', 'record', 'ruleGroup']);
  const parts: string[] = [];
  const members: string[] = [];
  const apiNames = new Set<string>(['ruleGroup']);
  for (const rule of group.rules) {
    const raw = project.raw.get(rule);
    if (raw !== undefined) {
      parts.push(`${tsComment(`kept raw: ${rule.kind} ${rule.name}: ${raw}`)}\n${tsComment(ruleCall(rule, project))}`);
      continue;
    }
    apiNames.add(rule.kind);
    if (rule.kind === 'alert' && !hasSummaryAndDescription(rule)) apiNames.add('type AlertOptions');
    const id = identifier(rule.name, taken);
    members.push(id);
    markers.push({ owner: rule, path, line: `export const ${id} = ` });
    parts.push(`export const ${id} = ${ruleCall(rule, project)};`);
  }
  markers.push({ owner: group, path, line: `export const ${groupConst} = ` });
  const origin = group.origin !== undefined ? ` (${group.origin})` : '';
  const imports = [...apiNames].sort((a, b) => compareText(a.replace('type ', ''), b.replace('type ', '')));
  const call = `export const ${groupConst} = ruleGroup(${tsValue({
    name: group.name,
    interval: group.interval,
    limit: group.limit,
    labels: group.labels,
    sourceTenants: group.sourceTenants,
    partialResponseStrategy: group.partialResponseStrategy,
    rules: members.map(code),
    ignore: ignoreValue(project.ignores.get(group)),
  })});`;
  return [
    header([`Rule group ${group.name}, imported by \`totem-mon import\` from ${group.file}${origin}.`]),
    `import { ${imports.join(', ')} } from 'totem-mon';\n`,
    ...parts.map((p) => `${p}\n`),
    `${call}\n`,
  ].join('\n');
}

function metricCall(metric: InferredMetric, ignore: ImportedIgnore | undefined): string {
  const options = {
    name: metric.name,
    help: metric.help ?? UNKNOWN_HELP,
    labels: metric.labels.length > 0 ? metric.labels : undefined,
    ...(metric.type === 'histogram' ? { buckets: importedBuckets(metric) } : {}),
    exporter: metric.exporter,
    ignore: ignoreValue(ignore),
  };
  return `${metric.type}(${tsValue(options)})`;
}

function catalogueFile(metrics: readonly InferredMetric[], ignores: ImportedProject['ignores'], markers: Marker[]): string {
  const taken = new Set<string>(['catalogue']);
  const ids: string[] = [];
  const parts = metrics.map((metric) => {
    const id = identifier(metric.name, taken, 'metric');
    ids.push(id);
    markers.push({ owner: metric, path: CATALOGUE_FILE, line: `export const ${id} = ` });
    const guesses = [...metric.why, ...(metric.type === 'histogram' && !metric.buckets ? [bucketsGuess(metric)] : [])];
    const comments = [...(metric.from !== undefined ? [`from the exposition ${metric.from}: type, help${metric.buckets ? ', buckets' : ''}`] : []), ...guesses.map((g) => `guess: ${g}`)];
    return `${comments.map((c) => tsComment(c)).join('\n')}\nexport const ${id} = ${metricCall(metric, ignores.get(metric))};\n`;
  });
  const types = [...new Set(metrics.map((m) => m.type))].sort();
  return [
    header([
      'The metric catalogue, inferred by `totem-mon import` from the rules\' expressions: names and label sets',
      'from their selectors and by/without/on/ignoring clauses, types by the Prometheus naming conventions.',
      'Review every "guess:" line; `totem-mon check-metrics <url>` compares it with what a target exposes.',
    ]),
    `import { ${[...types, 'type AnyMetric'].join(', ')} } from 'totem-mon';\n`,
    ...parts,
    `export const catalogue: AnyMetric[] = ${tsValue(ids.map(code))};\n`,
  ].join('\n');
}

function indexFile(project: ImportedProject, groups: Array<{ constName: string; fileName: string }>, dashboards: Array<{ constName: string; fileName: string }>): string {
  const imports = groups.map((g) => `import { ${g.constName} } from './${RULES_FOLDER}/${g.fileName}.js';`);
  const { alertmanagers, ...global } = project.prometheus;
  if (project.alertmanager) imports.push(`import { ${project.alertmanager.exportName} } from './${ALERTMANAGER_FILE.replace(/\.ts$/, '.js')}';`);
  imports.push(...dashboards.map((d) => `import { ${d.constName} } from './${DASHBOARDS_FOLDER}/${d.fileName}.js';`));
  const rulers = [
    ...(project.mimirNamespace !== undefined ? [{ name: 'mimir', call: `mimir(${tsValue({ namespace: project.mimirNamespace })})` }] : []),
    ...(project.thanos ? [{ name: 'thanos', call: 'thanos()' }] : []),
  ];
  const outputs = rulers.length > 0 ? [code('files()'), ...rulers.map((r) => code(r.call))] : undefined;
  const options = {
    name: project.name,
    metrics: code('catalogue'),
    prometheus: { global: nonEmpty(global), alertmanagers, scrapeJobs: [] },
    ruleGroups: groups.map((g) => code(g.constName)),
    alertmanager: project.alertmanager ? code(project.alertmanager.exportName) : undefined,
    versions: project.alertmanager?.version !== undefined ? { alertmanager: project.alertmanager.version } : undefined,
    dashboards: dashboards.length > 0 ? dashboards.map((d) => code(d.constName)) : undefined,
    outputs,
    // The data sources and the dashboards' data source drop-down label are project settings here.
    grafana: grafanaSettings(project),
  };
  return [
    header(['The project `totem-mon import` wrote: its rule groups, Alertmanager configuration and dashboards, and the catalogue their expressions use.']),
    [`import { ${['defineProject', ...(rulers.length > 0 ? ['files'] : []), ...rulers.map((r) => r.name)].join(', ')} } from 'totem-mon';`, `import { catalogue } from './catalogue.js';`, ...imports].join('\n') + '\n',
    `export default defineProject(${tsValue(options)});\n`,
  ].join('\n');
}

/** Every definitions file of the imported project, sorted by path. */
export function definitionFiles(project: ImportedProject): ImportedFile[] {
  return definitionFilesAndSites(project).files;
}

/** Where a definition is written: its file (relative to the definitions folder) and the line its builder call starts on. */
export interface DefinitionSite {
  path: string;
  line: number;
  column: number;
}

/**
 * The files, and where each definition is in them: each rule, rule group, catalogue metric, the
 * Alertmanager configuration and each dashboard by its imported object; the project itself
 * (index.ts's `defineProject(`) under PROJECT_SITE.
 */
export function definitionFilesAndSites(project: ImportedProject): { files: ImportedFile[]; sites: Map<object, DefinitionSite> } {
  const markers: Marker[] = [];
  const files = laidOut(project, markers);
  const byPath = new Map(files.map((f) => [f.path, f.content.split('\n')]));
  const sites = new Map<object, DefinitionSite>();
  for (const m of markers) {
    const index = byPath.get(m.path)?.findIndex((l) => l.startsWith(m.line)) ?? -1;
    // The column of the builder's name (`alert(` after `export const x = `, `defineProject(` after `export default `).
    if (index >= 0) sites.set(m.owner, { path: m.path, line: index + 1, column: m.line.endsWith('(') ? 'export default '.length + 1 : m.line.length + 1 });
  }
  return { files, sites };
}

/** The key of index.ts's `defineProject(` among the sites: what belongs to no other definition (the project's name, prometheus, versions, grafana). */
export const PROJECT_SITE: object = Object.freeze({ site: 'project' });

function laidOut(project: ImportedProject, markers: Marker[]): ImportedFile[] {
  const fileNames = groupFileNames(project.groups);
  // The Alertmanager configuration's and the dashboards' constants were named when imported.
  const taken = new Set<string>(['catalogue', 'defineProject', ...(project.alertmanager ? [project.alertmanager.exportName] : []), ...project.dashboards.map((d) => d.exportName)]);
  const groups = project.groups.map((group) => ({ group, fileName: fileNames.get(group)!, constName: identifier(group.name, taken, 'group') }));
  const dashboardNames = uniqueFileNames(project.dashboards.map((d) => d.title || d.exportName));
  const dashboards = project.dashboards.map((d, i) => ({ dashboard: d, fileName: dashboardNames[i]!, constName: d.exportName }));
  const am = project.alertmanager;
  const files: ImportedFile[] = [
    ...groups.map((g) => ({ path: `${RULES_FOLDER}/${g.fileName}.ts`, content: groupFile(g.group, g.constName, project, `${RULES_FOLDER}/${g.fileName}.ts`, markers) })),
    ...(am ? [{ path: ALERTMANAGER_FILE, content: alertmanagerSource(withIgnore(am.value, project.ignores.get(am)), am.exportName, am.file, am.notes) }] : []),
    ...dashboards.map((d) => ({
      path: `${DASHBOARDS_FOLDER}/${d.fileName}.ts`,
      content: dashboardSource({ ...d.dashboard, value: withIgnore(d.dashboard.value, project.ignores.get(d.dashboard)) }, d.dashboard.file),
    })),
    { path: CATALOGUE_FILE, content: catalogueFile(project.metrics, project.ignores, markers) },
    { path: INDEX_FILE, content: indexFile(project, groups, dashboards) },
  ];
  if (am) markers.push({ owner: am, path: ALERTMANAGER_FILE, line: `export const ${am.exportName} = ` });
  for (const d of dashboards) markers.push({ owner: d.dashboard, path: `${DASHBOARDS_FOLDER}/${d.fileName}.ts`, line: `export const ${d.constName} = ` });
  markers.push({ owner: PROJECT_SITE, path: INDEX_FILE, line: 'export default defineProject(' });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
