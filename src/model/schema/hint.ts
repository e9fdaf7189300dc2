/**
 * zod messages are plain strings; a schema that wants to give a hint writes `withHint(msg, hint)`
 * and the diagnostic converter splits it again. One convention, kept in this file.
 */
const SEPARATOR = '\u0000hint:';

export function withHint(message: string, hint: string): string {
  return `${message}${SEPARATOR}${hint}`;
}

export function splitHint(text: string): { message: string; hint?: string } {
  const at = text.indexOf(SEPARATOR);
  return at < 0 ? { message: text } : { message: text.slice(0, at), hint: text.slice(at + SEPARATOR.length) };
}
