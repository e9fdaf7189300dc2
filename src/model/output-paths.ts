/**
 * The paths in out/ that definitions become, where a name turns into a file name: the compilers
 * write to these, and the checks about output paths (output/path-clash, output/portable-name) test
 * the very same paths, before anything is compiled.
 */
import type { AlertModel, Model, RecordModel, RuleGroupModel } from './types.js';
import { safeFileName } from './names.js';
import { runbookFile } from './docs.js';

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
