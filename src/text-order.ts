/**
 * String orders that are the same on every machine (a leaf module).
 *
 * `localeCompare` follows the machine's locale: in Czech "ch" sorts after "h", in Lithuanian "y"
 * beside "i". Anything totem-mon writes or reports in a sorted order must not depend on where it
 * runs, so it sorts with these instead.
 */

/** UTF-16 code-unit order: for keys (label names, paths) where any fixed order will do. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case-folded first, then code units: the order a reader expects (`alert`, `AlertOptions`, `counter`). */
export function compareText(a: string, b: string): number {
  return compareCodeUnits(a.toLowerCase(), b.toLowerCase()) || compareCodeUnits(a, b);
}
