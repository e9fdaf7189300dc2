import type { Model } from '../../model/types.js';
import type { PrometheusOperatorOutputModel } from '../../model/outputs.js';
import { resourceName } from '../../model/kubernetes-names.js';
import { headerLines } from '../output.js';
import { prometheusRulePath } from '../../model/output-paths.js';
import { groupYaml } from '../prometheus/rules.js';
import { resourceFile, type ResourceFile } from '../kubernetes/resource.js';

export const PROMETHEUS_RULES_DIR = 'prometheusrules';

/**
 * One `PrometheusRule` (monitoring.coreos.com/v1) per rule group, holding that group exactly as
 * the files profile writes it in out/prometheus/rules/ (the same rules, in the same order).
 */
export function compilePrometheusRules(model: Model, output: PrometheusOperatorOutputModel, folder: string): ResourceFile[] {
  return model.ruleGroups.map((group) => {
    const name = resourceName(group.name);
    const file = resourceFile(
      prometheusRulePath(group, folder),
      output,
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        name,
        body: { spec: { groups: [groupYaml(group, group.rules, { partial_response_strategy: group.partialResponseStrategy })] } },
      },
      group,
      headerLines(group.source?.file ?? model.entry, `rule group ${group.name}`),
      group.rules.map((rule, i) => ({ pointer: `/spec/groups/0/rules/${i}`, origin: rule })),
    );
    return { ...file, ruleGroupsAt: ['spec', 'groups'] };
  });
}
