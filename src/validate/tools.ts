import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../diagnostic.js';
import { toolScratch } from './scratch.js';
import { binaryIdentity, cacheDir, rememberedVersion, rememberVersion } from './version-memo.js';

export type ToolName = 'promtool' | 'amtool' | 'blackbox-exporter';

/** Environment variables that point at a specific binary, before PATH is searched. */
export const TOOL_ENV: Record<ToolName, string> = {
  promtool: 'TOTEM_MON_PROMTOOL',
  amtool: 'TOTEM_MON_AMTOOL',
  'blackbox-exporter': 'TOTEM_MON_BLACKBOX_EXPORTER',
};

/** The executables a tool goes by on PATH, in order: Debian names the blackbox exporter after its package. */
const TOOL_BINARIES: Record<ToolName, readonly string[]> = {
  promtool: ['promtool'],
  amtool: ['amtool'],
  'blackbox-exporter': ['prometheus-blackbox-exporter', 'blackbox_exporter'],
};

export interface Tool {
  name: ToolName;
  path: string;
  /** e.g. `2.42.0+ds`; undefined when `--version` did not say a release we read (see `versionAnswer`). */
  version?: string;
  /** What `--version` did when it said no release we read: validate then refuses the tool (src/validate/tool-target.ts). */
  versionAnswer?: VersionAnswer;
  /** Time limit of each run (default TOOL_TIMEOUT_MS, or TOTEM_MON_TOOL_TIMEOUT). */
  timeoutMs?: number;
  /** The TMPDIR its runs get: the scratch folder validate made for this run (src/validate/run-tools.ts), so that its paths, and only those, are known as the tools' scratch files. */
  scratch?: string;
}

/** Where each tool comes from, per platform: the distribution package, Homebrew, the upstream release, the Docker image. */
const SOURCES: Record<ToolName, { binary: string; apt: string; brew: string; release: string; docker: string; env: string }> = {
  promtool: {
    binary: 'promtool',
    apt: 'prometheus',
    brew: 'prometheus',
    release: 'https://github.com/prometheus/prometheus/releases (prometheus-<version>.<os>-<arch>.tar.gz holds promtool)',
    docker: 'prom/prometheus (/bin/promtool)',
    env: 'TOTEM_MON_PROMTOOL',
  },
  amtool: {
    binary: 'amtool',
    apt: 'prometheus-alertmanager',
    brew: 'alertmanager',
    release: 'https://github.com/prometheus/alertmanager/releases (alertmanager-<version>.<os>-<arch>.tar.gz holds amtool)',
    docker: 'prom/alertmanager (/bin/amtool)',
    env: 'TOTEM_MON_AMTOOL',
  },
  'blackbox-exporter': {
    binary: 'blackbox_exporter',
    apt: 'prometheus-blackbox-exporter',
    brew: 'blackbox_exporter',
    release: 'https://github.com/prometheus/blackbox_exporter/releases (blackbox_exporter-<version>.<os>-<arch>.tar.gz)',
    docker: 'prom/blackbox-exporter (/bin/blackbox_exporter)',
    env: 'TOTEM_MON_BLACKBOX_EXPORTER',
  },
};

function installHint(tool: ToolName): string {
  const s = SOURCES[tool];
  return (
    `install ${s.binary}: Debian/Ubuntu \`sudo apt-get install ${s.apt}\`; macOS \`brew install ${s.brew}\`; ` +
    `or unpack an upstream release from ${s.release}; or use the Docker image ${s.docker}. ` +
    `Put ${s.binary} on PATH or set ${s.env}=/path/to/${s.binary}; \`totem-mon validate --offline\` skips the tools`
  );
}

/** How to get a missing tool; printed with exit code 2. */
export const INSTALL_HINT: Record<ToolName, string> = {
  promtool: installHint('promtool'),
  amtool: installHint('amtool'),
  'blackbox-exporter': installHint('blackbox-exporter'),
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
  for (const binary of TOOL_BINARIES[name]) {
    const found = findOnPath(binary, env);
    if (found) return found;
  }
  return undefined;
}

/** Default time limit of one tool run; a hung tool must not hang CI. */
export const TOOL_TIMEOUT_MS = 120_000;
/** Time limit of `--version`, the first call, unless TOTEM_MON_TOOL_TIMEOUT sets one (versionTimeoutMs). */
export const VERSION_TIMEOUT_MS = 15_000;
/** After the time limit a tool gets SIGTERM; what is still alive this much later gets SIGKILL. */
export const KILL_GRACE_MS = 2_000;
/** Overrides the time limit of every tool run, in seconds (e.g. `TOTEM_MON_TOOL_TIMEOUT=300`). */
export const TIMEOUT_ENV = 'TOTEM_MON_TOOL_TIMEOUT';

/** The time limit TOTEM_MON_TOOL_TIMEOUT sets (seconds, as ms), or undefined when it sets none (unset, empty, or not a positive number: assertToolTimeout refuses those first). */
function timeoutSetting(env: NodeJS.ProcessEnv): number | undefined {
  const given = env[TIMEOUT_ENV]?.trim();
  const seconds = given !== undefined && /^(\d+(\.\d*)?|\.\d+)$/.test(given) ? Number(given) : NaN;
  return seconds > 0 ? Math.round(seconds * 1000) : undefined;
}

/**
 * A TOTEM_MON_TOOL_TIMEOUT that is set but no number of seconds (`2s`, `-1`, `0`) is a usage error
 * (exit 2), as a bad --load-timeout is: ignored, it left every tool the default 120 s. Empty is unset.
 */
export function assertToolTimeout(env: NodeJS.ProcessEnv = process.env): void {
  const given = env[TIMEOUT_ENV];
  if (given === undefined || given.trim() === '' || timeoutSetting(env) !== undefined) return;
  throw new UsageError(`${TIMEOUT_ENV}: "${given}" is not a number of seconds`, 2, `give each tool run's time limit in seconds, e.g. ${TIMEOUT_ENV}=300 (default ${TOOL_TIMEOUT_MS / 1000})`);
}

/** The time limit from TOTEM_MON_TOOL_TIMEOUT (seconds), else the default. */
export function toolTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return timeoutSetting(env) ?? TOOL_TIMEOUT_MS;
}

/**
 * The time limit of `--version`: TOTEM_MON_TOOL_TIMEOUT when it is set, as for every other run (a CI
 * that sets 2 s waits 2 s at most; a slow runner that sets 300 s, an emulated architecture say, where
 * a start-up is what is slow, is not cut off at 15 s), else VERSION_TIMEOUT_MS.
 */
export function versionTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return timeoutSetting(env) ?? VERSION_TIMEOUT_MS;
}

/** What a tool's `--version` run did: its streams apart, how it ended. */
export interface VersionAnswer {
  stdout: string;
  stderr: string;
  /** -1 when it did not exit by itself (a signal, or it could not start). */
  exitCode: number;
  /** The signal that ended it (`SIGSEGV`), if one did. */
  signal?: string;
  timedOut: boolean;
  /** Its time limit (ms). */
  limitMs?: number;
  /** The program its version line names when that is another tool (`promtool` for a tool looked up as amtool). */
  program?: string;
}

export interface ToolRun {
  exitCode: number;
  /** The signal that ended the tool (`SIGSEGV`), if one did. */
  signal?: string;
  /** stdout alone. */
  stdout: string;
  /** stdout and stderr interleaved as they arrived (the order between the two is not guaranteed). */
  output: string;
  /** stderr alone (promtool test rules writes each failed case there as one block). */
  stderr: string;
  timedOut: boolean;
  command: string;
  /** The arguments it was given (`command` without the tool's name, unjoined: a file name may hold a space). */
  args: string[];
}

/** Process groups of the tools running now, so that an interrupted validate can end them. */
const runningGroups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // A negative pid is the process group: the tool and whatever it started.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Ends every running tool with everything it started (validate was interrupted). */
export function killRunningTools(): void {
  for (const pid of runningGroups) killGroup(pid, 'SIGKILL');
  runningGroups.clear();
}

export interface RunOptions {
  cwd: string;
  timeoutMs?: number;
  /** What the run's work is like, for its garbage collector (GOGC): see Collector. */
  collector?: Collector;
}

/**
 * What a tool run's work is like, which sets how long its Go garbage collector waits (GOGC, unless
 * the environment sets one):
 * - 'start-bound': mostly the tool's own start-up, on an input of a small, fixed size (`--version`,
 *   a config check, a routing test): START_BOUND_GOGC.
 * - 'rule-check': checking rule files, where each file's parse is garbage once the file is checked:
 *   RULE_CHECK_GOGC.
 * - none: Go's default, for `test rules`, whose heap holds each test's storage and rules.
 */
export type Collector = 'start-bound' | 'rule-check';

/**
 * GOGC of the start-bound runs. The Go runtime's first heap target is 4 MiB, and the tools' package
 * initialisation alone allocates past it (promtool's init functions take ~16 ms), so a run that only
 * starts collects garbage several times, with a mark worker per core. At 1000 the first target is
 * ~40 MiB and the heap may grow to 11 times what is live, bounded by what is live as with Go's
 * default: promtool's `--version` ~22 → ~17 ms of CPU, the same peak RSS (~34 MiB).
 */
export const START_BOUND_GOGC = '1000';

/**
 * GOGC of the runs that check rule files (`check rules`, and `check config` when it checks them).
 * What such a run keeps alive is small and the same whatever the number of files (the file being
 * checked), while parsing each rule's YAML and PromQL makes garbage in proportion to the files: at
 * 400 the heap may grow to 5 times what is live before a collection instead of twice. Half the large
 * benchmark's rule files (50 files, 2.4 MiB) in one process: CPU 1.71 → 1.40 s (medians of 8
 * alternating runs; 300 and 800 in the same range, 1.30 and 1.34 s, 800 at 81 MB), peak RSS 43 → 57
 * MB; all 100 files: 43 → 58 MB.
 * `test rules` keeps Go's default: at 200 its CPU fell ~15% and its peak tripled (64 → 183 MB on
 * half the large benchmark's tests), at 400 it grew six-fold.
 */
export const RULE_CHECK_GOGC = '400';

const GOGC_OF: Record<Collector, string> = { 'start-bound': START_BOUND_GOGC, 'rule-check': RULE_CHECK_GOGC };

/**
 * Runs a tool in its own process group and, at the time limit, kills the whole group: a tool whose
 * child keeps stdout open (a wrapper script, `sleep 1000 &`) cannot hold validate past its limit.
 */
export async function runTool(tool: Tool, args: readonly string[], options: RunOptions): Promise<ToolRun> {
  const limit = options.timeoutMs ?? tool.timeoutMs ?? TOOL_TIMEOUT_MS;
  // Imported on first use: `validate --offline` and `generate` never run a tool (execa is ~100 modules).
  const { execa } = await import('execa');
  const subprocess = execa(tool.path, args, {
    cwd: options.cwd,
    all: true,
    reject: false,
    stdin: 'ignore',
    env: toolEnv(process.env, options.collector, tool.scratch),
    // Its own process group (killed as a whole below); execa's `cleanup` does not apply to detached
    // processes, so an interrupted validate ends the groups itself (killRunningTools).
    detached: true,
  });
  const pid = subprocess.pid;
  let timedOut = false;
  let forceKill: NodeJS.Timeout | undefined;
  const limitTimer = setTimeout(() => {
    if (pid === undefined) return;
    timedOut = true;
    killGroup(pid, 'SIGTERM');
    forceKill = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
  }, limit);
  if (pid !== undefined) runningGroups.add(pid);
  try {
    const result = await subprocess;
    return {
      exitCode: result.exitCode ?? -1,
      ...(result.signal ? { signal: result.signal } : {}),
      stdout: String(result.stdout ?? ''),
      output: String(result.all ?? ''),
      stderr: String(result.stderr ?? ''),
      timedOut: timedOut || Boolean(result.timedOut),
      command: `${tool.name} ${args.join(' ')}`,
      args: [...args],
    };
  } finally {
    clearTimeout(limitTimer);
    clearTimeout(forceKill);
    if (pid !== undefined) {
      runningGroups.delete(pid);
      // Whatever the tool left running in its group (it exited, its children did not) goes too.
      killGroup(pid, 'SIGKILL');
    }
  }
}

/**
 * What the tools' environment adds to ours: messages in English (LANG=C: src/validate/tool-output.ts
 * reads them), their scratch files in `scratch` (validate's own folder for the run) or, without one,
 * where it can, in memory (TMPDIR: src/validate/scratch.ts), and the collector's GOGC for the kind
 * of run (Collector; a GOGC of the environment wins).
 */
export function toolEnv(env: NodeJS.ProcessEnv, collector?: Collector, own?: string): NodeJS.ProcessEnv {
  const scratch = own ?? toolScratch(env);
  return { LANG: 'C', ...(scratch ? { TMPDIR: scratch } : {}), ...(collector && env['GOGC'] === undefined ? { GOGC: GOGC_OF[collector] } : {}) };
}

/**
 * A version line: `<program>, version <release> (branch: …)`, as prometheus/common's version.Print
 * writes it for promtool, amtool and the blackbox exporter; the release starts with digits
 * (`2.42.0+ds`, `v0.27.0`). `go version: go1.19.8`, further down, is no such line.
 */
const VERSION = /(?:^|[\s,])version\s+(v?\d+\.\d+\S*)/;

/** The release a version line says (`promtool, version 2.42.0+ds (branch: …)` → `2.42.0+ds`), from the first line that says one. */
export function parseVersion(output: string): string | undefined {
  return versionLine(output)?.release;
}

/** The first version line's release and, when it names one, its program (`promtool, version …` → promtool). */
function versionLine(output: string): { release: string; program?: string } | undefined {
  for (const line of output.split('\n')) {
    const release = VERSION.exec(line)?.[1];
    if (!release) continue;
    const program = /^\s*([^\s,]+),\s*version\s/.exec(line)?.[1];
    return program === undefined ? { release } : { release, program };
  }
  return undefined;
}

/**
 * The program a `--version` run's version line names when that is not `name`'s (another tool's
 * binary: `TOTEM_MON_AMTOOL` set to promtool), else undefined. prometheus/common's version.Print is
 * called with the program's own name, one of the tool's binary names (the blackbox exporter says
 * `blackbox_exporter` whatever its binary is called).
 */
export function otherProgram(run: Pick<VersionAnswer, 'stdout' | 'stderr'>, name: ToolName): string | undefined {
  const program = (versionLine(run.stdout) ?? versionLine(run.stderr))?.program;
  return program !== undefined && !TOOL_BINARIES[name].includes(program) ? program : undefined;
}

/**
 * The release a `--version` run said, or undefined: only a run that exited 0 in time says one
 * (a crash or an error after a version line is no answer to trust). Either stream: the tools print
 * it on stdout or on stderr, by tool and release (kingpin wrote it to stderr before it moved to
 * stdout), stdout read first.
 */
export function readVersion(run: Pick<VersionAnswer, 'stdout' | 'stderr' | 'exitCode' | 'timedOut'>, name?: ToolName): string | undefined {
  if (run.timedOut || run.exitCode !== 0) return undefined;
  // Another program's release is no release of this tool (its verdicts would be that program's errors).
  if (name !== undefined && otherProgram(run, name) !== undefined) return undefined;
  return parseVersion(run.stdout) ?? parseVersion(run.stderr);
}

export async function resolveTool(name: ToolName, env: NodeJS.ProcessEnv = process.env): Promise<Tool | undefined> {
  const found = findTool(name, env);
  if (!found) return undefined;
  const timeoutMs = toolTimeoutMs(env);
  // A binary's version is asked once (src/validate/version-memo.ts); a remembered answer that says no release is asked again.
  const memo = cacheDir(env);
  const identity = memo === undefined ? undefined : binaryIdentity(found, [...new Set([...TOOL_BINARIES[name], SOURCES[name].binary])]);
  const remembered = rememberedVersion(memo, identity);
  if (remembered && parseVersion(`version ${remembered}`) === remembered) return { name, path: found, timeoutMs, version: remembered };
  const limitMs = versionTimeoutMs(env);
  const run = await runTool({ name, path: found, timeoutMs }, ['--version'], { cwd: process.cwd(), timeoutMs: limitMs, collector: 'start-bound' });
  const version = readVersion(run, name);
  if (version) {
    rememberVersion(memo, identity, version);
    return { name, path: found, timeoutMs, version };
  }
  const { stdout, stderr, exitCode, signal, timedOut } = run;
  const program = otherProgram(run, name);
  return { name, path: found, timeoutMs, versionAnswer: { stdout, stderr, exitCode, ...(signal ? { signal } : {}), timedOut, limitMs, ...(program ? { program } : {}) } };
}

/** The tool, or a usage error (exit 2) that says how to install it. */
export async function requireTool(name: ToolName, env: NodeJS.ProcessEnv = process.env): Promise<Tool> {
  return required(name, resolveTool(name, env));
}

/**
 * The tools validate may run, each looked up once (`--version` runs once per tool), all at once: the
 * CLI starts this as soon as the loader process is spawned, so the versions are known before the
 * definitions arrive. A missing promtool rejects (a usage error, awaited where it is reported); a
 * missing amtool or blackbox exporter is undefined (validate decides whether that matters).
 */
export interface ToolLookup {
  promtool: Promise<Tool>;
  amtool: Promise<Tool | undefined>;
  blackbox: Promise<Tool | undefined>;
}

export function lookUpTools(env: NodeJS.ProcessEnv = process.env): ToolLookup {
  const promtool = requireTool('promtool', env);
  promtool.catch(() => {}); // handled where it is awaited
  return { promtool, amtool: resolveTool('amtool', env), blackbox: resolveTool('blackbox-exporter', env) };
}

/** The tool found by a lookup, or the usage error (exit 2) that says how to install it. */
export async function required(name: ToolName, found: Promise<Tool | undefined>): Promise<Tool> {
  const tool = await found;
  if (!tool) throw new UsageError(`${name} not found (looked at $${TOOL_ENV[name]} and PATH)`, 2, INSTALL_HINT[name]);
  return tool;
}
