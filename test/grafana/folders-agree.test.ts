// One folder rule for every Grafana output (src/model/dashboard.ts grafanaFolderOf): a dashboard's
// own `folder`, else the Grafana settings' `folder` (default: the project's name). The same
// dashboards are generated through the files profile (classic file provisioning, and V2
// resources), the grafana-operator and the sidecar profiles, and each output's folder is read back
// the way Grafana or its operator reads it: they must all agree.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dashboard, defineProject, files, gauge, grafanaOperator, grafanaSidecar, timeseriesPanel, type Project } from '../../src/index.js';
import { generated } from '../helpers/model.js';

const up = gauge({ name: 'up', help: 'Target reachable', exporter: 'prometheus' });
const panels = () => [timeseriesPanel({ title: 'Up', targets: [{ expr: 'up', legendFormat: '{{instance}}' }] })];

function project(options: { grafanaFolder?: string; folders: Record<string, string | undefined>; schema?: 'classic' | 'v2' }): Project {
  return defineProject({
    name: 'shop',
    metrics: [up],
    prometheus: { scrapeJobs: [] },
    grafana: { ...(options.grafanaFolder !== undefined ? { folder: options.grafanaFolder } : {}), ...(options.schema ? { schema: options.schema } : {}) },
    dashboards: Object.entries(options.folders).map(([title, folder]) => dashboard({ title, ...(folder !== undefined ? { folder } : {}), panels: panels() })),
    outputs: options.schema === 'v2' ? [files()] : [files(), grafanaOperator({ namespace: 'monitoring', instanceSelector: { dashboards: 'grafana' } }), grafanaSidecar({ namespace: 'monitoring' })],
  });
}

/** Each dashboard's folder title (by uid), as each output puts it. */
function foldersByOutput(p: Project): Record<string, Record<string, string>> {
  const { files: out } = generated(p);
  const yaml = (path: string) => parse(out[path]!) as any;
  const result: Record<string, Record<string, string>> = {};
  const put = (output: string, uid: string, folder: string) => ((result[output] ??= {})[uid] = folder);

  // Classic file provisioning: the subfolder under the provider's path (foldersFromFilesStructure),
  // or, without subfolders, the provider's `folder`.
  const providerFile = out['grafana/provisioning/dashboards/totem-mon.yml'];
  const provider = providerFile === undefined ? undefined : (parse(providerFile) as any).providers[0];
  for (const path of Object.keys(out)) {
    const m = /^grafana\/dashboards\/(?:(.+)\/)?([^/]+)\.json$/.exec(path);
    if (!m) continue;
    if (m[1] !== undefined) expect(provider.options.foldersFromFilesStructure).toBe(true);
    put('files (classic)', m[2]!, m[1] ?? provider.folder);
  }
  // V2 resources: the folder named by uid in the grafana.app/folder annotation.
  const v2Folders = new Map<string, string>();
  for (const path of Object.keys(out).filter((f) => f.startsWith('grafana/resources/folders/'))) {
    const folder = JSON.parse(out[path]!) as { metadata: { name: string }; spec: { title: string } };
    v2Folders.set(folder.metadata.name, folder.spec.title);
  }
  for (const path of Object.keys(out).filter((f) => f.startsWith('grafana/resources/dashboards/'))) {
    const d = JSON.parse(out[path]!) as { metadata: { name: string; annotations: Record<string, string> } };
    put('files (v2)', d.metadata.name, v2Folders.get(d.metadata.annotations['grafana.app/folder']!)!);
  }
  // grafana-operator: the GrafanaFolder its folderRef names.
  const operatorFolders = new Map<string, string>();
  for (const path of Object.keys(out).filter((f) => f.startsWith('grafana-operator/folders/'))) operatorFolders.set(yaml(path).metadata.name, yaml(path).spec.title);
  for (const path of Object.keys(out).filter((f) => f.startsWith('grafana-operator/dashboards/'))) {
    const resource = yaml(path);
    put('grafana-operator', (JSON.parse(resource.spec.json) as { uid: string }).uid, operatorFolders.get(resource.spec.folderRef)!);
  }
  // Sidecar: the folder annotation of each dashboard's ConfigMap.
  for (const path of Object.keys(out).filter((f) => f.startsWith('grafana-sidecar/dashboards/'))) {
    const map = yaml(path);
    const uid = Object.keys(map.data)[0]!.replace(/\.json$/, '');
    put('grafana-sidecar', uid, map.metadata.annotations.grafana_folder);
  }
  return result;
}

describe("every Grafana output puts a dashboard in the same folder: its own, else grafana.folder, else the project's name", () => {
  const cases: Array<[string, Parameters<typeof project>[0], Record<string, string>]> = [
    ['grafana.folder and a dashboard with a folder of its own', { grafanaFolder: 'Monitoring', folders: { Orders: 'Team Orders', Overview: undefined } }, { orders: 'Team Orders', overview: 'Monitoring' }],
    ['no grafana.folder: the project name', { folders: { Orders: 'Team Orders', Overview: undefined } }, { orders: 'Team Orders', overview: 'shop' }],
    ['grafana.folder, no dashboard with a folder', { grafanaFolder: 'Monitoring', folders: { Orders: undefined, Overview: undefined } }, { orders: 'Monitoring', overview: 'Monitoring' }],
    ['every dashboard with its own folder', { grafanaFolder: 'Monitoring', folders: { Orders: 'A', Overview: 'B' } }, { orders: 'A', overview: 'B' }],
  ];

  it.each(cases)('classic, operator and sidecar: %s', (_, options, expected) => {
    const found = foldersByOutput(project(options));
    expect(Object.keys(found).sort()).toEqual(['files (classic)', 'grafana-operator', 'grafana-sidecar']);
    for (const [output, folders] of Object.entries(found)) expect(folders, output).toEqual(expected);
  });

  it.each(cases)('V2 resources: %s', (_, options, expected) => {
    const found = foldersByOutput(project({ ...options, schema: 'v2' }));
    expect(found).toEqual({ 'files (v2)': expected });
  });

  it('refuses a grafana.folder that cannot be a folder of out/ once it is one', () => {
    expect(() => generated(project({ grafanaFolder: 'Ops/Shop', folders: { Orders: 'Team Orders', Overview: undefined } }))).toThrow(/grafana\.folder: invalid grafana folder for a dashboard folder: "Ops\/Shop"/);
    // Without dashboard folders it is only the provider's folder title: any title will do.
    expect(foldersByOutput(project({ grafanaFolder: 'Ops/Shop', folders: { Orders: undefined } }))['files (classic)']).toEqual({ orders: 'Ops/Shop' });
  });
});
