// The V2 dashboard resources we write are checked against the Grafana Foundation SDK's own types,
// like the classic JSON (sdk-types.test.ts): every key of the resource, its spec, layout, elements,
// queries and each plugin's options and field config must be one the SDK declares.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pluginImports, pluginVariants, typecheck, typedDocuments } from '../helpers/sdk-types.js';
import { totemV2 } from '../helpers/grafana-v2.js';

const GOLDENS = path.join(import.meta.dirname, '__golden__/v2');

const DECLARATIONS = [
  "import type * as dashboardv2 from '@grafana/grafana-foundation-sdk/dashboardv2';",
  "import type * as folderv1 from '@grafana/grafana-foundation-sdk/folderv1';",
  "import type * as resource from '@grafana/grafana-foundation-sdk/resource';",
  ...pluginImports(),
  "type Field<C> = { defaults: Omit<dashboardv2.FieldConfig, 'custom'> & { custom?: C }; overrides: dashboardv2.FieldConfigSource['overrides'] };",
  "type Viz = Json<",
  ...pluginVariants((type, module, custom) => `{ kind: 'VizConfig'; group: '${type}'; version: string; spec: { options: ${module}.Options; fieldConfig: Field<${custom}> } }`),
  '>;',
  "type QuerySpec<Q> = Omit<Q, '_implementsDataqueryVariant' | 'refId' | 'datasource'>;",
  // PromQL, and the LogQL and TraceQL of logs and traces panels.
  "type Query = Json<Omit<dashboardv2.DataQueryKind, 'spec'>> & { spec: Json<QuerySpec<prometheus.Dataquery> | QuerySpec<loki.dataquery> | QuerySpec<tempo.Dataquery>> };",
  "type PanelQuery = { kind: 'PanelQuery'; spec: Json<Omit<dashboardv2.PanelQuerySpec, 'query'>> & { query: Query } };",
  "type QueryGroup = { kind: 'QueryGroup'; spec: Json<Omit<dashboardv2.QueryGroupSpec, 'queries'>> & { queries: PanelQuery[] } };",
  "type Panel = { kind: 'Panel'; spec: Json<Omit<dashboardv2.PanelSpec, 'vizConfig' | 'data'>> & { vizConfig: Viz; data: QueryGroup } };",
  "type Spec = Json<Omit<dashboardv2.Dashboard, 'elements'>> & { elements: Record<string, Panel> };",
  "type Meta = Json<resource.Metadata>;",
  "type DashboardResource = { apiVersion: typeof dashboardv2.DashboardAPIVersion; kind: typeof dashboardv2.DashboardKind; metadata: Meta; spec: Spec };",
  "type FolderResource = { apiVersion: typeof folderv1.FolderApiVersion; kind: typeof folderv1.FolderKind; metadata: Meta; spec: Json<folderv1.Folder> };",
];

const typedModule = (documents: Record<string, unknown>) => typedDocuments(DECLARATIONS, 'DashboardResource | FolderResource', documents);

async function documents(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const f of readdirSync(GOLDENS).filter((x) => x.endsWith('.json'))) out[`v2/${f}`] = JSON.parse(readFileSync(path.join(GOLDENS, f), 'utf8'));
  for (const [file, text] of Object.entries((await totemV2()).v2)) out[`totem:${file}`] = JSON.parse(text);
  return out;
}

describe('V2 dashboard resources against the SDK types', () => {
  it("every field of Totem's dashboards, their folders and the feature goldens is one the SDK declares", async () => {
    const all = await documents();
    expect(Object.keys(all).filter((k) => k.startsWith('totem:')).length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(all).filter((k) => k.startsWith('v2/')).length).toBeGreaterThanOrEqual(5);
    const result = await typecheck(typedModule(all));
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  }, 180_000);

  it('refuses a field the SDK does not declare, in a panel and in a plugin option (the check can fail)', async () => {
    const golden = JSON.parse(readFileSync(path.join(GOLDENS, 'panels.json'), 'utf8')) as { spec: { elements: Record<string, { spec: Record<string, unknown> & { vizConfig: { spec: { options: Record<string, unknown> } } } }> } };
    const [first, second] = Object.values(golden.spec.elements);
    first!.spec.colour = 'red';
    second!.spec.vizConfig.spec.options.sparkle = true;
    const result = await typecheck(typedModule({ 'v2/panels.json': golden }));
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/'"?colour"?' does not exist/);
    expect(result.output).toMatch(/'"?sparkle"?' does not exist/);
  }, 180_000);
});
