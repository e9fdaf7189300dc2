/**
 * A small project's rule files are checked by `promtool check config` (given prometheus.yml with its
 * rule_files), in one process with the config, instead of a `check rules` of their own; larger sets,
 * and rule groups extracted from other profiles' files, keep `check rules`. Either way every rule
 * file is checked once and its findings are `promtool/check-rules`, at their rule. By the real promtool.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { files, prometheusOperator, scrapeJob } from '../../src/index.js';
import { compileOutputs } from '../../src/app/outputs.js';
import type { OutputFile } from '../../src/compile/output.js';
import { PROMETHEUS_CONFIG } from '../../src/compile/prometheus/config.js';
import { extractedRuleFiles } from '../../src/validate/extracted-rules.js';
import { CHECK_RULES_BYTES_PER_PROCESS } from '../../src/validate/promtool.js';
import { checkedWithConfig, runTools } from '../../src/validate/run-tools.js';
import { requireTool } from '../../src/validate/tools.js';
import { modelOf } from '../helpers/model.js';
import { itWithBinaries } from '../helpers/tools.js';
import { shop } from '../profiles/helpers.js';

const withPromtool = itWithBinaries(['promtool']);
const ALERTS = 'prometheus/rules/shop-alerts.yml';

/** The files with the shop's alert expression broken in its rule file (a parse error only promtool reports here). */
function brokenRule(generated: readonly OutputFile[]): OutputFile[] {
  const out = generated.map((f) => (f.path === ALERTS ? { ...f, content: f.content.replace(/expr: (rate\(shop_errors_total)/, 'expr: sum by (job $1') } : f));
  expect(out.find((f) => f.path === ALERTS)?.content).toContain('sum by (job rate');
  return out;
}

describe('the rule files of a small project are checked by check config', () => {
  withPromtool('a broken rule is check-rules\u2019 finding at the rule, found by check config alone', async () => {
    const model = modelOf(shop([files()]));
    const generated = brokenRule(compileOutputs(model).filter((f) => !f.path.startsWith('prometheus/tests/')));
    expect(checkedWithConfig(generated)).toBe(true);
    const result = await runTools({ model, files: generated, promtool: await requireTool('promtool') });
    expect(result.tools[0]?.ran).toEqual(['check config']);
    expect(result.diagnostics.map((d) => [d.id, d.path])).toEqual([['promtool/check-rules', ['ruleGroups', 'shop-alerts', 'rules', 'ShopErrors']]]);
    expect(result.diagnostics[0]!.file).toMatch(/^prometheus\/rules\/shop-alerts\.yml:\d+:\d+$/);
  }, 30_000);

  withPromtool('a config that does not load: its finding, and the rule files checked by check rules after it', async () => {
    // A lookahead is not RE2: Prometheus refuses the config, and promtool then reads none of its rule files.
    const project = shop([files()]);
    const job = scrapeJob({ name: 'shop', targets: ['shop:8080'], relabel: [{ action: 'keep', sourceLabels: ['__address__'], regex: 'shop(?=:)' }] });
    const model = modelOf({ ...project, prometheus: { scrapeJobs: [job] } });
    const generated = brokenRule(compileOutputs(model).filter((f) => !f.path.startsWith('prometheus/tests/')));
    const result = await runTools({ model, files: generated, promtool: await requireTool('promtool') });
    expect(result.tools[0]?.ran).toEqual(['check config', 'check rules']);
    expect(result.diagnostics.map((d) => d.id).sort()).toEqual(['promtool/check-config', 'promtool/check-rules']);
    expect(result.diagnostics.find((d) => d.id === 'promtool/check-rules')?.path).toEqual(['ruleGroups', 'shop-alerts', 'rules', 'ShopErrors']);
  }, 30_000);

  withPromtool('a promtool without Kubernetes service discovery (Debian\u2019s): the config checked again without it, the rule files with it', async () => {
    const project = shop([files()]);
    const pods = scrapeJob({ name: 'shop-pods', kubernetes: { role: 'pod', namespaces: ['shop'] } });
    const model = modelOf({ ...project, prometheus: { scrapeJobs: [...(project.prometheus?.scrapeJobs ?? []), pods] } });
    const generated = brokenRule(compileOutputs(model).filter((f) => !f.path.startsWith('prometheus/tests/')));
    const result = await runTools({ model, files: generated, promtool: await requireTool('promtool') });
    const checks = result.diagnostics.filter((d) => d.severity !== 'info');
    expect(checks.map((d) => [d.id, d.path])).toEqual([['promtool/check-rules', ['ruleGroups', 'shop-alerts', 'rules', 'ShopErrors']]]);
    // An upstream promtool reads kubernetes_sd_configs in the first run; Debian's needs the second, and says so.
    const notes = result.diagnostics.filter((d) => d.severity === 'info');
    expect(notes.every((d) => d.id === 'promtool/check-config' && d.message.includes('shop-pods'))).toBe(true);
    expect(result.tools[0]?.ran).toEqual(['check config']);
  }, 30_000);

  it('not when rule groups come from other profiles\u2019 files, when the rules need more than one process, or prometheus.yml names them by a pattern', () => {
    // As runTools has them: the generated files and the rule groups extracted from the others.
    const withOperator = compileOutputs(modelOf(shop([files(), prometheusOperator({ namespace: 'shop' })])));
    expect(checkedWithConfig([...withOperator, ...extractedRuleFiles(withOperator)])).toBe(false);
    const small = compileOutputs(modelOf(shop([files()])));
    expect(checkedWithConfig(small)).toBe(true);
    const padded = small.map((f) => (f.path === ALERTS ? { ...f, content: `${f.content}${'#'.repeat(2 * CHECK_RULES_BYTES_PER_PROCESS)}\n` } : f));
    // Two processes' worth of rules: `check rules` in parallel batches (one core: one process, so check config).
    expect(checkedWithConfig(padded)).toBe(os.availableParallelism() === 1);
    const globbed = small.map((f) => (f.path === PROMETHEUS_CONFIG ? { ...f, content: f.content.replace(/rule_files:\n(\s+- .*\n)+/, 'rule_files:\n  - rules/*.yml\n') } : f));
    expect(globbed.find((f) => f.path === PROMETHEUS_CONFIG)?.content).toContain('rules/*.yml');
    expect(checkedWithConfig(globbed)).toBe(false);
    expect(checkedWithConfig(small.filter((f) => f.path !== PROMETHEUS_CONFIG))).toBe(false);
  });
});
