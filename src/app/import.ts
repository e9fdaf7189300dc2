/**
 * `totem-mon import <files or folders…>`: existing monitoring files in, definitions out.
 *
 *   read inputs (src/io) → detect each document's kind → importers (src/import, pure: parsed
 *   documents in, plain imported data and report items out) → catalogue inference → the stages in
 *   memory on the result (which checks the input breaks on purpose: those get an `ignore` naming
 *   the reason) → TypeScript files → written through src/io (never over a file without `force`).
 */
import path from 'node:path';
import { hasErrors, UsageError, type Diagnostic, type SourceRef } from '../diagnostic.js';
import { expandRuleFiles, readInputFiles, readText } from '../io/import-inputs.js';
import { existingFiles, writeFilesAtomically } from '../io/new-files.js';
import { detectDocuments, type InputDocument } from '../import/detect.js';
import { readRuleGroups, type ImportedGroup, type ImportedRule } from '../import/rule-groups.js';
import { inferCatalogue, type InferredMetric, type RuleUse } from '../import/catalogue.js';
import { CATALOGUE_FILE, definitionFiles, definitionFilesAndSites, PROJECT_SITE } from '../import/definitions.js';
import { withAssignedSource } from '../api/source.js';
import type { AlertmanagerVersion } from '../api/versions.js';
import { rememberCallSite } from '../source-sites.js';
import { atPropertyLines } from '../io/property-locations.js';
import { withExposition } from '../import/exposition.js';
import { parseExposition, type Family } from '../exposition/families.js';
import { readExposition } from './check-metrics.js';
import { projectValue } from '../import/values.js';
import type { ImportedAlertmanager, ImportedDashboard, ImportedProject } from '../import/project.js';
import { readConfigs } from '../import/configs.js';
import { readTemplates, type TemplatesRead } from '../io/templates.js';
import { mapPromtoolTests, type LoadedRuleFiles, type TestsMapped } from '../import/promtool-tests.js';
import { importDatasources } from '../import/grafana-datasources.js';
import { readPrometheusConfig, type ImportedPrometheus } from '../import/prometheus-config.js';
import { withoutCopies } from '../import/copies.js';
import { durationMs } from '../duration.js';
import { DEFAULT_EVALUATION_INTERVAL } from '../model/build.js';
import { pathSteps } from '../model/definition-path.js';
import type { ImportItem, ImportedFile } from '../import/report.js';
import { fromProject } from './stages.js';
import { KeptParses } from '../promql/kept-parses.js';
import { projectName } from './init.js';

export interface ImportOptions {
  inputs: readonly string[];
  /** The definitions folder to write into (default `definitions`). */
  into: string;
  /** Overwrite files that exist there already. */
  force?: boolean;
  /** Write nothing: only report (and return the files). */
  dryRun?: boolean;
  /** The project's name (default: the name of the folder holding `into`). */
  name?: string;
  /** An exposition (http(s) URL or file) whose TYPE, HELP and buckets replace the catalogue's guesses. */
  metrics?: string;
  /**
   * The Alertmanager release the project will be judged for: totem-mon.config.ts's
   * `versions.alertmanager` (src/cli/import.ts), else the default. An input's `group_by: []` is
   * imported with the meaning it has there.
   */
  alertmanagerTarget?: string;
}

export interface ImportResult {
  items: ImportItem[];
  /** The definitions files, relative to `into`. */
  files: ImportedFile[];
  /** Files written (relative to `into`); empty when some existed (without force) or with dryRun. */
  written: string[];
  /** Files that existed already: overwritten with force, else the reason nothing was written. */
  existing: string[];
  /** What the stages still report on the imported project (errors here mean it does not generate). */
  diagnostics: Diagnostic[];
}


/** Group names made unique (totem-mon writes one rule file per group): a renamed group is reported. */
function uniqueGroupNames(groups: ImportedGroup[], items: ImportItem[]): ImportedGroup[] {
  const seen = new Map<string, number>();
  return groups.map((group) => {
    const count = (seen.get(group.name) ?? 0) + 1;
    seen.set(group.name, count);
    if (count === 1) return group;
    const name = `${group.name}-${count}`;
    items.push({ status: 'guessed', file: group.file, path: group.path, what: `rule group ${group.name}`, reason: `renamed ${name}: another input has a group of that name, and each group is a rule file of its own` });
    return { ...group, name };
  });
}

type Owner = ImportedRule | ImportedGroup | InferredMetric | ImportedDashboard | ImportedAlertmanager;

/** The definition a finding's path is about: a rule, its group, a catalogue metric, a dashboard or the Alertmanager configuration. */
function ownerOf(project: ImportedProject, at: readonly string[]): Owner | undefined {
  if (at[0] === 'metrics') return project.metrics.find((m) => m.name === at[1]);
  if (at[0] === 'alertmanager') return project.alertmanager;
  if (at[0] === 'dashboards') return project.dashboards.find((d) => d.title === at[1]);
  if (at[0] !== 'ruleGroups') return undefined;
  const group = project.groups.find((g) => g.name === at[1]);
  if (!group || at[2] !== 'rules' || at[3] === undefined) return group;
  // The rules written (those kept raw are comments), named as the model names them: a second rule of
  // one name is `X (2)` (pathSteps), so the ignore lands on the rule the finding is about.
  const written = group.rules.filter((r) => !project.raw.has(r));
  const steps = pathSteps(written.map((r) => r.name));
  return written[steps.indexOf(at[3])] ?? group;
}

function describeOwner(owner: Owner): string {
  if ('declarations' in owner) return `dashboard "${owner.title}"`;
  if ('notes' in owner) return 'Alertmanager configuration';
  if ('kind' in owner) return `${owner.kind === 'alert' ? 'alert' : 'recording rule'} ${owner.name}`;
  if ('rules' in owner) return `rule group ${owner.name}`;
  return `metric ${owner.name}`;
}

/**
 * Runs the stages on the imported project; each error-level check finding becomes an `ignore` on
 * the definition it is about, with the finding as the reason (the user's rule is kept as written).
 * Repeated until nothing new appears: an ignore can uncover nothing, but a finding path may lead
 * to a definition only once its neighbour is quiet.
 */
function ignoreWhatTheInputBreaks(project: ImportedProject, into: string, entry: string, items: ImportItem[], templates: () => TemplatesRead, parses: KeptParses, alertmanagerTarget?: string): Diagnostic[] {
  // Judged as generate will judge the files: with the config's versions.alertmanager, when it sets one
  // (the project's own `versions`, written when the input needs a release, win as they do there).
  const settings = alertmanagerTarget !== undefined ? { settings: { versions: { alertmanager: alertmanagerTarget as AlertmanagerVersion } } } : {};
  for (let round = 0; round < 3; round++) {
    const result = checkWritten(project, into, { entry, templates, early: parses, ...settings });
    let added = false;
    for (const d of result.diagnostics) {
      if (d.severity !== 'error' || !d.path || d.id === 'schema' || !d.id.includes('/')) continue;
      const owner = ownerOf(project, d.path);
      if (!owner) continue;
      const ignore = project.ignores.get(owner) ?? {};
      if (ignore[d.id] !== undefined) continue;
      // A metric is the inference's, from how the rules use it; a rule or group is the user's, as written.
      ignore[d.id] = `${'why' in owner ? 'inferred from the rules as written' : 'imported as written'}: ${d.message}`;
      project.ignores.set(owner, ignore);
      added = true;
      const file = 'rules' in owner || 'declarations' in owner || 'notes' in owner ? owner.file : 'kind' in owner ? (project.groups.find((g) => g.rules.includes(owner))?.file ?? '') : 'catalogue.ts';
      items.push({ status: 'converted', file, ...('path' in owner ? { path: owner.path } : {}), what: describeOwner(owner), check: d.id, reason: `breaks ${d.id} (${d.message}); written with an ignore naming it` });
    }
    if (!added) return result.diagnostics;
  }
  return checkWritten(project, into, { entry, templates, early: parses, ...settings }).diagnostics;
}

/**
 * The stages on the project's value, each definition's source where it will be written (`<into>/rules/api.ts`,
 * the line of its builder call in the file as it is laid out now, ignores included), as the
 * findings on the definitions once written would name it: never totem-mon's own code, nor the
 * runner or test that called it (the stack holds no definition file). Rounds that add ignores lay
 * the files out again.
 */
function checkWritten(project: ImportedProject, into: string, options: Parameters<typeof fromProject>[1]) {
  const { files, sites } = definitionFilesAndSites(project);
  // Relative to the folder that holds the definitions folder, as generate's loader names them
  // (src/io/loader/loader-process.ts): the same words however --into was spelt, an ignore's
  // reason written into the files (`first in group shop, definitions/rules/shop.ts:5`) included.
  const folder = path.basename(path.resolve(into));
  // Each place is the builder call of a file as it will be written: findings about a property below
  // it point at the property's line in that text (src/io/property-locations.ts), as generate's will
  // once the files are written, not at the definition's first line.
  const absolute = (file: string) => path.resolve(into, file);
  const place = (owner: object): SourceRef | undefined => {
    const site = sites.get(owner);
    if (!site) return undefined;
    const source = { file: `${folder}/${site.path}`, line: site.line, column: site.column };
    rememberCallSite(source, { absolute: absolute(site.path) });
    return source;
  };
  // A builder the stages call themselves is placed at the project too, never at a frame of the stack.
  const result = withAssignedSource(place(PROJECT_SITE), () => fromProject(projectValue(project, place), options));
  const texts = new Map(files.map((f) => [absolute(f.path), f.content]));
  return { ...result, diagnostics: atPropertyLines(result.diagnostics, texts) };
}

/** The rule groups each input file holds (several documents of a file together). */
function groupsByFile(documents: readonly InputDocument[]): Map<string, ImportedGroup[]> {
  const byFile = new Map<string, ImportedGroup[]>();
  for (const doc of documents) {
    const { groups } = readRuleGroups([doc]);
    byFile.set(doc.file, [...(byFile.get(doc.file) ?? []), ...groups]);
  }
  return byFile;
}

/** Where each test file's `rule_files` lead: input files by their resolved path, others read from disk. */
function ruleFileLoader(documents: readonly InputDocument[]): { load: (doc: InputDocument) => LoadedRuleFiles; loadedFiles: Set<string> } {
  const byFile = groupsByFile(documents.filter((d) => d.kind === 'rule-file' || d.kind === 'prometheus-rule' || d.kind === 'mimir-namespace'));
  const byResolved = new Map([...byFile].map(([file, groups]) => [path.resolve(file), { file, groups }]));
  const loadedFiles = new Set<string>();
  const cache = new Map<string, ImportedGroup[]>();
  const load = (doc: InputDocument): LoadedRuleFiles => {
    const patterns = Array.isArray(doc.value['rule_files']) ? doc.value['rule_files'].map(String) : [];
    const groups: ImportedGroup[] = [];
    const missing: string[] = [];
    for (const pattern of patterns) {
      const files = expandRuleFiles(doc.file, pattern);
      if (files.length === 0) missing.push(pattern);
      for (const file of files) {
        const input = byResolved.get(path.resolve(file));
        if (input) {
          loadedFiles.add(input.file);
          groups.push(...input.groups);
          continue;
        }
        if (!cache.has(file)) cache.set(file, readRuleGroups(detectDocuments(file, readText(file)).documents).groups);
        groups.push(...cache.get(file)!);
      }
    }
    return { groups, missing };
  };
  return { load, loadedFiles };
}

/**
 * The global evaluation interval: prometheus.yml's; else the one every test file evaluates its
 * rules at, when they agree (a guess, reported).
 */
function evaluationInterval(project: ImportedProject, mapped: TestsMapped, items: ImportItem[]): void {
  const fromTests = [...new Set(mapped.evaluationIntervals.map((e) => e.interval))];
  if (project.prometheus.evaluationInterval === undefined && fromTests.length === 1 && fromTests[0] !== DEFAULT_EVALUATION_INTERVAL) {
    project.prometheus.evaluationInterval = fromTests[0]!;
    items.push({ status: 'guessed', file: mapped.evaluationIntervals[0]!.file, what: `evaluation interval ${fromTests[0]}`, reason: 'no prometheus.yml given: the global evaluation interval is the one the test files use' });
  }
  // A rule whose tests tick at another interval than its group keeps it (`testInterval`).
  const global = project.prometheus.evaluationInterval ?? DEFAULT_EVALUATION_INTERVAL;
  for (const group of project.groups) {
    for (const rule of group.rules) {
      const interval = mapped.testIntervals.get(rule);
      if (interval !== undefined && durationMs(interval) !== durationMs(group.interval ?? global)) project.testIntervals.set(rule, interval);
    }
  }
}

/**
 * The catalogue the rules and the dashboards' queries imply (without the names Grafana variables
 * stood in as), its guesses replaced by what an exposition says when one is given.
 */
async function inferredCatalogue(
  uses: readonly RuleUse[],
  placeholders: ReadonlySet<string>,
  source: string | undefined,
  parses: KeptParses,
): Promise<{ metrics: InferredMetric[]; items: ImportItem[] }> {
  const metrics = inferCatalogue(uses, (text) => parses.parse(text)).filter((m) => !placeholders.has(m.name));
  if (source === undefined) return { metrics, items: metrics.map((m) => ({ status: 'guessed', file: CATALOGUE_FILE, what: `metric ${m.name}`, reason: m.why.join('; ') })) };
  const text = await readExposition(source);
  let families: Family[];
  try {
    families = await parseExposition(text);
  } catch (error) {
    throw new UsageError(`${source} is not a metrics exposition: ${error instanceof Error ? error.message : String(error)}`, 2, 'give the /metrics URL of a target, or a file saved from one (text format 0.0.4)');
  }
  return withExposition(metrics, families, source);
}

export async function importFiles(options: ImportOptions): Promise<ImportResult> {
  const items: ImportItem[] = [];
  const documents: InputDocument[] = [];
  for (const input of readInputFiles(options.inputs)) {
    const detected = detectDocuments(input.file, input.text);
    documents.push(...detected.documents);
    items.push(...detected.problems);
  }
  const configs = readConfigs(documents, new Set(['catalogue', 'defineProject']), options.alertmanagerTarget);
  items.push(...configs.items);
  const datasources = importDatasources(documents);
  items.push(...datasources.items);
  const prometheus: ImportedPrometheus = {};
  for (const doc of documents.filter((d) => d.kind === 'prometheus-config')) {
    const read = readPrometheusConfig(doc);
    Object.assign(prometheus, read.prometheus);
    items.push(...read.items);
  }

  const read = readRuleGroups(documents);
  items.push(...read.items);
  const loader = ruleFileLoader(documents);
  const testDocs = documents.filter((d) => d.kind === 'promtool-tests');
  for (const doc of testDocs) loader.load(doc); // which input rule files are tests' copies
  const groups = uniqueGroupNames(withoutCopies(read.groups, loader.loadedFiles, items), items);
  const rules = groups.flatMap((g) => g.rules);
  const mapped = mapPromtoolTests(testDocs, groups, loader.load);
  items.push(...mapped.items);
  const dashboardUses = configs.queries.map((q): RuleUse => ({ kind: 'alert', name: `dashboard ${q.dashboard}`, expr: q.expr }));
  // Each expression parsed once for the inference and every run of the stages below (src/promql/kept-parses.ts).
  const parses = new KeptParses();
  const catalogue = await inferredCatalogue([...rules, ...dashboardUses], configs.placeholders, options.metrics, parses);
  items.push(...catalogue.items);
  const project: ImportedProject = {
    name: options.name ?? projectName(path.resolve(options.into, '..')),
    groups,
    metrics: catalogue.metrics,
    ...(configs.alertmanager ? { alertmanager: configs.alertmanager } : {}),
    dashboards: configs.dashboards,
    ...(Object.keys(datasources.settings).length > 0 ? { grafana: datasources.settings } : {}),
    prometheus,
    tests: mapped.tests,
    testIntervals: new Map(),
    ignores: new Map(),
    raw: new Map(),
  };
  evaluationInterval(project, mapped, items);
  // Federated groups (source_tenants) are Mimir's: the project gets the mimir profile beside the files.
  const federated = groups.find((g) => g.sourceTenants !== undefined);
  if (federated) {
    project.mimirNamespace = federated.origin ?? project.name;
    items.push({ status: 'converted', file: federated.file, what: `outputs: files() and mimir({ namespace: '${project.mimirNamespace}' })`, reason: 'federated rule groups (source_tenants) are written by the mimir profile' });
  }
  // Thanos's partial_response_strategy: written by the thanos profile (plain files have no place for it).
  const partial = groups.find((g) => g.partialResponseStrategy !== undefined);
  if (partial) {
    project.thanos = true;
    items.push({ status: 'converted', file: partial.file, what: 'outputs: files() and thanos()', reason: 'partial_response_strategy is written by the thanos profile' });
  }
  for (const group of groups) {
    for (const rule of group.rules) {
      if (rule.kind === 'alert' && !rule.labels['severity']) {
        project.raw.set(rule, 'it has no severity label, which totem-mon requires (routes match on it); add one and move it into the group');
      }
    }
  }
  const into = options.into.replace(/\\/g, '/').replace(/\/+$/, '');
  const entry = `${into}/index.ts`;
  // The notification templates the project will have (`<into>/../templates/*.tmpl`, where the report
  // asks to copy an Alertmanager configuration's): its templates' names are then known to the checks.
  const diagnostics = ignoreWhatTheInputBreaks(project, into, entry, items, () => readTemplates(options.into), parses, options.alertmanagerTarget);

  for (const group of groups) {
    for (const rule of group.rules) {
      const raw = project.raw.get(rule);
      const what = `${rule.kind === 'alert' ? 'alert' : 'recording rule'} ${rule.name}`;
      items.push(raw !== undefined ? { status: 'raw', file: group.file, path: rule.path, what, reason: raw } : { status: 'converted', file: group.file, path: rule.path, what });
    }
  }

  const files = definitionFiles(project);
  const existing = existingFiles(options.into, files.map((f) => f.path));
  const write = !options.dryRun && (existing.length === 0 || Boolean(options.force)) && !hasErrors(diagnostics.filter((d) => d.id === 'schema'));
  if (write) writeFilesAtomically(options.into, files, { overwrite: Boolean(options.force) });
  return { items, files, written: write ? files.map((f) => f.path) : [], existing, diagnostics };
}
