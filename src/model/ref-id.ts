/** A panel query's id when the definition gives none: A, B, … Z, then A26, A27, … (stable, by position). */
export function defaultRefId(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `A${index}`;
}
