/**
 * Regular expressions as Prometheus reads them: Go's RE2 syntax (re2js, a port of RE2), anchored at
 * both ends as relabeling and PromQL matchers anchor them. JavaScript's own engine accepts syntax
 * RE2 refuses (lookarounds, backreferences) and the other way round, so relabel rules use this.
 */
import { RE2JS } from 're2js';

export type Re2 = { ok: true; matches: (text: string) => boolean } | { ok: false; error: string };

export function re2(pattern: string): Re2 {
  try {
    const compiled = RE2JS.compile(`^(?:${pattern})$`);
    return { ok: true, matches: (text) => compiled.matches(text) };
  } catch (e) {
    // "error parsing regexp: invalid or unsupported Perl syntax: `(?=`", as Prometheus words it.
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
