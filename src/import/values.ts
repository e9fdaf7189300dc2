/**
 * The imported project as API values (what its definitions evaluate to), to run the stages on it
 * in memory before anything is written: which checks its rules break on purpose, and whether the
 * result generates.
 */
import { alert, record, ruleGroup, type AlertOptions, type Rule } from '../api/rules.js';
import { counter, gauge, histogram, summary, type AnyMetric } from '../api/metrics.js';
import { defineProject, type Project, type ProjectOptions } from '../api/project.js';
import { files, mimir, thanos } from '../api/outputs.js';
import type { Ignore } from '../api/lint.js';
import type { GrafanaOptions } from '../api/config.js';
import type { AlertmanagerVersion } from '../api/versions.js';
import type { AlertTestCase, RecordTestCase } from '../api/tests.js';
import type { InferredMetric } from './catalogue.js';
import { importedBuckets, UNKNOWN_HELP } from './definitions.js';
import type { ImportedIgnore, ImportedProject } from './project.js';
import { alertmanagerValue, dashboardValue, grafanaSettings } from './configs.js';
import { withAssignedSource } from '../api/source.js';
import type { SourceRef } from '../diagnostic.js';
import { PROJECT_SITE } from './definitions.js';

/**
 * Where each definition will be written, as its source (the file import writes, the line of its
 * builder call): src/app/import.ts. Undefined: nowhere known, and no source at all.
 */
export type PlaceOf = (owner: object) => SourceRef | undefined;

const ignoreOf = (ignore: ImportedIgnore | undefined) => (ignore && Object.keys(ignore).length > 0 ? { ignore: ignore as Ignore } : {});

function metricValue(metric: InferredMetric, ignore: ImportedIgnore | undefined, place: PlaceOf): AnyMetric {
  return withAssignedSource(place(metric), () => metricBuilt(metric, ignore));
}

function metricBuilt(metric: InferredMetric, ignore: ImportedIgnore | undefined): AnyMetric {
  const base = {
    name: metric.name,
    help: metric.help ?? UNKNOWN_HELP,
    labels: metric.labels,
    ...(metric.exporter !== undefined ? { exporter: metric.exporter } : {}),
    ...ignoreOf(ignore),
  };
  if (metric.type === 'histogram') return histogram({ ...base, buckets: importedBuckets(metric) });
  if (metric.type === 'summary') return summary(base);
  return metric.type === 'counter' ? counter(base) : gauge(base);
}

function prometheusValue(project: ImportedProject): ProjectOptions['prometheus'] {
  const { alertmanagers, ...global } = project.prometheus;
  return { ...(Object.keys(global).length > 0 ? { global } : {}), ...(alertmanagers ? { alertmanagers } : {}), scrapeJobs: [] };
}

/**
 * The project's value. The builders it calls are totem-mon's own code called by totem-mon, so no
 * stack frame is the definition's: each definition's source is where `place` says it will be
 * written (none without it), never a frame of totem-mon's runner (bin/run-bundle.js) or a test.
 */
export function projectValue(project: ImportedProject, place: PlaceOf = () => undefined): Project {
  return withAssignedSource(place(PROJECT_SITE), () => projectBuilt(project, place));
}

function projectBuilt(project: ImportedProject, place: PlaceOf): Project {
  const ruleGroups = project.groups.map((group) => {
    const rules: Rule[] = group.rules
      .filter((rule) => !project.raw.has(rule))
      .map((rule) => {
        const tests = project.tests.get(rule);
        const testInterval = project.testIntervals.get(rule);
        const common = { ...(tests && tests.length > 0 ? { tests } : {}), ...(testInterval ? { testInterval } : {}), ...ignoreOf(project.ignores.get(rule)) };
        return withAssignedSource(place(rule), (): Rule => {
          if (rule.kind === 'record') {
            return record({ name: rule.name, expr: rule.expr, ...(Object.keys(rule.labels).length > 0 ? { labels: rule.labels } : {}), ...(common as { tests?: RecordTestCase[] }) });
          }
          return alert({
            name: rule.name,
            expr: rule.expr,
            ...(rule.for !== undefined ? { for: rule.for } : {}),
            ...(rule.keepFiringFor !== undefined ? { keepFiringFor: rule.keepFiringFor } : {}),
            labels: rule.labels as AlertOptions['labels'],
            annotations: rule.annotations as AlertOptions['annotations'],
            ...(common as { tests?: AlertTestCase[] }),
          });
        });
      });
    const { interval, limit, sourceTenants, partialResponseStrategy } = group;
    return withAssignedSource(place(group), () => ruleGroup({
      name: group.name,
      ...(interval !== undefined ? { interval } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(sourceTenants !== undefined ? { sourceTenants } : {}),
      ...(partialResponseStrategy !== undefined ? { partialResponseStrategy } : {}),
      rules,
      ...ignoreOf(project.ignores.get(group)),
    }));
  });
  return defineProject({
    name: project.name,
    metrics: project.metrics.map((m) => metricValue(m, project.ignores.get(m), place)),
    prometheus: prometheusValue(project),
    ruleGroups,
    ...(project.alertmanager ? { alertmanager: withAssignedSource(place(project.alertmanager), () => alertmanagerValue(project.alertmanager!, project.ignores.get(project.alertmanager!))) } : {}),
    ...(project.alertmanager?.version !== undefined ? { versions: { alertmanager: project.alertmanager.version as AlertmanagerVersion } } : {}),
    ...(project.dashboards.length > 0 ? { dashboards: project.dashboards.map((d) => withAssignedSource(place(d), () => dashboardValue(d, project.ignores.get(d)))) } : {}),
    ...(project.mimirNamespace !== undefined || project.thanos
      ? { outputs: [files(), ...(project.mimirNamespace !== undefined ? [mimir({ namespace: project.mimirNamespace })] : []), ...(project.thanos ? [thanos()] : [])] }
      : {}),
    ...(grafanaSettings(project) !== undefined ? { grafana: grafanaSettings(project) as GrafanaOptions } : {}),
  });
}
