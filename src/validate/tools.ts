import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

export type ToolName = 'promtool' | 'amtool';

/** Environment variables that point at a specific binary, before PATH is searched. */
export const TOOL_ENV: Record<ToolName, string> = {
  promtool: 'TOTEM_MON_PROMTOOL',
  amtool: 'TOTEM_MON_AMTOOL',
};

export interface Tool {
  name: ToolName;
  path: string;
  /** e.g. `2.42.0+ds`; undefined when `--version` printed nothing we understand. */
  version?: string;
}

/** How to get a missing tool; printed with exit code 2. */
export const INSTALL_HINT: Record<ToolName, string> = {
  promtool:
    'install promtool: `sudo apt-get install prometheus` (Debian/Ubuntu; or `bash scripts/install-tools.sh` in this repo), ' +
    'or unpack a release from https://prometheus.io/download/ and put promtool on PATH or set TOTEM_MON_PROMTOOL=/path/to/promtool; ' +
    '`totem-mon validate --offline` skips the tools',
  amtool:
    'install amtool: `sudo apt-get install prometheus-alertmanager` (Debian/Ubuntu; or `bash scripts/install-tools.sh` in this repo), ' +
    'or unpack an Alertmanager release from https://prometheus.io/download/ and put amtool on PATH or set TOTEM_MON_AMTOOL=/path/to/amtool; ' +
    '`totem-mon validate --offline` skips the tools',
};

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on PATH. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** The binary from TOTEM_MON_<TOOL> when set, else the first on PATH. */
export function findTool(name: ToolName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env[TOOL_ENV[name]];
  if (override) return isExecutable(override) ? override : undefined;
  return findOnPath(name, env);
}

/** Default time limit of one tool run; a hung tool must not hang CI. */
export const TOOL_TIMEOUT_MS = 120_000;

export interface ToolRun {
  exitCode: number;
  /** stdout and stderr interleaved as the tool wrote them. */
  output: string;
  timedOut: boolean;
  command: string;
}

export async function runTool(tool: Tool, args: readonly string[], options: { cwd: string; timeoutMs?: number }): Promise<ToolRun> {
  const result = await execa(tool.path, args, {
    cwd: options.cwd,
    all: true,
    reject: false,
    timeout: options.timeoutMs ?? TOOL_TIMEOUT_MS,
    stdin: 'ignore',
    env: { LANG: 'C' },
  });
  return {
    exitCode: result.exitCode ?? -1,
    output: String(result.all ?? ''),
    timedOut: Boolean(result.timedOut),
    command: `${tool.name} ${args.join(' ')}`,
  };
}

const VERSION = /version\s+(\S+)/;

/** `promtool, version 2.42.0+ds (branch: …)` → `2.42.0+ds`. */
export function parseVersion(output: string): string | undefined {
  return VERSION.exec(output.split('\n')[0] ?? '')?.[1];
}

export async function resolveTool(name: ToolName, env: NodeJS.ProcessEnv = process.env): Promise<Tool | undefined> {
  const found = findTool(name, env);
  if (!found) return undefined;
  const run = await runTool({ name, path: found }, ['--version'], { cwd: process.cwd(), timeoutMs: 15_000 });
  const version = parseVersion(run.output);
  return { name, path: found, ...(version ? { version } : {}) };
}
