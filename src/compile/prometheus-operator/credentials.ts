/**
 * A scrape job's credentials as the operator's resources name them (ScrapeConfig and ServiceMonitor
 * endpoints share the shapes): every secret a Secret key (src/model/outputs.ts secretKeyOf).
 */
import type { ScrapeJobModel, SecretFileModel } from '../../model/types.js';
import { OPERATOR_PROMETHEUS_SECRETS_DIR, secretKeyOf, type PrometheusOperatorOutputModel } from '../../model/outputs.js';
import { compact } from '../output.js';

export function scrapeCredentials(job: ScrapeJobModel, output: PrometheusOperatorOutputModel): Record<string, unknown> {
  // The schema refused a secretFile no Secret holds (refuseUnmountedSecrets): one is always found.
  const secret = (s: SecretFileModel) => secretKeyOf(s.path, output.alertmanager.secrets, OPERATOR_PROMETHEUS_SECRETS_DIR)!;
  return compact({
    basicAuth: job.basicAuth && { username: { name: secret(job.basicAuth.password).name, key: 'username' }, password: secret(job.basicAuth.password) },
    authorization: job.authorization && compact({ type: job.authorization.type, credentials: secret(job.authorization.credentials) }),
    oauth2: job.oauth2 && compact({ clientId: { secret: { ...secret(job.oauth2.clientSecret), key: 'client_id' } }, clientSecret: secret(job.oauth2.clientSecret), tokenUrl: job.oauth2.tokenUrl, scopes: job.oauth2.scopes, endpointParams: job.oauth2.endpointParams }),
    tlsConfig:
      job.tls &&
      compact({
        ca: job.tls.caFile !== undefined ? { secret: secret({ path: job.tls.caFile }) } : undefined,
        cert: job.tls.certFile !== undefined ? { secret: secret({ path: job.tls.certFile }) } : undefined,
        keySecret: job.tls.key && secret(job.tls.key),
        serverName: job.tls.serverName,
        insecureSkipVerify: job.tls.insecureSkipVerify,
      }),
  });
}
