import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { files, prometheusOperator, synth, type Output, type Project } from '../../src/index.js';
import { loadDefinitions } from '../../src/io/load.js';
import { REPO } from '../helpers/cli.js';

/** Every file of Totem's committed out/ by path, the manifest left out (generate's bookkeeping). */
function committedOut(dir = path.join(REPO, 'out'), base = dir): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(found, committedOut(full, base));
    else if (entry.name !== '.totem-mon-manifest.json') found[path.relative(base, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return found;
}

/** Every profile there is, with Kubernetes settings a cluster might have. */
export const ALL_PROFILES: readonly Output[] = [
  files(),
  prometheusOperator({ namespace: 'monitoring', labels: { release: 'kube-prometheus-stack' } }),
];

/** The profiles' folders in out/ besides the files profile's. */
const PROFILE_DIRS = ['prometheus-operator/'];

let totem: Promise<unknown> | undefined;

/** Totem's project as generate loads it (its definitions import 'totem-mon', which only the loader resolves), with other outputs. */
export async function totemWith(outputs: readonly Output[]) {
  totem ??= loadDefinitions(path.join(REPO, 'definitions')).then((l) => l.project);
  const project = (await totem) as Project;
  const templates = { 'totem.tmpl': readFileSync(path.join(REPO, 'templates/totem.tmpl'), 'utf8') };
  return synth({ ...project, outputs }, { definitions: path.join(REPO, 'definitions'), templates });
}

describe('Totem, compiled to every profile', () => {
  it('generates without a finding, and the files profile is byte for byte the committed out/', async () => {
    const result = await totemWith(ALL_PROFILES);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const filesPart = Object.fromEntries(Object.entries(result.files).filter(([p]) => !PROFILE_DIRS.some((d) => p.startsWith(d))));
    const committed = committedOut();
    expect(Object.keys(filesPart).sort()).toEqual(Object.keys(committed).sort());
    for (const [file, content] of Object.entries(committed)) expect(filesPart[file], file).toBe(content);
    for (const dir of PROFILE_DIRS) expect(Object.keys(result.files).some((p) => p.startsWith(dir)), dir).toBe(true);
  });

  it('gives every rule group of Totem (its SLOs’ too) a PrometheusRule', async () => {
    const result = await totemWith(ALL_PROFILES);
    const groups = (result.model?.ruleGroups ?? []).map((g) => g.name);
    expect(groups.length).toBeGreaterThan(3);
    const rules = Object.keys(result.files).filter((p) => p.startsWith('prometheus-operator/prometheusrules/'));
    expect(rules.length).toBe(groups.length);
  });
});
