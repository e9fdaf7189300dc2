/**
 * Just enough of source maps for the loader: decode a `mappings` string (base64 VLQ) and find the
 * original position of a generated one. Node's own source-map support would do it too, but it
 * parses every module's map up front (a third of the loader's time on a large repository); here
 * a map is decoded only for files a position is asked of.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/** Per generated line (0-based), its segments as [generated column, original line, original column] triples, 0-based. */
export type DecodedMappings = Int32Array[];

export function decodeMappings(mappings: string): DecodedMappings {
  const lines: DecodedMappings = [];
  let line: number[] = [];
  let generatedColumn = 0;
  let originalLine = 0;
  let originalColumn = 0;
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  const endSegment = () => {
    // [generated column, source, original line, original column, name?]; a 1-field segment maps nothing.
    if (fields.length >= 4) {
      generatedColumn += fields[0]!;
      originalLine += fields[2]!;
      originalColumn += fields[3]!;
      line.push(generatedColumn, originalLine, originalColumn);
    } else if (fields.length >= 1) {
      generatedColumn += fields[0]!;
    }
    fields.length = 0;
  };
  for (let i = 0; i <= mappings.length; i++) {
    const code = i < mappings.length ? mappings.charCodeAt(i) : 59; // a final ';'
    if (code === 44 /* , */ || code === 59 /* ; */) {
      endSegment();
      if (code === 59) {
        lines.push(Int32Array.from(line));
        line = [];
        generatedColumn = 0;
      }
      continue;
    }
    const digit = DIGIT[code] ?? -1;
    if (digit < 0) throw new Error(`invalid source map character ${JSON.stringify(mappings[i])}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return lines;
}

/**
 * The original position (1-based line and column) of a generated one (1-based): the last segment
 * of the line at or before the column, else the line's first; undefined when the line maps nothing.
 */
export function originalPosition(decoded: DecodedMappings, line: number, column: number): { line: number; column: number } | undefined {
  const segments = decoded[line - 1];
  if (!segments || segments.length === 0) return undefined;
  let best = 0;
  for (let i = 0; i < segments.length; i += 3) {
    if (segments[i]! <= column - 1) best = i;
    else break;
  }
  return { line: segments[best + 1]! + 1, column: segments[best + 2]! + 1 };
}
