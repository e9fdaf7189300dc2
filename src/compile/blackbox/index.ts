import type { HealthCheckModel, Model } from '../../model/types.js';
import { headerLines, yamlFile, type OutputFile } from '../output.js';
import { anyDepthFieldRegexp, topLevelFieldRegexp } from './json-regexp.js';

export const BLACKBOX_CONFIG = 'blackbox/blackbox.yml';

/**
 * The body checks of a check: each expected field a member of the top-level object, each component
 * a member anywhere (see json-regexp.ts for how a regexp reads JSON).
 */
export function bodyRegexps(check: Pick<HealthCheckModel, 'expectJson' | 'components' | 'componentHealthy'>): string[] {
  return [
    ...check.expectJson.map(([key, value]) => topLevelFieldRegexp(key, value)),
    ...check.components.map((c) => anyDepthFieldRegexp(c, check.componentHealthy)),
  ];
}

function module(check: HealthCheckModel) {
  const bodyMustMatch = bodyRegexps(check);
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
