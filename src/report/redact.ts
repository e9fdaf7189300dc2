import type { Diagnostic } from '../diagnostic.js';
import { redact, redactSecrets } from '../secrets/detect.js';

/**
 * A finding as every report shows it: whatever looks like a secret (a URL's password, a token
 * parameter, a Slack/GitHub/AWS/… token) replaced by `***` in the message, hint, path, generated
 * file and excerpt. Tools echo their input (promtool prints the offending line), so this applies to
 * every finding, not only to the secret scan's. The one redaction every format uses.
 */
export function redactDiagnostic(d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, message: redactSecrets(d.message) };
  if (d.hint !== undefined) out.hint = redactSecrets(d.hint);
  if (d.path !== undefined) out.path = d.path.map(redactSecrets);
  if (d.file !== undefined) out.file = redactSecrets(d.file);
  if (d.excerpt !== undefined) {
    const r = redact(d.excerpt.text);
    const from = r.offset(d.excerpt.from);
    out.excerpt = { text: r.text, from, to: Math.max(from, r.offset(d.excerpt.to)) };
  }
  return out;
}
