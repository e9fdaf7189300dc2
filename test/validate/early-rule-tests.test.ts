/**
 * `promtool test rules` starts from the rule test files compiled from the model alone, before the
 * other files are compiled (src/validate/run-tools.ts startRuleTests): they must be the very files
 * the full compile hands the tools, whatever profiles the project lists, and runTools refuses to
 * go on when they are not. From the same model they are compiled once.
 */
import { describe, expect, it } from 'vitest';
import { files as filesProfile } from '../../src/index.js';
import { filesForTools } from '../../src/app/outputs.js';
import { ruleTestTree, runTools } from '../../src/validate/run-tools.js';
import type { OutputFile } from '../../src/compile/output.js';
import { compileFiles } from '../../src/compile/index.js';
import { ALL_PROFILES, totemWith } from '../profiles/totem.js';

const asFiles = (files: Record<string, string>): OutputFile[] => Object.entries(files).map(([path, content]) => ({ path, content }));
const testsOf = (files: readonly OutputFile[]) => files.filter((f) => f.path.startsWith('prometheus/tests/'));

describe('the rule test files compiled first', () => {
  it.each([
    ['every profile', ALL_PROFILES],
    ['the files profile', [filesProfile()]],
    ['the Prometheus Operator alone (the files profile compiled for the tools only)', ALL_PROFILES.filter((o) => o.profile === 'prometheus-operator')],
  ])("are the full compile's files under prometheus/tests/, byte for byte, with %s", async (_, outputs) => {
    const { model, files } = await totemWith(outputs);
    // Without the files profile they are not in the output: the tools get that profile compiled for them.
    expect(Object.keys(files).some((p) => p.startsWith('prometheus/tests/'))).toBe(outputs.some((o) => o.profile === 'files'));
    const full = testsOf(filesForTools(model!, asFiles(files)));
    expect(full.filter((f) => f.path.endsWith('.test.yml')).length).toBeGreaterThan(5);
    expect(ruleTestTree(model!)).toEqual(full);
  }, 60_000);

  it('are compiled once: the full compile takes the very files the early run compiled from the same model', async () => {
    const { model } = await totemWith([filesProfile()]);
    const early = ruleTestTree(model!);
    const full = testsOf(compileFiles(model!));
    expect(full.map((f) => f.path).sort()).toEqual(early.map((f) => f.path));
    for (const file of full) expect(file).toBe(early.find((f) => f.path === file.path));
  }, 60_000);

  it('runTools refuses files that differ from those the early run tested, before running anything', async () => {
    const { model, files } = await totemWith([filesProfile()]);
    const early = ruleTestTree(model!);
    const changed = early.map((f, i) => (i === 0 ? { ...f, content: `${f.content}# changed\n` } : f));
    const promtool = { name: 'promtool' as const, path: '/nonexistent/promtool' };
    const findings = Promise.resolve([]);
    await expect(runTools({ model: model!, files: asFiles(files), promtool, tests: { files: changed, findings } })).rejects.toThrow(/differ/);
    await expect(runTools({ model: model!, files: asFiles(files), promtool, tests: { files: early.slice(1), findings } })).rejects.toThrow(/differ/);
  }, 60_000);
});
