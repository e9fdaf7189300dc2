import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { Locator } from './locate.js';
import { checkedFiles, parseToolOutput } from './tool-output.js';
import { runTool, type Collector, type Tool, type ToolRun } from './tools.js';
import { toolDiagnostics, type ByHand } from './tool-diagnostics.js';
import { lacksKubernetesSd, withoutKubernetesSd } from './promtool-config.js';

/**
 * At most `parts` batches of similar total weight: the heaviest item goes to the lightest batch
 * (longest processing time first), so one slow file does not leave a core idle. Within a batch,
 * items keep their given order.
 */
export function batchesByWeight<T>(items: readonly T[], parts: number, weight: (item: T) => number): T[][] {
  const count = Math.max(1, Math.min(parts, items.length));
  const load = new Array<number>(count).fill(0);
  const owner = new Map<number, number>();
  const order = items.map((item, i) => ({ i, w: weight(item) })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (const { i, w } of order) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest]! += w;
    owner.set(i, lightest);
  }
  const out: T[][] = Array.from({ length: count }, () => []);
  items.forEach((item, i) => out[owner.get(i)!]!.push(item));
  return out.filter((b) => b.length > 0);
}

/**
 * `promtool <command…> <files…>` in parallel batches, one process per core, each run with its batch.
 * Files are given to promtool as absolute paths inside `cwd` (this validate's own temporary tree),
 * so nothing depends on the process's working directory; its output names them relative again.
 */
export async function runOverFiles(
  tool: Tool,
  command: readonly string[],
  cwd: string,
  files: readonly string[],
  weight: (file: string) => number = () => 1,
  parts = os.availableParallelism(),
  collector?: Collector,
) {
  const root = `${path.resolve(cwd)}${path.sep}`;
  const relative = (text: string) => text.split(root).join('');
  return Promise.all(
    batchesByWeight(files, parts, weight).map(async (batch) => {
      const run = await runTool(tool, [...command, ...batch.map((f) => path.join(root, f))], { cwd, ...(collector ? { collector } : {}) });
      return { batch, run: { ...run, output: relative(run.output), stderr: relative(run.stderr), command: relative(run.command), args: run.args.map(relative) } };
    }),
  );
}

/**
 * What each further `check rules` process must have to check, in bytes of rule files, to pay for
 * its start-up (~20 ms of CPU: the whole run on Totem's 44 KiB of rules, where a second process
 * doubled the run's CPU for nothing; checking costs ~0.4 s of CPU a MiB, ~1.9 s for the large
 * benchmark's 4.7 MiB).
 */
export const CHECK_RULES_BYTES_PER_PROCESS = 256 * 1024;

/** How many `check rules` processes share `bytes` of rule files: one per CHECK_RULES_BYTES_PER_PROCESS, at least one, at most one per core. */
export function checkRulesParts(bytes: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.floor(bytes / CHECK_RULES_BYTES_PER_PROCESS)));
}

/**
 * `promtool check rules` over every rule file, in parallel batches of similar size, as many as
 * their size pays for (checkRulesParts); `bytes` gives a file's size.
 */
export async function checkRules(tool: Tool, cwd: string, files: readonly string[], locate: Locator, bytes: (file: string) => number = () => 0, byHand?: ByHand): Promise<Diagnostic[]> {
  const parts = checkRulesParts(files.reduce((n, f) => n + bytes(f), 0));
  const runs = await runOverFiles(tool, ['check', 'rules'], cwd, files, (f) => Math.max(1, bytes(f)), parts, 'rule-check');
  return runs.flatMap(({ batch, run }) => rulesDiagnostics(run, batch, locate, byHand));
}

/** `byHand`: how its command is shown (rule files extracted from other files are made from them first). */
function rulesDiagnostics(run: ToolRun, files: readonly string[], locate: Locator, byHand?: ByHand): Diagnostic[] {
  return toolDiagnostics('promtool/check-rules', run, parseToolOutput(run.output, files, files[0]!), locate, byHand);
}

/** What `check config` found, and the rule files it was to check and did not (its config did not load). */
export interface ConfigCheck {
  diagnostics: Diagnostic[];
  unchecked: string[];
}

/**
 * `promtool check config`. Given prometheus.yml without its rule files (src/validate/promtool-config.ts
 * withoutRuleFiles), it checks the config alone and `check rules` checks every rule file. Where one
 * `check rules` process would check them all (a small project) and prometheus.yml names every one,
 * it is given them (`ruleFiles`) instead and checks them as `check rules` does, with the same
 * function and messages, in the same process: one tool start less. Its findings about a rule file are
 * then `promtool/check-rules` findings, located at their rule. When the config does not load,
 * promtool checks none of its rule files: those are `unchecked`, for a `check rules` of their own.
 */
export async function checkConfig(
  tool: Tool,
  cwd: string,
  configFile: string,
  locate: Locator,
  ruleFiles: readonly string[] = [],
  /**
   * How the run shown is repeated by hand in out/, given whether this promtool cannot read
   * kubernetes_sd_configs (true: validate checked the config without them; 'unknown': the run timed
   * out before saying, and the config has some).
   */
  byHandOf?: (withoutKubernetesSd: boolean | 'unknown') => ByHand,
): Promise<ConfigCheck> {
  // Only the config: mostly the tool's start; with the rule files, it checks them as `check rules` does.
  const collector: Collector = ruleFiles.length === 0 ? 'start-bound' : 'rule-check';
  let run = await runTool(tool, ['check', 'config', configFile], { cwd, collector });
  const notes: Diagnostic[] = [];
  if (run.exitCode !== 0 && lacksKubernetesSd(run.output)) {
    // This promtool (Debian's) cannot read kubernetes_sd_configs: check the rest without them.
    const file = path.join(cwd, configFile);
    const stripped = withoutKubernetesSd(readFileSync(file, 'utf8'));
    writeFileSync(file, stripped.content);
    run = await runTool(tool, ['check', 'config', configFile], { cwd, collector });
    notes.push({
      id: 'promtool/check-config',
      severity: 'info',
      message: `${tool.path} was built without Kubernetes service discovery (Debian's is): the kubernetes_sd_configs of ${stripped.jobs.join(', ')} were checked by totem-mon only, the rest of those jobs by promtool`,
      hint: "an upstream promtool (Prometheus's release tarball or the prom/prometheus image) checks them too",
    });
  }
  // A run that timed out never said whether this promtool reads kubernetes_sd_configs: a config
  // with them is shown by hand as the promtool at hand can run it (asked with a config of a few
  // lines), or, when that is not known either, without them (what every promtool reads).
  const kubernetesSd = notes.length > 0 ? true : run.timedOut && withoutKubernetesSd(readFileSync(path.join(cwd, configFile), 'utf8')).jobs.length > 0 ? await lacksKubernetesSdProbe(tool, cwd) : false;
  const byHand = byHandOf?.(kubernetesSd);
  const messages = parseToolOutput(run.output, [configFile, ...ruleFiles], configFile);
  const checked = new Set(checkedFiles(run.output));
  const unchecked = run.timedOut ? [] : ruleFiles.filter((f) => !checked.has(f));
  const isRuleFile = new Set(ruleFiles);
  const aboutRules = messages.filter((m) => isRuleFile.has(m.file));
  if (aboutRules.length === 0) return { diagnostics: [...notes, ...toolDiagnostics('promtool/check-config', run, messages, locate, byHand)], unchecked };
  const aboutConfig = messages.filter((m) => !isRuleFile.has(m.file));
  return {
    diagnostics: [
      ...notes,
      ...(aboutConfig.length > 0 ? toolDiagnostics('promtool/check-config', run, aboutConfig, locate, byHand) : []),
      ...toolDiagnostics('promtool/check-rules', run, aboutRules, locate),
    ],
    unchecked,
  };
}

/** A config of a few lines with kubernetes_sd_configs: what a promtool says of it tells whether it was built with them. */
const KUBERNETES_SD_PROBE = 'scrape_configs:\n  - job_name: probe\n    kubernetes_sd_configs:\n      - role: pod\n';

/**
 * Whether `tool` cannot read kubernetes_sd_configs (Debian's promtool is built without Kubernetes
 * service discovery), asked with `check config` on KUBERNETES_SD_PROBE in `cwd`: true or false, or
 * 'unknown' when that run times out or fails otherwise too.
 */
export async function lacksKubernetesSdProbe(tool: Tool, cwd: string): Promise<boolean | 'unknown'> {
  const file = path.join(cwd, '.kubernetes-sd-probe.yml');
  writeFileSync(file, KUBERNETES_SD_PROBE);
  try {
    const run = await runTool(tool, ['check', 'config', file], { cwd, collector: 'start-bound' });
    if (run.timedOut) return 'unknown';
    if (run.exitCode === 0) return false;
    return lacksKubernetesSd(run.output) ? true : 'unknown';
  } finally {
    rmSync(file, { force: true });
  }
}
