import os from 'node:os';
import type { Diagnostic } from '../diagnostic.js';
import type { Locator } from './locate.js';
import { parseToolOutput } from './tool-output.js';
import { runTool, type Tool, type ToolRun } from './tools.js';
import { toolDiagnostics } from './tool-diagnostics.js';

/** Splits files into at most `parts` batches of similar size (one promtool process per batch). */
export function batches<T>(items: readonly T[], parts: number): T[][] {
  const count = Math.max(1, Math.min(parts, items.length));
  const out: T[][] = Array.from({ length: count }, () => []);
  items.forEach((item, i) => out[i % count]!.push(item));
  return out.filter((b) => b.length > 0);
}

/** `promtool <command…> <files…>` in parallel batches, one process per core; each run with its batch. */
export async function runOverFiles(tool: Tool, command: readonly string[], cwd: string, files: readonly string[]) {
  return Promise.all(
    batches(files, os.availableParallelism()).map(async (batch) => ({ batch, run: await runTool(tool, [...command, ...batch], { cwd }) })),
  );
}

/** `promtool check rules` over every rule file, in parallel batches up to the core count. */
export async function checkRules(tool: Tool, cwd: string, files: readonly string[], locate: Locator): Promise<Diagnostic[]> {
  const runs = await runOverFiles(tool, ['check', 'rules'], cwd, files);
  return runs.flatMap(({ batch, run }) => rulesDiagnostics(run, batch, locate));
}

function rulesDiagnostics(run: ToolRun, files: readonly string[], locate: Locator): Diagnostic[] {
  return toolDiagnostics('promtool/check-rules', run, parseToolOutput(run.output, files, files[0]!), locate);
}

/**
 * `promtool check config`: the config and that every rule file it names exists and loads. Findings
 * inside rule files are left to `check rules`, which reports them with their rule.
 */
export async function checkConfig(tool: Tool, cwd: string, configFile: string, ruleFiles: readonly string[], locate: Locator): Promise<Diagnostic[]> {
  const run = await runTool(tool, ['check', 'config', configFile], { cwd });
  const messages = parseToolOutput(run.output, [configFile, ...ruleFiles], configFile);
  const aboutConfig = messages.filter((m) => m.file === configFile);
  if (run.exitCode !== 0 && !run.timedOut && aboutConfig.length === 0 && messages.length > 0) return [];
  return toolDiagnostics('promtool/check-config', run, aboutConfig, locate);
}
