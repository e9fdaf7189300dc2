import { expect } from 'vitest';
import { findSecrets, findSecretsInText, redactForReport, redactSecrets } from '../../src/secrets/detect.js';
import { redactText } from '../../src/report/redact.js';

/** No way totem-mon shows `text` echoes `secret`: the redactions, the report's and each match as a finding shows it. */
export function expectHiddenEverywhere(text: string, secret: string): void {
  expect(redactSecrets(text)).not.toContain(secret);
  expect(redactForReport(text).text).not.toContain(secret);
  expect(redactText(text)).not.toContain(secret);
  for (const m of findSecrets(text)) expect(m.redacted).not.toContain(secret);
  for (const m of findSecretsInText(text)) expect(m.redacted).not.toContain(secret);
}
