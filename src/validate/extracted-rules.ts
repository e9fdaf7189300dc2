/**
 * The rule groups inside generated files that are not rule files (a PrometheusRule's
 * `spec.groups`, a Mimir/Thanos namespace's `groups`), written as rule files for
 * `promtool check rules`: what the operator or ruler loads is checked by Prometheus's own parser.
 */
import { parse } from 'yaml';
import { yamlFile, type OutputFile } from '../compile/output.js';

export const EXTRACTED_RULES_DIR = 'extracted-rules';

/** The fields of a rule group Prometheus 2.42's rule files have; others are the operator's or the ruler's (`partial_response_strategy`, `source_tenants`), checked by their schema. */
const PROMETHEUS_GROUP_FIELDS = ['name', 'interval', 'limit', 'rules'] as const;

function at(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** One rule file per file holding rule groups, at `extracted-rules/<its path>.yml`. */
export function extractedRuleFiles(files: readonly OutputFile[]): OutputFile[] {
  return files.flatMap((file) => {
    if (!file.ruleGroupsAt) return [];
    const groups = at(parse(file.content), file.ruleGroupsAt);
    if (!Array.isArray(groups)) return [];
    const plain = groups.map((g: Record<string, unknown>) => Object.fromEntries(PROMETHEUS_GROUP_FIELDS.filter((k) => g[k] !== undefined).map((k) => [k, g[k]])));
    return [yamlFile(`${EXTRACTED_RULES_DIR}/${file.path}.yml`, { groups: plain }, [`The rule groups of ${file.path}, as promtool reads them.`])];
  });
}
