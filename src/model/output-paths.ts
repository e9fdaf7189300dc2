/**
 * The paths in out/ that definitions become, where a name turns into a file name: the compilers
 * write to these, and the checks about output paths (output/path-clash, output/portable-name) test
 * the very same paths, before anything is compiled.
 */
import type { AlertModel, Model, RecordModel, RuleGroupModel } from './types.js';
import type { DashboardModel } from './dashboard.js';
import { safeFileName } from './names.js';
import { runbookFile } from './docs.js';
import { resourceName } from './kubernetes-names.js';

export const RULES_DIR = 'prometheus/rules';
export const TESTS_DIR = 'prometheus/tests';
export const TEST_FILE_SUFFIX = '.test.yml';
export const RUNBOOKS_DIR = 'docs/alerts';
/** Alertmanager's notification templates, under out/ (alertmanager.yml loads `templates/*.tmpl`). */
export const ALERTMANAGER_TEMPLATES_DIR = 'alertmanager/templates';

/**
 * One character as case-insensitive file systems compare it (simple case folding: `K` the Kelvin
 * sign is `k`, `ſ` is `s`, but `ß` stays one letter).
 */
function foldChar(c: string): string {
  const upper = c.toUpperCase();
  return (upper.length === c.length ? upper : c).toLowerCase();
}

/**
 * A path as the file systems of macOS (APFS, HFS+) and Windows (NTFS) tell files apart: without
 * case, in one Unicode normalisation (NFC and NFD are one name), and, for Windows, without the final
 * dots and spaces of each part (it drops them). Two paths with one key are one file in such a checkout.
 */
export function fileSystemKey(file: string): string {
  // ASCII (nearly every path): lower case is the folding, and there is nothing to normalise.
  const folded = /^[\x20-\x7e]*$/.test(file) ? file.toLowerCase() : Array.from(file.normalize('NFC'), foldChar).join('');
  return /[. ](?:\/|$)/.test(folded) ? folded.replace(/[. ]+(?=\/|$)/g, '') : folded;
}

export function ruleFilePath(group: RuleGroupModel): string {
  return `${RULES_DIR}/${group.fileName}.yml`;
}

// The other profiles' files named after definitions (src/compile/prometheus-operator, rulers, grafana-kubernetes).
export const PROMETHEUS_OPERATOR_DIR = 'prometheus-operator';
export const MIMIR_DIR = 'mimir';
export const THANOS_RULES_DIR = 'thanos/rules';
export const GRAFANA_OPERATOR_DIR = 'grafana-operator';
export const GRAFANA_SIDECAR_DIR = 'grafana-sidecar';

/** The prometheus-operator profile's PrometheusRule of a group, named by its resource name. */
export function prometheusRulePath(group: Pick<RuleGroupModel, 'name'>, folder = PROMETHEUS_OPERATOR_DIR): string {
  return `${folder}/prometheusrules/${resourceName(group.name)}.yaml`;
}

/** The thanos profile's rule file of a group. */
export function thanosRuleFilePath(group: Pick<RuleGroupModel, 'fileName'>): string {
  return `${THANOS_RULES_DIR}/${group.fileName}.yml`;
}

/** The mimir profile's one file: every group, in the rule namespace. */
export function mimirNamespacePath(namespace: string): string {
  return `${MIMIR_DIR}/${safeFileName(namespace)}.yaml`;
}

/** A dashboard's GrafanaDashboard (grafana-operator profile). */
export function grafanaOperatorDashboardPath(dashboard: Pick<DashboardModel, 'uid'>): string {
  return `${GRAFANA_OPERATOR_DIR}/dashboards/${resourceName(dashboard.uid)}.yaml`;
}

/** A dashboard's ConfigMap (grafana-sidecar profile), and its name. */
export function grafanaSidecarDashboardName(dashboard: Pick<DashboardModel, 'uid'>): string {
  return `dashboard-${resourceName(dashboard.uid)}`;
}
export function grafanaSidecarDashboardPath(dashboard: Pick<DashboardModel, 'uid'>): string {
  return `${GRAFANA_SIDECAR_DIR}/dashboards/${grafanaSidecarDashboardName(dashboard)}.yaml`;
}

/** The runbook of every alert of this name: `docs/alerts/<name>.md`. */
export function runbookPath(alert: string): string {
  return `${RUNBOOKS_DIR}/${runbookFile(alert)}`;
}

/**
 * Each tested rule gets its own pair of files in `out/prometheus/tests/<group>/`:
 * `<rule>.rules.yml` holds that rule and the recording rules it reads (from any group, in their
 * groups), `<rule>.test.yml` its cases. promtool evaluates every loaded rule at every step of every
 * case, so loading only what the rule needs keeps `promtool test rules` fast, and an alert on a
 * recording rule of another group fires in its test as it does in Prometheus.
 */
export interface RuleTestFiles {
  rule: AlertModel | RecordModel;
  group: RuleGroupModel;
  /** Output paths, e.g. `prometheus/tests/api_alerts/higherrorrate.test.yml`. */
  test: string;
  rules: string;
}

/** Where each tested rule's files go; rules with the same file name in a group get `-2`, `-3`, … */
export function ruleTestFiles(model: Pick<Model, 'ruleGroups'>): RuleTestFiles[] {
  const out: RuleTestFiles[] = [];
  for (const group of model.ruleGroups) {
    const taken = new Set<string>();
    for (const rule of group.rules) {
      if (rule.tests.length === 0) continue;
      const stem = safeFileName(rule.name);
      let name = stem;
      for (let n = 2; taken.has(name); n++) name = `${stem}-${n}`;
      taken.add(name);
      const dir = `${TESTS_DIR}/${group.fileName}`;
      out.push({ rule, group, test: `${dir}/${name}${TEST_FILE_SUFFIX}`, rules: `${dir}/${name}.rules.yml` });
    }
  }
  return out;
}
