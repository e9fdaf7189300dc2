import { z } from 'zod';
import { CHECK_IDS, CHECK_SETTINGS, type CheckId, type CheckSetting } from '../../check-ids.js';
import { closest } from '../../suggest.js';
import { withHint } from './hint.js';

/** A record keyed by check id: an unknown id is refused with the closest known one. */
function byCheckId<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value).superRefine((record, ctx) => {
    for (const id of Object.keys(record)) {
      if ((CHECK_IDS as readonly string[]).includes(id)) continue;
      const near = closest(id, CHECK_IDS);
      ctx.addIssue({
        code: 'custom',
        path: [id],
        message: withHint(
          `unknown check id ${JSON.stringify(id)}`,
          near ? `did you mean ${JSON.stringify(near)}? (the README lists every check)` : 'the Checks table in the README lists every check id',
        ),
      });
    }
  });
}

const reason = z.string().refine((s) => s.trim() !== '', {
  message: withHint('an ignore needs a reason', "say why this definition is right as it is: ignore: { '<check id>': 'the reason' }"),
});

/** `ignore: { '<check id>': 'the reason' }` on a definition. */
export const ignore = byCheckId(reason)
  .transform((r) => r as Partial<Record<CheckId, string>>)
  .optional();

const setting = z.enum(CHECK_SETTINGS, {
  error: (issue) => withHint(`invalid check setting ${JSON.stringify(issue.input)}`, `use one of: ${CHECK_SETTINGS.join(', ')}`),
});

/** `lint: { checks: { '<check id>': 'off' | 'error' | 'warning' | 'info' } }` on the project. */
export const lintSchema = z
  .strictObject({ checks: byCheckId(setting).transform((r) => r as Partial<Record<CheckId, CheckSetting>>).optional() })
  .optional();
