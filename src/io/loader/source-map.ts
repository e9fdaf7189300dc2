/**
 * Just enough of source maps for the loader: decode a `mappings` string (base64 VLQ) and find the
 * original position of a generated one. Node's own source-map support would do it too, but it
 * parses every module's map up front (a third of the loader's time on a large repository); here
 * a map is decoded only for files a position is asked of.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/**
 * Every segment as a [generated column, original line, original column] triple (0-based), in order,
 * in one buffer; generated line `i` (0-based) holds the triples from `lines[i]` to `lines[i + 1]`.
 * Two typed arrays, not one per line: nothing to allocate per line (a large file has thousands),
 * and both cross between threads as transferred buffers.
 */
export interface DecodedMappings {
  segments: Int32Array<ArrayBuffer>;
  lines: Int32Array<ArrayBuffer>;
}

export function decodeMappings(mappings: string): DecodedMappings {
  // One pass, the fields of a segment in locals, every line's triples in one buffer (each triple
  // takes at least 4 characters, so `mappings.length` ints are always enough) and where each line starts.
  const buffer = new Int32Array(mappings.length + 3);
  // Lines: one more than the `;`s, each `;` being one character, so `mappings.length + 2` entries are enough.
  const lineStarts = new Int32Array(mappings.length + 2);
  let lineTotal = 0;
  let count = 0;
  let generatedColumn = 0;
  let originalLine = 0;
  let originalColumn = 0;
  let field = 0; // fields read of the current segment
  let columnDelta = 0;
  let lineDelta = 0;
  let originalColumnDelta = 0;
  let value = 0;
  let shift = 0;
  for (let i = 0; i <= mappings.length; i++) {
    const code = i < mappings.length ? mappings.charCodeAt(i) : 59; // a final ';'
    if (code === 44 /* , */ || code === 59 /* ; */) {
      // [generated column, source, original line, original column, name?]; a 1-field segment maps nothing.
      if (field >= 4) {
        generatedColumn += columnDelta;
        originalLine += lineDelta;
        originalColumn += originalColumnDelta;
        buffer[count++] = generatedColumn;
        buffer[count++] = originalLine;
        buffer[count++] = originalColumn;
      } else if (field >= 1) {
        generatedColumn += columnDelta;
      }
      field = 0;
      if (code === 59) {
        lineStarts[++lineTotal] = count;
        generatedColumn = 0;
      }
      continue;
    }
    const digit = code < 128 ? DIGIT[code]! : -1;
    if (digit < 0) throw new Error(`invalid source map character ${JSON.stringify(mappings[i])}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    const decoded = value & 1 ? -(value >>> 1) : value >>> 1;
    if (field === 0) columnDelta = decoded;
    else if (field === 2) lineDelta = decoded;
    else if (field === 3) originalColumnDelta = decoded;
    field++;
    value = 0;
    shift = 0;
  }
  return { segments: buffer.slice(0, count), lines: lineStarts.slice(0, lineTotal + 1) };
}

/** How many generated lines the map covers. */
export function lineCount(decoded: DecodedMappings): number {
  return decoded.lines.length - 1;
}

/** The triples of generated line `line` (0-based): a view, empty when the line maps nothing. */
export function lineSegments(decoded: DecodedMappings, line: number): Int32Array {
  return line >= 0 && line < decoded.lines.length - 1 ? decoded.segments.subarray(decoded.lines[line]!, decoded.lines[line + 1]!) : new Int32Array(0);
}

/**
 * The original position (1-based line and column) of a generated one (1-based): the last segment
 * of the line at or before the column, else the line's first; undefined when the line maps nothing.
 */
export function originalPosition(decoded: DecodedMappings, line: number, column: number): { line: number; column: number } | undefined {
  const { segments, lines } = decoded;
  if (line < 1 || line >= lines.length) return undefined;
  const start = lines[line - 1]!;
  const end = lines[line]!;
  if (start === end) return undefined;
  let best = start;
  for (let i = start; i < end; i += 3) {
    if (segments[i]! <= column - 1) best = i;
    else break;
  }
  return { line: segments[best + 1]! + 1, column: segments[best + 2]! + 1 };
}
