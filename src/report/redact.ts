import type { Diagnostic } from '../diagnostic.js';
import { redactForReport } from '../secrets/detect.js';

/**
 * The one redaction every report applies to every string it prints: whatever looks like a secret
 * (a URL's password, `user:password@host`, a token parameter, a Slack/GitHub/AWS/… token, a quoted
 * value under a secret-looking name) replaced by `***`. Tools echo their input (promtool prints the
 * offending line, amtool the smarthost it could not parse), so this applies to every finding, not
 * only to the secret scan's, and to what reports print besides findings. `field`: the name the text
 * is the value of, when the report knows it (an alert's label `api_token`).
 */
export function redactText(text: string, field?: string): string {
  return redactForReport(text, field).text;
}

/** A finding as every report shows it: the message, hint, path, generated file and excerpt redacted. */
export function redactDiagnostic(d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, message: redactText(d.message) };
  if (d.hint !== undefined) out.hint = redactText(d.hint);
  if (d.path !== undefined) out.path = d.path.map((p) => redactText(p));
  if (d.file !== undefined) out.file = redactText(d.file);
  if (d.excerpt !== undefined) {
    const r = redactForReport(d.excerpt.text);
    const from = r.offset(d.excerpt.from);
    out.excerpt = { text: r.text, from, to: Math.max(from, r.offset(d.excerpt.to)) };
  }
  return out;
}

/**
 * Any value a report prints besides findings (the JSON report's `defaultRoute`, `silenced`, …),
 * every string redacted; a string in an object is redacted as the value of its key (an alert's
 * labels: `{ api_token: '…' }`).
 */
export function redactValue<T>(value: T, field?: string): T {
  if (typeof value === 'string') return redactText(value, field) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, field)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k), redactValue(v, k)])) as T;
}
