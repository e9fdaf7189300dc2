import { z } from 'zod';
import { withHint } from './hint.js';
import { judgeable, OLDEST, PROGRAM_NAME, type Program } from '../version-facts.js';
import type { VersionTarget } from '../../api/versions.js';

/** A target the facts can judge (src/model/version-range.ts): a release, a major or a lower bound, none older than what the facts know. */
const target = (program: Program, forms: string) =>
  z.string().refine((v): v is VersionTarget => judgeable(program, v), {
    error: withHint(
      `not a ${PROGRAM_NAME[program]} version totem-mon can judge (it knows ${PROGRAM_NAME[program]} ${OLDEST[program]} and later)`,
      `write ${forms} or a lower bound ('>=${OLDEST[program]}')`,
    ),
  });

/** `versions: { prometheus, alertmanager, blackbox }` of defineProject and defineConfig. */
export const versionsSchema = z
  .strictObject({
    prometheus: target('prometheus', "the release production runs ('2.53', '3.5'), every release of a major ('3.x')").optional(),
    alertmanager: target('alertmanager', "the release production runs ('0.27')").optional(),
    blackbox: target('blackbox', "the release of the blackbox exporter production runs ('0.25')").optional(),
  })
  .optional();
