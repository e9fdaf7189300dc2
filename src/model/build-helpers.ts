/** Drops undefined fields so the model (and the files made from it) only holds what was written. */
export function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    // As Object.fromEntries would: an own `__proto__` stays a field, it does not set the prototype.
    if (v !== undefined) {
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
    }
  }
  return out as T;
}
