import type { Diagnostic } from '../diagnostic.js';
import type { Locator } from './locate.js';
import { parseToolOutput } from './tool-output.js';
import { runTool, type Tool } from './tools.js';
import { toolDiagnostics } from './tool-diagnostics.js';

/** `amtool check-config`: the Alertmanager config, including that its templates load. */
export async function checkAlertmanagerConfig(tool: Tool, cwd: string, configFile: string, locate: Locator): Promise<Diagnostic[]> {
  const run = await runTool(tool, ['check-config', configFile], { cwd, collector: 'start-bound' });
  return toolDiagnostics('amtool/check-config', run, parseToolOutput(run.output, [configFile], configFile), locate);
}
