import type { HealthCheckModel, Model } from '../../model/types.js';
import { headerLines, yamlFile, type OutputFile } from '../output.js';

export const BLACKBOX_CONFIG = 'blackbox/blackbox.yml';

/** A regular expression (Go RE2) that matches `text` literally. */
function literal(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * `"key": value` in a JSON body, whatever the spacing: how a JSON field is checked with the
 * prober of blackbox_exporter 0.23, which has regexp body checks and no JSON ones. The value is
 * written as JSON writes it (strings quoted, numbers, true/false/null bare) and must end there,
 * so `"status": "healthy"` does not match `"status": "healthy-ish"`.
 */
export function jsonFieldRegexp(key: string, value: string | number | boolean | null): string {
  const end = typeof value === 'string' ? '' : '\\s*[,}\\]]';
  return `"${literal(key)}"\\s*:\\s*${literal(JSON.stringify(value))}${end}`;
}

function module(check: HealthCheckModel) {
  const bodyMustMatch = [
    ...check.expectJson.map(([key, value]) => jsonFieldRegexp(key, value)),
    ...check.components.map((c) => jsonFieldRegexp(c, check.componentHealthy)),
  ];
  return {
    prober: 'http',
    timeout: check.timeout,
    http: {
      method: 'GET',
      ...(check.validStatusCodes.length > 0 ? { valid_status_codes: check.validStatusCodes } : {}),
      preferred_ip_protocol: 'ip4',
      ...(bodyMustMatch.length > 0 ? { fail_if_body_not_matches_regexp: bodyMustMatch } : {}),
    },
  };
}

/** out/blackbox/blackbox.yml: one http module per health check (only when the project has some). */
export function compileBlackbox(model: Model): OutputFile[] {
  if (model.healthChecks.length === 0) return [];
  const modules = Object.fromEntries(model.healthChecks.map((c) => [c.module, module(c)]));
  return [yamlFile(BLACKBOX_CONFIG, { modules }, headerLines(model.entry, 'blackbox exporter modules for the health checks'))];
}
