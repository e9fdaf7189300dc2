// Where a dashboard's file is (#21): the docs link to it and output/portable-name judges its name, so
// both follow the schema (classic JSON, with its folder, or the V2 resource).
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { compileAll } from '../../src/compile/index.js';
import type { Project } from '../../src/index.js';
import { shop } from '../docs-output/shop.js';
import { brokenLinks, links } from '../docs-output/links.js';
import { runOn } from '../helpers/model.js';

function compile(project: Project) {
  const parsed = parseProject(project);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => `${d.path?.join(' › ')}: ${d.message}`).join('; '));
  return compileAll(buildModel(parsed.project, 'test/index.ts'));
}

const inFolder = (p: Project): Project => ({ ...p, dashboards: (p.dashboards ?? []).map((d) => ({ ...d, folder: 'Loja' })) });

describe('dashboard files as the docs link them', () => {
  it('classic, in folders: the links lead to grafana/dashboards/<folder>/<uid>.json', () => {
    const files = compile(inFolder(shop()));
    expect(files.flatMap(links).filter((l) => l.includes('grafana/')).length).toBeGreaterThan(2);
    expect(brokenLinks(files)).toEqual([]);
  });

  it('V2: the links lead to grafana/resources/dashboards/<uid>.json', () => {
    const files = compile({ ...shop(), grafana: { schema: 'v2' } });
    expect(files.flatMap(links).some((l) => l.includes('grafana/resources/dashboards/shop-sales.json'))).toBe(true);
    expect(brokenLinks(files)).toEqual([]);
  });
});

describe('output/portable-name on V2 dashboards', () => {
  it('judges the resource file names: two uids differing only in case collide', () => {
    const base = shop();
    const [first] = base.dashboards ?? [];
    const twins = { ...base, grafana: { schema: 'v2' as const }, dashboards: [{ ...first!, title: 'Twin', uid: 'twin' }, { ...first!, title: 'TWIN 2', uid: 'TWIN' }] };
    expect(runOn(twins, ['output/portable-name']).map((d) => d.message).join('\n')).toContain('grafana/resources/dashboards/');
  });
});
