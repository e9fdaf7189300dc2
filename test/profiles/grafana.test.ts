import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dashboard, defineProject, files, grafanaOperator, grafanaSidecar, ratePanel, synth, type Output } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { checkResources } from '../../src/validate/kubernetes-schema.js';
import { modelOf } from '../helpers/model.js';
import { resourceName } from '../../src/model/kubernetes-names.js';
import { requests, shop, yamlOf } from './helpers.js';
import { resourcesOf, shippedCrds } from './crds.js';

const traffic = dashboard({ title: 'Shop Traffic', folder: 'Shop', panels: [ratePanel(requests, { title: 'Requests', by: ['code'] })] });
const overview = dashboard({ title: 'Shop Overview', panels: [ratePanel(requests, { title: 'All requests' })] });

function shopWithDashboards(outputs: readonly Output[]) {
  return defineProject({ ...shop(), dashboards: [traffic, overview], grafana: { folder: 'Operations' }, outputs });
}

const operator = grafanaOperator({ namespace: 'grafana', instanceSelector: { dashboards: 'grafana' } });
const sidecar = grafanaSidecar({ namespace: 'grafana', labels: { team: 'shop' } });

describe('the grafana-operator profile', () => {
  it('writes a GrafanaDashboard per dashboard (the files profile’s JSON), a GrafanaFolder per folder and a GrafanaDatasource, for the selected instances', async () => {
    const result = await synth(shopWithDashboards([files(), operator]));
    expect(result.diagnostics).toEqual([]);
    const dash = yamlOf(result.files, 'grafana-operator/dashboards/shop-traffic.yaml');
    expect(dash).toMatchObject({ apiVersion: 'grafana.integreatly.org/v1beta1', kind: 'GrafanaDashboard', metadata: { name: 'shop-traffic', namespace: 'grafana' } });
    expect(dash.spec.instanceSelector).toEqual({ matchLabels: { dashboards: 'grafana' } });
    expect(JSON.parse(dash.spec.json)).toEqual(JSON.parse(result.files['grafana/dashboards/Shop/shop-traffic.json']!));
    // Folder titles are not Kubernetes names: they get the hash of the title (stable, never shared).
    const shopFolder = `folder-${resourceName('Shop')}`;
    const operationsFolder = `folder-${resourceName('Operations')}`;
    expect(shopFolder).toMatch(/^folder-shop-[0-9a-f]{8}$/);
    expect(dash.spec.folderRef).toBe(shopFolder);
    expect(yamlOf(result.files, 'grafana-operator/dashboards/shop-overview.yaml').spec.folderRef).toBe(operationsFolder);
    expect(yamlOf(result.files, `grafana-operator/folders/${shopFolder}.yaml`)).toMatchObject({ kind: 'GrafanaFolder', metadata: { name: shopFolder }, spec: { instanceSelector: { matchLabels: { dashboards: 'grafana' } }, title: 'Shop' } });
    const datasource = yamlOf(result.files, 'grafana-operator/datasources/datasource-prometheus.yaml').spec.datasource;
    expect(datasource).toEqual(parse(result.files['grafana/provisioning/datasources/prometheus.yml']!).datasources[0]);
    expect(yamlOf(result.files, 'grafana-operator/kustomization.yaml').resources).toEqual([
      'dashboards/shop-overview.yaml', 'dashboards/shop-traffic.yaml', 'datasources/datasource-prometheus.yaml', `folders/${operationsFolder}.yaml`, `folders/${shopFolder}.yaml`,
    ].sort());
  });

  it('passes the grafana-operator CRDs; a dashboard without its instance selector or with an unknown field is caught at the dashboard', () => {
    const resources = resourcesOf(compileOutputs(modelOf(shopWithDashboards([operator]))));
    expect(checkResources(resources, shippedCrds())).toEqual([]);
    const dash = resources.find((r) => r.resource.kind === 'GrafanaDashboard')!;
    const broken = { ...dash, content: dash.content.replace(/ {2}instanceSelector:\n {4}matchLabels:\n {6}dashboards: grafana\n/, '  instanceSelectors: {}\n') };
    expect(broken.content).not.toEqual(dash.content);
    const found = checkResources([broken], shippedCrds());
    expect(found.map((d) => d.message.replace(/^.*schema: /, ''))).toEqual([
      expect.stringMatching(/^\/spec: must have required property 'instanceSelector'/),
      expect.stringMatching(/^\/spec\/instanceSelectors: unknown field "instanceSelectors"/),
    ]);
    expect(found[0]!.path).toEqual(dash.origin.path);
  });

  it('refuses an empty instance selector: it would import nowhere', async () => {
    const result = await synth(shopWithDashboards([grafanaOperator({ namespace: 'grafana', instanceSelector: {} })]));
    expect(result.diagnostics.map((d) => d.message)).toEqual(['instanceSelector is empty: it would match no Grafana']);
  });
});

describe('the grafana-sidecar profile', () => {
  it('writes a ConfigMap per dashboard labelled grafana_dashboard: "1", its folder in the annotation, and one of data sources labelled grafana_datasource: "1"', async () => {
    const result = await synth(shopWithDashboards([files(), sidecar]));
    expect(result.diagnostics).toEqual([]);
    const map = yamlOf(result.files, 'grafana-sidecar/dashboards/dashboard-shop-traffic.yaml');
    expect(map).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dashboard-shop-traffic', namespace: 'grafana', labels: { team: 'shop', grafana_dashboard: '1' }, annotations: { grafana_folder: 'Shop' } } });
    expect(map.data['shop-traffic.json']).toBe(result.files['grafana/dashboards/Shop/shop-traffic.json']);
    const datasources = yamlOf(result.files, 'grafana-sidecar/datasources.yaml');
    expect(datasources.metadata.labels).toMatchObject({ grafana_datasource: '1' });
    expect(datasources.data['prometheus.yml']).toBe(result.files['grafana/provisioning/datasources/prometheus.yml']);
    const other = await synth(shopWithDashboards([grafanaSidecar({ namespace: 'grafana', folderAnnotation: 'k8s-sidecar-target-directory' })]));
    expect(yamlOf(other.files, 'grafana-sidecar/dashboards/dashboard-shop-traffic.yaml').metadata.annotations).toEqual({ 'k8s-sidecar-target-directory': 'Shop' });
  });

  it('passes the ConfigMap schema; a data key Kubernetes refuses is caught', () => {
    const resources = resourcesOf(compileOutputs(modelOf(shopWithDashboards([sidecar]))));
    expect(resources.map((r) => r.resource.kind)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap']);
    expect(checkResources(resources, shippedCrds())).toEqual([]);
    const broken = { ...resources[0]!, content: resources[0]!.content.replace('shop-overview.json:', 'shop overview.json:') };
    expect(checkResources([broken], shippedCrds()).map((d) => d.message)).toEqual([expect.stringMatching(/key "shop overview\.json" must match pattern/)]);
  });
});
