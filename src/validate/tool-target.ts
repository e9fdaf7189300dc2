/**
 * Whether an installed promtool or amtool can judge the project's target (README "Target
 * versions"). A tool reads the configurations of its own release and of older ones (what
 * totem-mon already assumes: without `versions`, validate targets the installed tools' own
 * releases, and an older target is judged by a newer tool), so it can judge a target when its
 * release is at least the oldest release the target admits (`0.27` for `>=0.27`, `3.0` for `3.x`).
 * An older tool refuses what its successors added (amtool 0.25 reads `"service.name"="api"` as a
 * bad matcher) and cannot vouch for it either: validate does not run it and reports why (exit 2,
 * like a missing tool).
 *
 * Only a target the project or totem-mon.config.ts sets is held to this: without one the target is
 * the installed tools' own release (or the default, for a tool whose version says nothing we read
 * or that is older than the facts know), as before. A tool whose `--version` says nothing we read
 * is run as before too: nothing tells it is older.
 */
import { PROGRAM_NAME, type Program } from '../model/version-facts.js';
import type { TargetVersionsModel } from '../model/types.js';
import { atLeast } from '../model/version-order.js';
import { rangeOf } from '../model/version-range.js';
import type { Tool } from './tools.js';

/** The program whose release each tool judges. */
export const TOOL_PROGRAM = { promtool: 'prometheus', amtool: 'alertmanager' } as const satisfies Record<string, Program>;

export type JudgingTool = keyof typeof TOOL_PROGRAM;

/** A tool validate did not run because it is older than the target. */
export interface ToolTooOld {
  name: JudgingTool;
  /** As `--version` says it (`0.25.0`). */
  version: string;
  path: string;
  program: Program;
  /** The target as written (`>=0.27`). */
  target: string;
  /** Where the target was set. */
  from: 'config' | 'project';
  /** The oldest release the target admits: the tool's release must be this or later. */
  needs: string;
}

const FROM: Record<ToolTooOld['from'], string> = { config: 'set in totem-mon.config.ts', project: "set in the project's versions" };
const SETTING: Record<ToolTooOld['from'], string> = { config: 'versions in totem-mon.config.ts', project: "the project's versions" };

/** The release a tool's `--version` names (`2.42.0+ds` → `2.42`), or undefined. */
export function toolRelease(version: string | undefined): string | undefined {
  const m = version === undefined ? null : /^v?(\d+)\.(\d+)/.exec(version);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** The tool, when it is older than the target the project or config sets for its program; else undefined (it can judge). */
export function tooOld(tool: Tool | undefined, versions: TargetVersionsModel): ToolTooOld | undefined {
  if (!tool || !(tool.name in TOOL_PROGRAM)) return undefined;
  const name = tool.name as JudgingTool;
  const program = TOOL_PROGRAM[name];
  const from = versions.from[program];
  if (from !== 'config' && from !== 'project') return undefined;
  const release = toolRelease(tool.version);
  if (release === undefined || tool.version === undefined) return undefined;
  const target = versions[program];
  const needs = rangeOf(target).oldest;
  return atLeast(release, needs) ? undefined : { name, version: tool.version, path: tool.path, program, target, from, needs };
}

/** The usage error's text for a tool older than the target: what, why, and what to do. */
export function tooOldMessage(t: ToolTooOld): { message: string; hint: string } {
  const program = PROGRAM_NAME[t.program];
  return {
    message:
      `${t.name} ${t.version} (${t.path}) cannot judge the target ${program} ${t.target} (${FROM[t.from]}): ` +
      `it is older than ${program} ${t.needs}, the oldest release the target admits, so validate did not run it ` +
      `(its refusals of what later releases added would be false errors, and it cannot vouch for them); the offline checks ran`,
    hint:
      `install ${t.name} ${t.needs} or later (put it on PATH or set ${t.name === 'promtool' ? 'TOTEM_MON_PROMTOOL' : 'TOTEM_MON_AMTOOL'}=/path/to/${t.name}), ` +
      `or set ${SETTING[t.from]} (${t.program}) to the release production runs, or run \`totem-mon validate --offline\` to run only the offline checks`,
  };
}
