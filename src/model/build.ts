import { buildOutputs } from './outputs.js';
import { targetVersions } from './versions.js';
import type { ProjectInput } from './schema/project.js';
import type { AlertInput, RecordInput } from './schema/rules.js';
import { DEFAULT_TEST_INTERVAL, type AlertModel, type MetricModel, type Model, type RecordModel, type RuleGroupModel, type ScrapeJobModel, type TestCaseModel } from './types.js';
import { safeFileName } from './names.js';
import { durationMs } from '../duration.js';
import { DEFAULT_SCRAPE_INTERVAL } from './scrape-facts.js';
import { defined } from './build-helpers.js';
import { located } from './located.js';
import { pathSteps } from './definition-path.js';
import { buildAlertmanager } from './build-alertmanager.js';
import { buildDashboards } from './build-dashboards.js';
import { composeProject } from './compose.js';
import type { CheckSetting } from '../check-ids.js';
import { buildScrapeJob } from './build-scrape.js';
import { buildHealthChecks, DEFAULT_BLACKBOX_EXPORTER, missingBlackboxMetrics } from './health.js';
import { buildSlo, type SloModel } from './slo.js';
import { exposedByGeneratedPython, pythonLabelNumber } from '../instrument/exposition.js';
import { sloRuleGroups } from './slo-rules.js';
import { syntaxAlone, type SyntaxOf } from './promql-table.js';
import { buildDocs, runbookFile, runbookUrl } from './docs.js';
import { DEFAULT_OUT_DIR, grafanaSettings } from './settings.js';
import { sloDashboard } from './slo-dashboard.js';

// Prometheus's own defaults, written out so the generated files say what is in force. Not the
// scrape timeout: Prometheus's default is min(10s, scrape interval), and a written 10s would be
// refused under a shorter interval (scrape-facts.ts scrapeTimeoutMs).
export const DEFAULT_EVALUATION_INTERVAL = '1m';


/** A rule's test cases with the defaults applied, so no later stage has to know them. */
function buildTests<T extends { interval?: string }>(tests: readonly T[] | undefined): TestCaseModel<T>[] {
  // Object.assign, not `{ ...t, interval }`: a hidden class per test case otherwise (src/model/compose.ts).
  return (tests ?? []).map((t) => Object.assign({}, t, { interval: t.interval ?? DEFAULT_TEST_INTERVAL }));
}

function buildAlert(rule: AlertInput, group: string, path: string[], runbookBase: string | undefined): AlertModel {
  const annotations = defined(rule.annotations) as Record<string, string>;
  // `docs.runbookBase`: an alert without its own runbook_url points at its generated runbook.
  if (runbookBase !== undefined && annotations['runbook_url'] === undefined) annotations['runbook_url'] = runbookUrl(runbookBase, runbookFile(rule.name));
  return {
    kind: 'alert',
    name: rule.name,
    expr: rule.expr,
    ...(rule.for !== undefined ? { for: rule.for } : {}),
    ...(rule.keepFiringFor !== undefined ? { keepFiringFor: rule.keepFiringFor } : {}),
    labels: rule.labels,
    annotations,
    tests: buildTests(rule.tests),
    ...(rule.testInterval !== undefined ? { testInterval: rule.testInterval } : {}),
    group,
    ...located(rule, path),
  };
}

function buildRecord(rule: RecordInput, group: string, path: string[]): RecordModel {
  const testInterval = rule.testInterval !== undefined ? { testInterval: rule.testInterval } : {};
  return { kind: 'record', name: rule.name, expr: rule.expr, labels: rule.labels ?? {}, tests: buildTests(rule.tests), ...testInterval, group, ...located(rule, path) };
}

/**
 * A latency SLI's threshold as the `le` its histogram is exposed with, where the project's own
 * instrumentation settles it (the generated Python module: `1.0` for 1): the generated tests feed
 * the bucket series the application exposes, not the Go clients' `1`.
 */
/** Each rule of a group with its path step: its name, counted when the group has another of that name. */
function ruleSteps<R extends { name: string }>(rules: readonly R[]): Array<{ rule: R; step: string }> {
  const steps = pathSteps(rules.map((r) => r.name));
  return rules.map((rule, i) => ({ rule, step: steps[i] ?? rule.name }));
}

function withExposedLe(slo: SloModel, project: ProjectInput): SloModel {
  const sli = slo.sli;
  if (sli.kind !== 'latency') return slo;
  const metric = project.metrics.find((m) => m.name === sli.histogram);
  if (!metric || !exposedByGeneratedPython(project, metric)) return slo;
  return { ...slo, sli: { ...sli, le: pythonLabelNumber(sli.threshold) } };
}

/** From the schema-checked input to the normalised model: defaults filled in, names resolved. */
export function buildModel(input: ProjectInput, entry: string, syntax: SyntaxOf = syntaxAlone): Model {
  // Teams, group labels and alert defaults written out on the rules and routes first (compose.ts).
  const project = composeProject(input);
  const global = project.prometheus.global ?? {};
  const scrapeInterval = global.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL;
  const evaluationInterval = global.evaluationInterval ?? DEFAULT_EVALUATION_INTERVAL;

  const metrics: MetricModel[] = project.metrics.map((m) => ({
    type: m.type,
    name: m.name,
    help: m.help,
    labels: [...m.labels],
    ...(m.unit !== undefined ? { unit: m.unit } : {}),
    ...(m.exporter !== undefined ? { exporter: m.exporter } : {}),
    ...(m.jobs !== undefined ? { jobs: m.jobs.map((j) => j.name) } : {}),
    ...(m.type === 'histogram' ? { buckets: [...m.buckets] } : {}),
    ...(m.type === 'summary' ? { quantiles: [...m.quantiles] } : {}),
    ...located(m, ['metrics', m.name]),
  }));

  const healthChecks = buildHealthChecks(project.healthChecks ?? []);
  const blackboxExporter = project.prometheus.blackboxExporter ?? DEFAULT_BLACKBOX_EXPORTER;
  metrics.push(...missingBlackboxMetrics(metrics, healthChecks));

  const scrapeJobs: ScrapeJobModel[] = project.prometheus.scrapeJobs.map((j) => buildScrapeJob(j, scrapeInterval));
  // Each health check is probed by a job of its own, through the blackbox exporter.
  scrapeJobs.push(...healthChecks.map((h): ScrapeJobModel => ({
    job: h.job,
    targets: [h.url],
    metricsPath: '/probe',
    interval: h.interval,
    intervalMs: h.intervalMs,
    timeout: h.timeout,
    scheme: 'http',
    labels: {},
    relabel: [],
    metricRelabel: [],
    probe: { module: h.module, exporter: blackboxExporter },
    // The job is the health check's: findings on it point at the healthCheck() call, its ignores apply.
    path: h.path,
    ...(h.source ? { source: h.source } : {}),
    ...(h.ignore ? { ignore: h.ignore } : {}),
  })));

  const ruleGroups: RuleGroupModel[] = (project.ruleGroups ?? []).map((g) => {
    const groupPath = ['ruleGroups', g.name];
    return {
      name: g.name,
      fileName: safeFileName(g.name),
      ...(g.interval !== undefined ? { interval: g.interval } : {}),
      intervalMs: durationMs(g.interval ?? evaluationInterval)!,
      ...(g.limit !== undefined ? { limit: g.limit } : {}),
      ...(g.sourceTenants !== undefined ? { sourceTenants: [...g.sourceTenants] } : {}),
      ...(g.partialResponseStrategy !== undefined ? { partialResponseStrategy: g.partialResponseStrategy } : {}),
      rules: ruleSteps(g.rules).map(({ rule: r, step }) =>
        r.kind === 'alert'
          ? buildAlert(r, g.name, groupPath.concat('rules', step), project.docs?.runbookBase)
          : buildRecord(r, g.name, groupPath.concat('rules', step)),
      ),
      ...located(g, groupPath),
    };
  });

  // SLOs compile to rule groups (and a dashboard) of the model: every check and compiler sees them.
  const slos = (project.slos ?? []).map((input) => withExposedLe(buildSlo(input), project));
  ruleGroups.push(...slos.flatMap((s) => sloRuleGroups(s, evaluationInterval, syntax)));
  // Rule file names are the user's only where rule files are written (the files and thanos profiles,
  // checked by rules/duplicate-group); elsewhere (mimir, PrometheusRules) they only name the files
  // validate hands promtool, which need to differ: `web` and `Web` become web.yml and web-2.yml.
  if (!writesRuleFiles(project.outputs)) distinctFileNames(ruleGroups);

  const alertmanager = project.alertmanager ? buildAlertmanager(project.alertmanager, global.externalLabels ?? {}) : undefined;
  return {
    name: project.name,
    entry,
    metrics,
    prometheus: {
      scrapeInterval,
      ...(global.scrapeTimeout !== undefined ? { scrapeTimeout: global.scrapeTimeout } : {}),
      evaluationInterval,
      externalLabels: global.externalLabels ?? {},
      scrapeJobs,
      alertmanagers: [...(project.prometheus.alertmanagers ?? [])],
      blackboxExporter,
    },
    ruleGroups,
    ...(alertmanager ? { alertmanager } : {}),
    dashboards: buildDashboards([...(project.dashboards ?? []), ...[sloDashboard(slos)].filter((d) => d !== undefined)]),
    healthChecks,
    slos,
    ...(project.docs ? { docs: buildDocs(project.docs) } : {}),
    ...(project.instrument ? { instrument: project.instrument } : {}),
    notSecrets: (project.secrets?.allow ?? []).map((a, i) => ({
      value: a.value,
      reason: a.reason,
      ...located(a, ['secrets', `allow[${i}]`]),
    })),
    lint: { checks: { ...(project.lint?.checks ?? {}) } as Record<string, CheckSetting> },
    grafana: grafanaSettings(project.name, { grafana: project.grafana, source: project.source }),
    outDir: DEFAULT_OUT_DIR,
    outputs: buildOutputs(project.outputs, project.name),
    versions: targetVersions([{ versions: project.versions, origin: 'project' }]),
  };
}

/** Whether the outputs (default: the files profile) write a rule file per group. */
function writesRuleFiles(outputs: readonly { profile: string }[] | undefined): boolean {
  return outputs === undefined || outputs.some((o) => o.profile === 'files' || o.profile === 'thanos');
}

/** Each group's file name made distinct from the earlier ones', ignoring case, with -2, -3, … */
function distinctFileNames(groups: RuleGroupModel[]): void {
  const taken = new Set<string>();
  groups.forEach((g, i) => {
    let name = g.fileName;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${g.fileName}-${n}`;
    taken.add(name.toLowerCase());
    if (name !== g.fileName) groups[i] = { ...g, fileName: name };
  });
}
