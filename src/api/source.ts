import type { SourceRef } from '../diagnostic.js';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Everything under the package's own folder (src/ or dist/) is "ours"; the first stack frame
// outside it is the user's definition that called the builder.
const ownDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const framePattern = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

/**
 * Where the user's builder call ran. The file is absolute here; the loader makes it relative.
 * Cheap enough for 10,000 rules (one stack capture each).
 */
export function captureSource(): SourceRef | undefined {
  // The user's frame is a few frames up; a short trace is much cheaper to build (10,000 rules).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 12;
  const stack = new Error().stack;
  Error.stackTraceLimit = limit;
  if (!stack) return undefined;
  const lines = stack.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const match = framePattern.exec(lines[i]!.trim());
    if (!match) continue;
    let file = match[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (file.startsWith('node:') || file.includes(`${path.sep}node_modules${path.sep}jiti${path.sep}`)) continue;
    if (file.startsWith(ownDir + path.sep)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
