import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import type { Model, RuleGroupModel } from '../model/types.js';
import type { SloModel } from '../model/slo.js';
import { sloGroupNames } from '../model/slo-names.js';
import { ruleFilePath, thanosRuleFilePath } from '../model/output-paths.js';

/**
 * The SLO whose rules a group holds (src/model/slo-rules.ts places them at the SLO's path + `groups`,
 * named after its service and name: two SLOs of one name in two services share a path), if any.
 */
function sloOf(model: Model, group: RuleGroupModel): SloModel | undefined {
  return model.slos.find(
    (slo) =>
      group.path.length === slo.path.length + 2 &&
      group.path[slo.path.length] === 'groups' &&
      slo.path.every((p, i) => group.path[i] === p) &&
      Object.values(sloGroupNames(slo.service, slo.name)).includes(group.name),
  );
}

const sloText = (slo: SloModel) => `SLO "${slo.name}" of service "${slo.service}"`;

export const rulesDuplicateGroup: Check = {
  id: 'rules/duplicate-group',
  severity: 'error',
  description: 'Rule group names are unique, and so are the rule files they become where the output profiles write rule files.',
  run({ model }, report) {
    // Two names that make one rule file clash only where rule files are written (files, thanos):
    // Mimir and the PrometheusRules take each group by its name (src/model/build.ts keeps the
    // in-memory files validate hands promtool apart). Mimir refuses only the same name twice in a
    // namespace (mimirtool's RuleNamespace.Validate: "group name … is repeated in the same
    // namespace"), compared exactly: `Web` and `web`, `a b` and `a_b` are two groups there.
    const profiles = new Set(model.outputs.map((o) => o.profile));
    const ruleFiles = profiles.has('files') || profiles.has('thanos');
    const keyOf = (group: RuleGroupModel) => (ruleFiles ? group.fileName : group.name);
    // The rule files the configured profiles really write for a group, named as in out/.
    const writtenTo = (group: RuleGroupModel) =>
      [...(profiles.has('files') ? [ruleFilePath(group)] : []), ...(profiles.has('thanos') ? [thanosRuleFilePath(group)] : [])].join(' and ');
    const byFile = new Map<string, RuleGroupModel>();
    /** SLO pairs reported already: their three groups clash at once, one finding (at each SLO) says it. */
    const sloPairs = new Set<string>();
    for (const group of model.ruleGroups) {
      const other = byFile.get(keyOf(group));
      byFile.set(keyOf(group), group);
      if (other === undefined) continue;
      const [first, second] = [sloOf(model, other), sloOf(model, group)];
      const clash = other.name === group.name ? `the rule group "${group.name}"` : `rule groups "${other.name}" and "${group.name}" (both written to ${writtenTo(group)})`;
      if (first && second && first !== second) {
        // Two SLOs: their groups are named slo-<service>-<slo>, so "a-b"/"c" and "a"/"b-c" meet.
        const pair = `${model.slos.indexOf(first)} ${model.slos.indexOf(second)}`;
        if (sloPairs.has(pair)) continue;
        sloPairs.add(pair);
        const same = first.service === second.service && first.name === second.name;
        for (const [slo, peer] of [[first, second], [second, first]] as const) {
          report({
            message: `${sloText(slo)} and ${sloText(peer)}${peer.source ? ` (at ${peer.source.file}:${peer.source.line})` : ''} both make ${clash}: an SLO's rule groups are named slo-<service>-<slo>`,
            hint: same ? 'give each SLO of a service its own name' : `rename the service or the SLO of one of them so that slo-<service>-<slo> differs (e.g. name: '${peer.name}-2')`,
            ...locatedAt(slo, 'name'),
          });
        }
        continue;
      }
      const slo = first ?? second;
      const user = first ? group : other;
      if (slo && user !== undefined && !sloOf(model, user)) {
        report({
          message: `${clash}: ${sloText(slo)} makes a group of that name (slo-<service>-<slo>, -budget, -alerts), and so does a rule group of the definitions`,
          hint: `rename the rule group "${user.name}" (names of the form slo-<service>-<slo> are the SLOs'), or the service or the SLO`,
          ...locatedAt(user),
        });
        continue;
      }
      report({
        message: other.name === group.name ? `rule group "${group.name}" is defined twice` : `rule groups "${other.name}" and "${group.name}" would both be written to ${writtenTo(group)}`,
        hint: 'give every group its own name',
        ...locatedAt(group),
      });
    }
  },
};
