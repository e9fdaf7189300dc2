import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_PROFILES, PROFILE_DIRS, totemWith } from './totem.js';
import { REPO } from '../helpers/cli.js';
import { filesUnder } from '../helpers/output.js';

/** Totem's committed out/, by path (the manifest left out). */
const committedOut = () => filesUnder(path.join(REPO, 'out'));

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
