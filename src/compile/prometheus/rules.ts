import type { Model, RuleGroupModel, RuleModel } from '../../model/types.js';
import { compact, headerLines, yamlFile, type OutputFile } from '../output.js';

import { ruleFilePath } from '../../model/output-paths.js';

export { RULES_DIR, ruleFilePath } from '../../model/output-paths.js';

/** One rule as Prometheus writes it (shared with the unit tests' rule files). */
export function ruleYaml(rule: RuleModel) {
  if (rule.kind === 'record') return compact({ record: rule.name, expr: rule.expr, labels: rule.labels });
  return compact({
    alert: rule.name,
    expr: rule.expr,
    for: rule.for,
    keep_firing_for: rule.keepFiringFor,
    labels: rule.labels,
    annotations: rule.annotations,
  });
}

/**
 * A rule group as Prometheus writes it, with its rules or those of them a unit test loads, and the
 * fields a ruler adds (`extra`: Thanos's partial_response_strategy, Mimir's source_tenants) before them.
 */
export function groupYaml(group: RuleGroupModel, rules: readonly RuleModel[] = group.rules, extra: Record<string, unknown> = {}) {
  return compact({ name: group.name, interval: group.interval, limit: group.limit, ...extra, rules: rules.map(ruleYaml) });
}

/** One rule file per group: `out/prometheus/rules/<group>.yml`, in `promtool check rules` format. */
export function compileRuleFiles(model: Model): OutputFile[] {
  return model.ruleGroups.map((group) =>
    yamlFile(
      ruleFilePath(group),
      { groups: [groupYaml(group)] },
      headerLines(group.source?.file ?? model.entry, `rule group ${group.name}`),
    ),
  );
}
