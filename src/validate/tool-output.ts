/**
 * promtool and amtool print their findings as text, interleaved with progress lines:
 *
 *   Checking prometheus/rules/totem.yml
 *     FAILED:
 *   prometheus/rules/totem.yml: 5:15: group "g", rule 1, "A": could not parse expression: …
 *   lint error 1 duplicate rule(s) found.
 *   Metric: job:up:sum
 *
 * This turns such output into messages, each tied to the file being checked.
 */
export interface ToolMessage {
  /** Output-relative path of the file the message is about. */
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** From promtool's `group "g", rule 1, "A": …` prefix. */
  group?: string;
  ruleIndex?: number;
  ruleName?: string;
}

// amtool prints `Checking 'f'` without a newline, so its FAILED can follow on the same line.
const CHECKING = /^Checking '?(.+?)'?(?:\s+(FAILED:.*))?$/;
const NOISE = /^(SUCCESS|Found:|amtool: error: failed to validate|$)/;
const RULE_PREFIX = /^group "([^"]*)", rule (\d+), "([^"]*)": (.*)$/s;
const POSITION = /^(\d+):(\d+): (.*)$/s;

function withRulePlace(entry: ToolMessage): ToolMessage {
  const rule = RULE_PREFIX.exec(entry.message);
  if (!rule) return entry;
  return { ...entry, group: rule[1]!, ruleIndex: Number(rule[2]) - 1, ruleName: rule[3]!, message: rule[4]! };
}

/** The files a tool said it was checking (`Checking <file>`), in its order. */
export function checkedFiles(output: string): string[] {
  return output.split('\n').flatMap((raw) => CHECKING.exec(raw.trim())?.[1] ?? []);
}

export function parseToolOutput(output: string, files: readonly string[], fallbackFile: string): ToolMessage[] {
  const messages: ToolMessage[] = [];
  let current = fallbackFile;
  // Lines without a file prefix (promtool's lint blocks) continue the message before them.
  let continuing: ToolMessage | undefined;
  const byLength = [...files].sort((a, b) => b.length - a.length);

  for (const raw of output.split('\n')) {
    let line = raw.trim();
    const checking = CHECKING.exec(line);
    if (checking) {
      current = checking[1]!;
      continuing = undefined;
      if (checking[2] === undefined) continue;
      line = checking[2];
    }
    if (line.startsWith('FAILED:')) {
      line = line.slice('FAILED:'.length).trim();
      continuing = undefined;
    }
    if (NOISE.test(line)) continue;

    const file = byLength.find((f) => line.startsWith(`${f}: `));
    if (file) {
      let rest = line.slice(file.length + 2);
      const entry: ToolMessage = { file, message: rest };
      const position = POSITION.exec(rest);
      if (position) {
        rest = position[3]!;
        Object.assign(entry, { line: Number(position[1]), column: Number(position[2]), message: rest });
      }
      messages.push(withRulePlace(entry));
      continuing = undefined;
    } else if (continuing) {
      continuing.message += `\n${line}`;
    } else {
      continuing = { file: current, message: line };
      messages.push(continuing);
    }
  }
  return messages;
}
