import type { Check } from './check.js';

/**
 * The definitions called the clock or chance while they loaded (`Date.now()`, `new Date()`,
 * `Math.random()`, `crypto.randomUUID()`, `performance.now()`, `process.hrtime()`…): whatever the
 * value feeds into differs on every run, so `generate --check` fails forever in CI with a diff that
 * does not say why. The loader process sees these calls (src/io/loader/nondeterminism.ts); a call
 * whose value is thrown away is reported too: it is the call that says the run depends on the moment.
 */
export const definitionsNondeterministic: Check = {
  id: 'definitions/nondeterministic',
  severity: 'warning',
  description: 'The definitions do not read the clock or random numbers while they load: each run would generate other files.',
  run({ nondeterministic }, report) {
    for (const use of nondeterministic ?? []) {
      report({
        message: `${use.api} returns another value on every run: whatever it feeds into is generated differently each time, so \`generate --check\` can never pass`,
        hint: 'use a fixed value, or read it from an environment variable (process.env) that the run sets; reading process.env is fine',
        source: use.source,
      });
    }
  },
};
