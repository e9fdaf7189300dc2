import type { Diagnostic } from '../diagnostic.js';
import type { Check, CheckContext, Finding } from './check.js';
import { at } from './check.js';

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Runs one check; a stack overflow inside it (a definition deeper than its recursion follows)
 * becomes a finding at the expression that caused it, instead of a crash: the check is run again
 * expression by expression, the others' findings kept (once), the culprit reported.
 */
export function runGuarded(check: Check, context: CheckContext, report: (finding: Finding) => void): void {
  const found: Finding[] = [];
  try {
    check.run(context, (f) => found.push(f));
    found.forEach(report);
    return;
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
  }
  const seen = new Set<string>();
  const keep = (f: Finding) => {
    const key = JSON.stringify(f);
    if (!seen.has(key)) {
      seen.add(key);
      report(f);
    }
  };
  for (const e of context.expressions) {
    const local: Finding[] = [];
    try {
      check.run({ ...context, expressions: [e] }, (f) => local.push(f));
      local.forEach(keep);
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      keep({
        severity: 'warning',
        message: `${check.id} could not follow this expression (nested too deep for its recursion); it was skipped (promtool still checks it)`,
        hint: 'split it (e.g. into recording rules)',
        ...at(e),
      });
    }
  }
}

