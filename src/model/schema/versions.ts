import { z } from 'zod';
import { withHint } from './hint.js';
import { ALERTMANAGER_VERSIONS, PROMETHEUS_VERSIONS } from '../version-facts.js';

const oneOf = <T extends readonly [string, ...string[]]>(program: string, versions: T) =>
  z.enum(versions, { error: withHint(`not a ${program} version totem-mon targets`, `write one of ${versions.map((v) => `'${v}'`).join(', ')}`) });

/** `versions: { prometheus, alertmanager }` of defineProject and defineConfig. */
export const versionsSchema = z
  .strictObject({ prometheus: oneOf('Prometheus', PROMETHEUS_VERSIONS).optional(), alertmanager: oneOf('Alertmanager', ALERTMANAGER_VERSIONS).optional() })
  .optional();
