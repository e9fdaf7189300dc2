import type { Diagnostic } from '../diagnostic.js';
import type { Located } from '../model/types.js';
import { runTool, type Tool } from './tools.js';
import { toolDiagnostics } from './tool-diagnostics.js';

/**
 * `blackbox_exporter --config.check`: the exporter loads the generated modules and exits. Its
 * complaint (a logfmt line, `err="…"`) is one finding at the health checks.
 */
export async function checkBlackboxConfig(tool: Tool, cwd: string, configFile: string, at: Located): Promise<Diagnostic[]> {
  const run = await runTool(tool, ['--config.check', `--config.file=${configFile}`], { cwd, collector: 'start-bound' });
  const err = /\berr="((?:[^"\\]|\\.)*)"/.exec(run.output)?.[1];
  const message = err === undefined ? undefined : err.replace(/\\n/g, ' ').replace(/\\"/g, '"').replace(/\s+/g, ' ').trim();
  return toolDiagnostics('blackbox-exporter/config-check', run, message ? [{ file: configFile, message }] : [], () => at);
}
