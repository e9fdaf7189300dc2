import type { Finding } from './check.js';
import type { Model } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { dashboardOutputPath } from '../model/dashboard.js';
import {
  ALERTMANAGER_TEMPLATES_DIR, TESTS_DIR, grafanaOperatorDashboardPath, grafanaSidecarDashboardPath, mimirNamespacePath, prometheusRulePath,
  ruleFilePath, ruleTestFiles, runbookPath, thanosRuleFilePath,
} from '../model/output-paths.js';

/** A definition and the files of out/ whose names it makes (output/path-clash, output/portable-name). */
export interface OutputOwner {
  /** "rule group", "alert", "rule", "dashboard", "template", "Mimir rule namespace": for messages. */
  what: string;
  /** The name users know it by, as messages show it. */
  name: string;
  /** One definition: owners with the same key are the same one (every alert of one name shares its runbook). */
  key: string;
  /** The output files it becomes, relative to out/ (as src/model/output-paths.ts names them). */
  files: string[];
  /** Folders of out/ its name makes, holding files of other owners (a rule group's folder of rule tests). */
  folders?: string[];
  where: Pick<Finding, 'path' | 'source'>;
}

/**
 * Every definition whose name becomes a file name, with the files the project's output profiles
 * really write for it (`outputs`: a file another profile would write is no file here), in the order
 * the definitions come: rule groups (the files profile's rule file and the folder of their rules'
 * tests, thanos's rule file, prometheus-operator's PrometheusRule), tested rules (files), the runbook
 * of each alert name (with `docs`, whatever the profiles), dashboards (files, grafana-operator,
 * grafana-sidecar), notification templates (files), the mimir rule namespace. The other output
 * files have fixed names.
 */
export function outputOwners(model: Model): OutputOwner[] {
  const profiles = new Set(model.outputs.map((o) => o.profile));
  const files = profiles.has('files');
  const tests = files ? ruleTestFiles(model) : [];
  const owners: OutputOwner[] = [];
  for (const g of model.ruleGroups) {
    const written = [
      ...(files ? [ruleFilePath(g)] : []),
      ...(profiles.has('thanos') ? [thanosRuleFilePath(g)] : []),
      ...(profiles.has('prometheus-operator') ? [prometheusRulePath(g)] : []),
    ];
    const folders = tests.some((t) => t.group === g) ? [`${TESTS_DIR}/${g.fileName}`] : [];
    if (written.length === 0 && folders.length === 0) continue;
    owners.push({ what: 'rule group', name: `"${g.name}"`, key: `group ${g.name}`, files: written, ...(folders.length > 0 ? { folders } : {}), where: locatedAt(g) });
  }
  for (const t of tests) {
    owners.push({ what: 'rule', name: `"${t.rule.name}"`, key: `rule ${t.test}`, files: [t.test, t.rules], where: locatedAt(t.rule) });
  }
  if (model.docs) {
    const seen = new Set<string>();
    for (const g of model.ruleGroups) {
      for (const rule of g.rules) {
        if (rule.kind !== 'alert' || seen.has(rule.name)) continue;
        seen.add(rule.name);
        owners.push({ what: 'alert', name: `"${rule.name}"`, key: `alert ${rule.name}`, files: [runbookPath(rule.name)], where: locatedAt(rule) });
      }
    }
  }
  for (const d of model.dashboards) {
    const written = [
      ...(files ? [dashboardOutputPath(model, d)] : []),
      ...(profiles.has('grafana-operator') ? [grafanaOperatorDashboardPath(d)] : []),
      ...(profiles.has('grafana-sidecar') ? [grafanaSidecarDashboardPath(d)] : []),
    ];
    if (written.length > 0) owners.push({ what: 'dashboard', name: d.title, key: `dashboard ${d.uid}`, files: written, where: locatedAt(d, 'uid') });
  }
  for (const t of files ? (model.alertmanager?.templates ?? []) : []) {
    owners.push({
      what: 'template',
      name: t.name,
      key: `template ${t.name}`,
      files: [`${ALERTMANAGER_TEMPLATES_DIR}/${t.name}`],
      where: { path: ['templates', t.name], source: { file: t.source, line: 1, column: 1 } },
    });
  }
  for (const output of model.outputs) {
    if (output.profile !== 'mimir' || model.ruleGroups.length === 0) continue;
    owners.push({ what: 'Mimir rule namespace', name: `"${output.namespace}"`, key: 'mimir namespace', files: [mimirNamespacePath(output.namespace)], where: locatedAt(output, 'namespace') });
  }
  return owners;
}

/** `alerts "A" and "B"`, or `alert "A" and rule group "B"`. */
export function bothNamed(a: OutputOwner, b: OutputOwner): string {
  return a.what === b.what ? `${a.what}s ${a.name} and ${b.name}` : `${a.what} ${a.name} and ${b.what} ${b.name}`;
}
