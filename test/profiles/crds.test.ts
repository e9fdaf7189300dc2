import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { files, prometheusOperator } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import type { ResourceFile } from '../../src/compile/kubernetes/resource.js';
import { checkResources, KUBERNETES_SCHEMA_ID, SHIPPED_CRDS } from '../../src/validate/kubernetes-schema.js';
import { isCI } from '../../src/ci.js';
import { fileOf, modelOf } from '../helpers/model.js';
import { resourcesOf, sharedCrds, shippedCrds } from './crds.js';
import { shop, shopErrors } from './helpers.js';
import { ALL_PROFILES, totemWith } from './totem.js';

const shared = sharedCrds();

describe('the CRDs totem-mon ships', () => {
  it.skipIf(!shared && !isCI())('are the shared k8s-crds files, unchanged, every one of them', () => {
    if (!shared) throw new Error('the shared k8s-crds folder was not found beside the repository');
    const names = readdirSync(shared).filter((n) => n.endsWith('.yaml')).sort();
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(readdirSync(SHIPPED_CRDS).filter((n) => n.endsWith('.yaml')).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(path.join(SHIPPED_CRDS, name)).equals(readFileSync(path.join(shared, name))), name).toBe(true);
  });

  it('hold the kinds of both operators', () => {
    expect(shippedCrds().kinds()).toEqual(expect.arrayContaining(['monitoring.coreos.com/v1 PrometheusRule', 'monitoring.coreos.com/v1alpha1 AlertmanagerConfig', 'grafana.integreatly.org/v1beta1 GrafanaDashboard']));
  });
});

/** The shop's generated resources, with their origins (compiled from the model as generate does). */
function shopResources(): ResourceFile[] {
  return resourcesOf(compileOutputs(modelOf(shop([files(), prometheusOperator({ namespace: 'shop', labels: { release: 'prom' } })]))));
}

/** A resource with its YAML changed by `edit`, everything else (origin, parts) kept. */
function mutated(file: ResourceFile, edit: (value: any) => void): ResourceFile {
  const value = parse(file.content);
  edit(value);
  return { ...file, content: stringify(value) };
}

describe('every generated Kubernetes resource against its CRD schema', () => {
  it('the shop’s resources pass', () => {
    const resources = shopResources();
    expect(resources.map((r) => r.resource.kind)).toContain('PrometheusRule');
    expect(checkResources(resources, shippedCrds())).toEqual([]);
  });

  it('Totem compiled to every profile passes: every resource is of a kind the CRDs define, and matches it', async () => {
    const result = await totemWith(ALL_PROFILES);
    const model = result.model!;
    const resources = resourcesOf(compileOutputs(model));
    expect(resources.length).toBeGreaterThan(5);
    expect(checkResources(resources, shippedCrds())).toEqual([]);
  });
});

describe('a broken resource is caught, at the definition it came from', () => {
  const alerts = () => shopResources().find((r) => r.resource.kind === 'PrometheusRule' && r.content.includes('ShopErrors'))!;

  it('a rule field of the wrong form: the finding names the field and points at the rule', () => {
    const broken = mutated(alerts(), (v) => (v.spec.groups[0].rules[0].for = '5 minutes'));
    const found = checkResources([broken], shippedCrds());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: KUBERNETES_SCHEMA_ID, severity: 'error', path: ['ruleGroups', 'shop-alerts', 'rules', 'ShopErrors'], file: broken.path });
    expect(found[0]!.message).toMatch(/^PrometheusRule shop-alerts \(prometheus-operator\/prometheusrules\/shop-alerts\.yaml\) does not match its schema: \/spec\/groups\/0\/rules\/0\/for: must match pattern/);
    expect(found[0]!.source?.file).toBe(fileOf(shopErrors));
    expect(found[0]!.hint).toMatch(/cluster would refuse/);
  });

  it('an unknown field, a wrong type, a value outside an enum: one finding each, the group’s at the group', () => {
    const broken = mutated(alerts(), (v) => {
      v.spec.groups[0].evaluation_interval = '1m';
      v.spec.groups[0].partial_response_strategy = 'sometimes';
      v.spec.groups[0].rules[0].labels = ['severity'];
    });
    const found = checkResources([broken], shippedCrds()).map((d) => `${d.path?.join('.')}: ${d.message.replace(/^.*schema: /, '').replace(/ \(prometheus-operator-prometheusrules\.yaml\)$/, '')}`);
    expect(found.sort()).toEqual([
      'ruleGroups.shop-alerts.rules.ShopErrors: /spec/groups/0/rules/0/labels: must be object',
      'ruleGroups.shop-alerts: /spec/groups/0/evaluation_interval: unknown field "evaluation_interval"',
      expect.stringMatching(/^ruleGroups\.shop-alerts: \/spec\/groups\/0\/partial_response_strategy: must match pattern/),
    ]);
  });

  it('metadata Kubernetes refuses (name, namespace, labels) and a kind no CRD defines', () => {
    const badName = mutated(alerts(), (v) => (v.metadata.name = 'Shop_Alerts'));
    const badNamespace = mutated(alerts(), (v) => (v.metadata.namespace = 'x'.repeat(64)));
    const badLabel = mutated(alerts(), (v) => (v.metadata.labels = { 'a/b/c': 'x' }));
    const badKind = mutated(alerts(), (v) => (v.apiVersion = 'monitoring.coreos.com/v2'));
    const messages = checkResources([badName, badNamespace, badLabel, badKind], shippedCrds()).map((d) => d.message);
    expect(messages).toEqual([
      expect.stringMatching(/\/metadata\/name: invalid Kubernetes resource name "Shop_Alerts": Kubernetes names are lowercase/),
      expect.stringMatching(/\/metadata\/namespace: invalid Kubernetes namespace "x{64}": it is 64 characters long/),
      expect.stringMatching(/\/metadata\/labels\/a~1b~1c: invalid Kubernetes label or annotation key "a\/b\/c"/),
      expect.stringMatching(/the resource: monitoring\.coreos\.com\/v2 PrometheusRule is not a kind of the CRDs/),
    ]);
  });

  it('names inside the spec no CRD constrains: namespaceSelector and discovery namespaces, matchLabels, matchExpressions', () => {
    const value = parse(alerts().content);
    value.spec.namespaceSelector = { matchNames: ['shop', 'Shop_Prod'] };
    value.spec.selector = { matchLabels: { app: 'shop', 'bad key!': 'x', tier: 'y'.repeat(64) }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', '-dev'] }] };
    value.spec.kubernetesSDConfigs = [{ role: 'Pod', namespaces: { names: ['ok', 'NOT.OK'] } }];
    const found = [...shippedCrds().check(value)].filter((v) => !/unknown field/.test(v.message));
    expect(found.map((v) => `${v.pointer}: ${v.message}`)).toEqual([
      '/spec/namespaceSelector/matchNames/1: invalid Kubernetes namespace "Shop_Prod": Kubernetes names are lowercase',
      '/spec/selector/matchLabels/bad key!: invalid Kubernetes label or annotation key "bad key!": it has a character or an ending Kubernetes refuses',
      `/spec/selector/matchLabels/tier: invalid Kubernetes label value "${'y'.repeat(64)}": it is 64 characters long`,
      '/spec/selector/matchExpressions/0/values/1: invalid Kubernetes label value "-dev": it has a character or an ending Kubernetes refuses',
      '/spec/kubernetesSDConfigs/0/namespaces/names/1: invalid Kubernetes namespace "NOT.OK": Kubernetes names are lowercase',
    ]);
  });

  it('a file that is not YAML any more', () => {
    const found = checkResources([{ ...alerts(), content: 'spec: [' }], shippedCrds());
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/is not valid YAML/)]);
  });
});
