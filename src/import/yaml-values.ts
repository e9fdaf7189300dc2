/** Reading values out of parsed YAML/JSON documents, as the importers need them. */

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A scalar as the file's text had it (YAML reads `for: 5m` as a string, `value: 1` as a number). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A map of scalars as strings (absent: empty); undefined when it is not one. */
export function stringMap(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    const s = scalarText(v);
    if (s === undefined) return undefined;
    out[k] = s;
  }
  return out;
}
