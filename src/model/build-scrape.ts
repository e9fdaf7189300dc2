import type { ScrapeJobInput } from './schema/prometheus.js';
import type { ScrapeJobModel, SecretFileModel } from './types.js';
import { durationMs } from '../duration.js';
import { located } from './located.js';

const secret = (s: { path: string }): SecretFileModel => ({ path: s.path });

/** Only the fields written, so that the model (and the output) says nothing the definition did not. */
function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A scrape job of the definitions in the model: defaults written out, secrets as their paths. */
export function buildScrapeJob(j: ScrapeJobInput, scrapeInterval: string): ScrapeJobModel {
  return present({
    job: j.name,
    targets: [...(j.targets ?? [])],
    kubernetes: j.kubernetes,
    fileSd: j.fileSd,
    httpSd: j.httpSd,
    metricsPath: j.path ?? '/metrics',
    interval: j.interval,
    intervalMs: durationMs(j.interval ?? scrapeInterval)!,
    timeout: j.timeout,
    scheme: j.scheme ?? 'http',
    labels: j.labels ?? {},
    relabel: j.relabel ?? [],
    metricRelabel: j.metricRelabel ?? [],
    params: j.params,
    honorLabels: j.honorLabels,
    sampleLimit: j.sampleLimit,
    scrapeProtocols: j.scrapeProtocols,
    basicAuth: j.basicAuth && { username: j.basicAuth.username, password: secret(j.basicAuth.password) },
    authorization: j.authorization && present({ type: j.authorization.type, credentials: secret(j.authorization.credentials) }),
    oauth2: j.oauth2 && present({ ...j.oauth2, clientSecret: secret(j.oauth2.clientSecret) }),
    tls: j.tls && present({ ...j.tls, key: j.tls.key && secret(j.tls.key) }),
    ...located(j, ['prometheus', 'scrapeJobs', j.name]),
  });
}
