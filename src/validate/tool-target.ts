/**
 * Whether an installed promtool, amtool or blackbox exporter can judge the project's target (README "Target
 * versions"). A tool reads the configurations of its own release and of older ones (what
 * totem-mon already assumes: without `versions`, validate targets the installed tools' own
 * releases, and an older target is judged by a newer tool), so it can judge a target when its
 * release is at least the oldest release the target admits (`0.27` for `>=0.27`, `3.0` for `3.x`).
 * An older tool refuses what its successors added (amtool 0.25 reads `"service.name"="api"` as a
 * bad matcher) and cannot vouch for it either: validate does not run it and reports why (exit 2,
 * like a missing tool).
 *
 * Whatever the target, a tool older than the oldest release totem-mon supports (OLDEST in
 * src/model/version-facts.ts: what the facts and the output start from) is not run either: without
 * `versions` the target is then the default (the tool's own release is not one totem-mon can
 * target), so the output is written for a release the tool predates, and its verdict, an "ok"
 * above all, cannot be trusted. Nor is a tool whose `--version` says no release we read (it printed
 * nothing, or no version line, on either stream; it exited non-zero, crashed or hung): nothing tells
 * it is not older than both, so its verdict cannot be trusted either (reason `unreadable`).
 */
import { OLDEST, PROGRAM_NAME, type Program } from '../model/version-facts.js';
import type { TargetVersionsModel, VersionOrigin } from '../model/types.js';
import { atLeast } from '../model/version-order.js';
import { rangeOf } from '../model/version-range.js';
import { TOOL_ENV, type Tool, type VersionAnswer } from './tools.js';

/** The program whose release each tool judges (the blackbox exporter judges its own modules). */
export const TOOL_PROGRAM = { promtool: 'prometheus', amtool: 'alertmanager', 'blackbox-exporter': 'blackbox' } as const satisfies Record<string, Program>;

export type JudgingTool = keyof typeof TOOL_PROGRAM;

/** A tool validate did not run because it is older than the target, or than what totem-mon supports, or says no release. */
export interface ToolTooOld {
  name: JudgingTool;
  /** As `--version` says it (`0.25.0`); undefined when it says none (reason `unreadable`). */
  version: string | undefined;
  path: string;
  program: Program;
  /**
   * Why: `target`, older than the oldest release the target the project or config sets admits;
   * `unsupported`, older than the oldest release totem-mon supports (OLDEST), whatever the target;
   * `unreadable`, its `--version` said no release (`answer` says what it did).
   */
  reason: 'target' | 'unsupported' | 'unreadable';
  /** What `--version` did, in words (reason `unreadable`): `exited with code 1 and printed "…" on stderr`. */
  answer?: string;
  /** The target as written (`>=0.27`; the default `2.42` when nothing sets one). */
  target: string;
  /** Where the target was set. */
  from: VersionOrigin;
  /** The release the tool must be or be newer than: the oldest the target admits, or OLDEST (for `unreadable`, the one a tool of unknown release may be older than). */
  needs: string;
}

type Explicit = 'config' | 'project';
const FROM: Record<Explicit, string> = { config: 'set in totem-mon.config.ts', project: "set in the project's versions" };
const SETTING: Record<Explicit, string> = { config: 'versions in totem-mon.config.ts', project: "the project's versions" };
const isExplicit = (from: VersionOrigin): from is Explicit => from === 'config' || from === 'project';

/** The release a tool's `--version` names (`2.42.0+ds` → `2.42`), or undefined. */
export function toolRelease(version: string | undefined): string | undefined {
  const m = version === undefined ? null : /^v?(\d+)\.(\d+)/.exec(version);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** The most of each stream a message quotes. */
const QUOTED_CHARS = 200;

/** A stream's text as a message quotes it: one line, control characters escaped, cut after QUOTED_CHARS. */
function quoted(text: string): string {
  const trimmed = text.trim();
  const cut = trimmed.length > QUOTED_CHARS ? `${trimmed.slice(0, QUOTED_CHARS)}…` : trimmed;
  // JSON's escapes: newlines, tabs, escape sequences and other control characters as \n, \t, \u001b.
  return JSON.stringify(cut).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What a `--version` run that said no release did, in words: how it ended, and what it printed on which stream. */
export function describeAnswer(a: VersionAnswer): string {
  const ended = a.timedOut
    ? `did not finish within ${(a.limitMs ?? 0) / 1000} s`
    : a.signal
    ? `was ended by ${a.signal}`
    : a.exitCode === -1
    ? 'could not be started'
    : a.exitCode !== 0
    ? `exited with code ${a.exitCode}`
    : 'exited with code 0';
  const streams = ([['stdout', a.stdout], ['stderr', a.stderr]] as const).filter(([, text]) => text.trim() !== '').map(([name, text]) => `${quoted(text)} on ${name}`);
  const clean = a.exitCode === 0 && !a.timedOut && !a.signal;
  const which = a.program !== undefined ? `, the version line of another program (${a.program})` : clean ? ', no version line' : '';
  return `${ended} and printed ${streams.length === 0 ? 'nothing' : `${streams.join(' and ')}${which}`}`;
}

/**
 * The tool, when it is older than the target the project or config sets for its program, or than
 * the oldest release totem-mon supports, or when its `--version` said no release; else undefined
 * (it can judge).
 */
export function tooOld(tool: Tool | undefined, versions: TargetVersionsModel): ToolTooOld | undefined {
  if (!tool || !(tool.name in TOOL_PROGRAM)) return undefined;
  const name = tool.name as JudgingTool;
  const program = TOOL_PROGRAM[name];
  const release = toolRelease(tool.version);
  const from = versions.from[program];
  const target = versions[program];
  const found = { name, version: tool.version, path: tool.path, program, target, from };
  const needs = isExplicit(from) ? rangeOf(target).oldest : OLDEST[program];
  if (release === undefined) {
    const answer = tool.versionAnswer ? describeAnswer(tool.versionAnswer) : `said ${quoted(tool.version ?? '')}, no release`;
    return { ...found, version: undefined, reason: 'unreadable', answer, needs: atLeast(needs, OLDEST[program]) ? needs : OLDEST[program] };
  }
  // A target the project or config sets is at least OLDEST (the versions schema refuses older ones).
  if (isExplicit(from) && !atLeast(release, needs)) return { ...found, reason: 'target', needs };
  return atLeast(release, OLDEST[program]) ? undefined : { ...found, reason: 'unsupported', needs: OLDEST[program] };
}

/** A version line of each tool, as the hint shows what `--version` should print. */
const VERSION_LINE: Record<JudgingTool, string> = {
  promtool: 'promtool, version 2.42.0 (branch: …)',
  amtool: 'amtool, version 0.25.0 (branch: …)',
  'blackbox-exporter': 'blackbox_exporter, version 0.23.0 (branch: …)',
};

/** The usage error's text for a tool older than the target or than totem-mon supports: what, why, and what to do. */
export function tooOldMessage(t: ToolTooOld): { message: string; hint: string } {
  const program = PROGRAM_NAME[t.program];
  const install = `install ${t.name} ${t.needs} or later (put it on PATH or set ${TOOL_ENV[t.name]}=/path/to/${t.name === 'blackbox-exporter' ? 'blackbox_exporter' : t.name})`;
  const offline = 'or run `totem-mon validate --offline` to run only the offline checks';
  if (t.reason === 'unreadable') {
    return {
      message:
        `${t.name} (${t.path}) did not say which release it is: \`--version\` ${t.answer ?? 'said no release'}, so validate did not run it ` +
        `(a tool of unknown release may be older than ${program} ${t.needs}, and its verdict, an "ok" least of all, cannot be trusted); the offline checks ran`,
      hint: `run \`${t.path} --version\` by hand: it should exit 0 and print a line like \`${VERSION_LINE[t.name]}\`; if that file is not ${t.name} or does not run here, ${install}, ${offline}`,
    };
  }
  if (t.reason === 'unsupported' || !isExplicit(t.from)) {
    return {
      message:
        `${t.name} ${t.version} (${t.path}) is older than ${program} ${t.needs}, the oldest release totem-mon supports ` +
        `(its version facts and its output start there), so validate did not run it (its verdict on output written for ` +
        `${program} ${t.needs} or later cannot be trusted, an "ok" least of all); the offline checks ran`,
      hint: `${install}, ${offline}`,
    };
  }
  return {
    message:
      `${t.name} ${t.version} (${t.path}) cannot judge the target ${program} ${t.target} (${FROM[t.from]}): ` +
      `it is older than ${program} ${t.needs}, the oldest release the target admits, so validate did not run it ` +
      `(its refusals of what later releases added would be false errors, and it cannot vouch for them); the offline checks ran`,
    hint: `${install}, or set ${SETTING[t.from]} (${t.program}) to the release production runs, ${offline}`,
  };
}

/** How the summary line says it was not run: `amtool 0.25.0 not run (older than the target >=0.27)`. */
export function notRunLine(t: ToolTooOld): string {
  if (t.reason === 'unreadable') return `${t.name} not run (its version could not be read)`;
  const why = t.reason === 'unsupported' ? `older than ${PROGRAM_NAME[t.program]} ${t.needs}, the oldest release totem-mon supports` : `older than the target ${t.target}`;
  return `${t.name} ${t.version} not run (${why})`;
}
