/**
 * A scrape job never holds a secret either: passwords, bearer tokens, OAuth2 client secrets and
 * TLS keys are files on the Prometheus host. Like alertmanager-secrets.ts, this runs on the raw
 * definition before its shape is checked, so that a literal is reported as what it is.
 */
import type { z } from 'zod';
import { withHint } from './hint.js';
import { fieldPath, isObject, what } from './alertmanager-secrets.js';

export const PROMETHEUS_SECRETS_DIR = '/etc/prometheus/secrets';

/** The secret fields of a scrape job (under basicAuth, authorization, oauth2, tls) and the Prometheus field each becomes. */
const SECRET_FIELDS: ReadonlyArray<[string, string, string]> = [
  ['basicAuth', 'password', 'password_file'],
  ['authorization', 'credentials', 'credentials_file'],
  ['oauth2', 'clientSecret', 'client_secret_file'],
  ['tls', 'key', 'key_file'],
];

/** zod refinement over one raw scrape job: one issue per literal secret. */
export function refuseLiteralScrapeSecrets(raw: unknown, ctx: z.RefinementCtx): void {
  if (!isObject(raw)) return;
  const name = typeof raw['name'] === 'string' ? raw['name'] : 'scrape job';
  for (const [section, key, output] of SECRET_FIELDS) {
    const settings = raw[section];
    const value = isObject(settings) ? settings[key] : undefined;
    if (typeof value !== 'string') continue;
    const path = [section, key];
    const file = `${PROMETHEUS_SECRETS_DIR}/${name}_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
    ctx.addIssue({
      code: 'custom',
      path,
      message: withHint(
        `scrape job ${name}: ${fieldPath(path)} holds a literal ${what(key, value)}; a definition never holds a secret`,
        `write ${key}: secretFile('${file}') and put the value in that file on the Prometheus host (the output then says ${output}: the path, never the value)`,
      ),
    });
  }
}
