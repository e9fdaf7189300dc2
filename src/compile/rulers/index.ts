/**
 * The rulers beyond one Prometheus: Grafana Mimir's (rule namespaces in mimirtool's file format)
 * and Thanos's (rule files with the partial response strategy). The groups are the files profile's,
 * plus the one group field each ruler adds.
 */
import type { Model, RuleGroupModel } from '../../model/types.js';
import type { MimirOutputModel } from '../../model/outputs.js';
import { MIMIR_DIR, mimirNamespacePath, thanosRuleFilePath } from '../../model/output-paths.js';
import { headerLines, yamlFile, type OutputFile } from '../output.js';
import { groupYaml } from '../prometheus/rules.js';

export { MIMIR_DIR, THANOS_RULES_DIR } from '../../model/output-paths.js';

/** A group as Prometheus writes it, with `extra` fields before its rules. */
const group = (g: RuleGroupModel, extra: Record<string, unknown>) => groupYaml(g, g.rules, extra);

/** `out/mimir/<namespace>.yaml`: every group in one namespace, `source_tenants` on the federated ones. */
export function compileMimir(model: Model, output: MimirOutputModel): OutputFile[] {
  if (model.ruleGroups.length === 0) return [];
  const groups = model.ruleGroups.map((g) => group(g, { source_tenants: g.sourceTenants }));
  const file = yamlFile(mimirNamespacePath(output.namespace), { namespace: output.namespace, groups }, [
    ...headerLines(model.entry, `Mimir rule namespace ${output.namespace}`),
    `Load with \`mimirtool rules sync ${MIMIR_DIR}/*.yaml\` (federated groups need -ruler.tenant-federation.enabled).`,
  ]);
  return [{ ...file, ruleGroupsAt: ['groups'] }];
}

/** `out/thanos/rules/<group>.yml`: one rule file per group, `partial_response_strategy` where the group sets it. */
export function compileThanos(model: Model): OutputFile[] {
  return model.ruleGroups.map((g) => ({
    ...yamlFile(thanosRuleFilePath(g), { groups: [group(g, { partial_response_strategy: g.partialResponseStrategy })] }, headerLines(g.source?.file ?? model.entry, `rule group ${g.name}`)),
    ruleGroupsAt: ['groups'],
  }));
}
