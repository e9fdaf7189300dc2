import type { Severity } from '../diagnostic.js';
import type { Located } from '../model/types.js';
import { formatPath } from '../diagnostic.js';

/**
 * An `ignore` that silenced nothing: the problem it excused is gone, or it sits on a definition the
 * finding is not about. Reported by runLint (src/lint/run.ts), which knows what each ignore silenced;
 * only for checks that ran (a `tests/…` ignore is judged by `validate`, not by `generate`).
 */
export const lintStaleIgnore = {
  id: 'lint/stale-ignore',
  severity: 'warning' as Severity,
  description: "An ignore on a definition silences some finding of its check (otherwise it is stale).",
  finding(checkId: string, definition: readonly string[], at: Located) {
    return {
      message: `ignore of ${checkId} on ${formatPath(definition) || 'the project'} silences nothing: ${checkId} finds nothing there`,
      hint: `remove '${checkId}' from this ignore (what it excused is gone), or move it to the definition the finding names`,
      ...at,
    };
  },
};
