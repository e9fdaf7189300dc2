import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defineProject, files, mimir, prometheusOperator, ruleGroup, synth, team, thanos, type Output } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { checkResources } from '../../src/validate/kubernetes-schema.js';
import { extractedRuleFiles } from '../../src/validate/extracted-rules.js';
import { modelOf } from '../helpers/model.js';
import { requestRate, shop, shopErrors, yamlOf } from './helpers.js';
import { resourcesOf, shippedCrds } from './crds.js';

/** The shop with a federated recording group and an alert group that aborts on partial answers. */
function federatedShop(outputs: readonly Output[]) {
  return defineProject({
    ...shop(),
    ruleGroups: [
      ruleGroup({ name: 'shop_records', sourceTenants: ['shop-eu', 'shop-us'], rules: [requestRate] }),
      ruleGroup({ name: 'shop-alerts', partialResponseStrategy: 'abort', rules: [shopErrors] }),
    ],
    outputs,
  });
}

/** The fields of a rule group in Mimir's rule file format (mimirtool's rwrulefmt: Prometheus's plus Mimir's own). */
const MIMIR_GROUP_FIELDS = ['name', 'interval', 'limit', 'rules', 'source_tenants', 'evaluation_delay', 'query_offset', 'align_evaluation_time_on_interval'];

describe('the mimir profile', () => {
  it('writes one namespace file in mimirtool’s format: namespace and groups, source_tenants only on the federated group', async () => {
    const result = await synth(federatedShop([files(), mimir({ namespace: 'shop-rules' }), thanos()]));
    expect(result.diagnostics).toEqual([]);
    const file = yamlOf(result.files, 'mimir/shop-rules.yaml');
    expect(Object.keys(file)).toEqual(['namespace', 'groups']);
    expect(file.namespace).toBe('shop-rules');
    for (const g of file.groups) for (const key of Object.keys(g)) expect(MIMIR_GROUP_FIELDS, key).toContain(key);
    expect(file.groups.map((g: { source_tenants?: string[] }) => g.source_tenants)).toEqual([['shop-eu', 'shop-us'], undefined]);
    // Otherwise the groups of the files profile, rule for rule.
    const plain = [parse(result.files['prometheus/rules/shop_records.yml']!).groups[0], parse(result.files['prometheus/rules/shop-alerts.yml']!).groups[0]];
    expect(file.groups.map(({ source_tenants, ...g }: Record<string, unknown>) => g)).toEqual(plain);
    expect(result.files['prometheus/rules/shop_records.yml']).not.toContain('source_tenants');
  });

  it('names the namespace after the project by default', async () => {
    const result = await synth(federatedShop([mimir(), thanos()]));
    expect(yamlOf(result.files, 'mimir/shop.yaml').namespace).toBe('shop');
  });

  it('refuses sourceTenants in a project without the mimir profile (nothing would write it), and an empty list', async () => {
    const without = await synth(federatedShop([files(), thanos()]));
    expect(without.diagnostics.map((d) => `${d.path?.join('.')}: ${d.message}`)).toEqual([
      expect.stringMatching(/^ruleGroups.*shop_records.*sourceTenants: sourceTenants \(a federated rule group\) is written by the mimir profile only/),
    ]);
    const empty = await synth(defineProject({ ...shop([mimir()]), ruleGroups: [ruleGroup({ name: 'x', sourceTenants: [], rules: [requestRate] })] }));
    expect(empty.diagnostics.map((d) => d.message)).toEqual(['sourceTenants is empty']);
  });
});

describe('partialResponseStrategy without a Thanos ruler profile', () => {
  it('is refused at the group, as sourceTenants without mimir() is: nothing would write it', async () => {
    const prs = (outputs?: readonly Output[]) =>
      defineProject({
        ...shop(outputs),
        ruleGroups: [ruleGroup({ name: 'shop-alerts', partialResponseStrategy: 'abort', rules: [shopErrors] })],
        teams: [team({ name: 'payments', labels: { team: 'payments' }, ruleGroups: [ruleGroup({ name: 'pay-alerts', partialResponseStrategy: 'warn', rules: [shopErrors] })] })],
      });
    const message = /^partialResponseStrategy \(a Thanos ruler setting\) is written by the thanos and prometheus-operator profiles only, and the project has neither/;
    for (const outputs of [undefined, [files()], [files(), mimir()]]) {
      const result = await synth(prs(outputs));
      expect(result.diagnostics.map((d) => d.path?.join('.')), String(outputs?.map((o) => o.profile))).toEqual([
        expect.stringMatching(/^ruleGroups.*partialResponseStrategy$/),
        expect.stringMatching(/^teams.*ruleGroups.*partialResponseStrategy$/),
      ]);
      expect(result.diagnostics[0]!.message).toMatch(message);
    }
    for (const outputs of [[files(), thanos()], [prometheusOperator({ namespace: 'shop' })]]) {
      expect((await synth(prs(outputs))).diagnostics).toEqual([]);
    }
  });
});

describe('the thanos profile', () => {
  it('writes a rule file per group, partial_response_strategy where the group sets it (and in its PrometheusRule), never in the plain Prometheus files', async () => {
    const result = await synth(federatedShop([files(), thanos(), prometheusOperator({ namespace: 'shop' }), mimir()]));
    expect(result.diagnostics).toEqual([]);
    expect(yamlOf(result.files, 'thanos/rules/shop-alerts.yml').groups[0].partial_response_strategy).toBe('abort');
    expect(yamlOf(result.files, 'thanos/rules/shop_records.yml').groups[0]).not.toHaveProperty('partial_response_strategy');
    expect(yamlOf(result.files, 'prometheus-operator/prometheusrules/shop-alerts.yaml').spec.groups[0].partial_response_strategy).toBe('abort');
    expect(result.files['prometheus/rules/shop-alerts.yml']).not.toContain('partial_response_strategy');
  });

  it('its PrometheusRule with the strategy passes the CRD; the groups promtool gets leave the rulers’ own fields out', () => {
    const generated = compileOutputs(modelOf(federatedShop([thanos(), prometheusOperator({ namespace: 'shop' }), mimir()])));
    expect(checkResources(resourcesOf(generated), shippedCrds())).toEqual([]);
    const extracted = extractedRuleFiles(generated).map((f) => f.content).join('\n');
    expect(extractedRuleFiles(generated).map((f) => f.path).sort()).toEqual([
      'extracted-rules/mimir/shop.yaml.yml',
      'extracted-rules/prometheus-operator/prometheusrules/shop-alerts.yaml.yml',
      expect.stringMatching(/^extracted-rules\/prometheus-operator\/prometheusrules\/shop-records-[0-9a-f]{8}\.yaml\.yml$/),
      'extracted-rules/thanos/rules/shop-alerts.yml.yml',
      'extracted-rules/thanos/rules/shop_records.yml.yml',
    ]);
    expect(extracted).not.toMatch(/partial_response_strategy|source_tenants/);
  });
});
