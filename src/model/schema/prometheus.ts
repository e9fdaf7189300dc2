import { z } from 'zod';
import { definition, duration, labelSet, matching, nonEmpty } from './common.js';
import { withHint } from './hint.js';
import { secretFileSchema } from './secret-file.js';
import { PROMETHEUS_SECRETS_DIR, refuseLiteralScrapeSecrets } from './scrape-secrets.js';
import { DEFAULT_SCRAPE_INTERVAL, KUBERNETES_ROLES, SCRAPE_PROTOCOLS } from '../scrape-facts.js';
import { durationMs } from '../../duration.js';
import { relabelRules } from './relabel.js';
import { kubernetesLabelSelector, kubernetesName } from './kubernetes-name.js';

const target = matching(
  (t) => /^[^\s/:]+:\d{1,5}$/.test(t) || /^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(t),
  (t) => withHint(`invalid target ${JSON.stringify(t)}`, "targets are host:port, without scheme or path, e.g. 'api:8000'"),
);

const httpUrl = matching(
  (u) => /^https?:\/\/[^\s/]+/.test(u),
  (u) => withHint(`invalid URL ${JSON.stringify(u)}`, "write an http(s) URL, e.g. 'http://discovery:8080/targets'"),
);

const secretFile = secretFileSchema('Prometheus', PROMETHEUS_SECRETS_DIR, 'api_token');

const kubernetesSd = z.strictObject({
  role: z.enum(KUBERNETES_ROLES, { error: withHint('unknown Kubernetes role', `roles are ${KUBERNETES_ROLES.join(', ')}`) }),
  namespaces: z.array(kubernetesName('namespace')).min(1).optional(),
  labelSelector: kubernetesLabelSelector.optional(),
  fieldSelector: nonEmpty.optional(),
  apiServer: httpUrl.optional(),
});

const auth = {
  basicAuth: z.strictObject({ username: nonEmpty, password: secretFile }).optional(),
  authorization: z.strictObject({ type: nonEmpty.optional(), credentials: secretFile }).optional(),
  oauth2: z
    .strictObject({
      clientId: nonEmpty,
      clientSecret: secretFile,
      tokenUrl: httpUrl,
      scopes: z.array(nonEmpty).optional(),
      endpointParams: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  tls: z
    .strictObject({
      caFile: nonEmpty.optional(),
      certFile: nonEmpty.optional(),
      key: secretFile.optional(),
      serverName: nonEmpty.optional(),
      insecureSkipVerify: z.boolean().optional(),
    })
    .optional(),
};

const scrapeJobShape = definition('scrapeJob', {
  name: nonEmpty,
  targets: z.array(target).min(1, { message: 'a scrape job needs at least one target' }).optional(),
  kubernetes: kubernetesSd.optional(),
  fileSd: z.strictObject({ files: z.array(nonEmpty).min(1), refreshInterval: duration.optional() }).optional(),
  httpSd: z.strictObject({ url: httpUrl, refreshInterval: duration.optional() }).optional(),
  path: z.string().startsWith('/', { message: 'path must start with /' }).optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  scheme: z.enum(['http', 'https']).optional(),
  params: z.record(z.string().min(1), z.array(z.string())).optional(),
  labels: labelSet.optional(),
  relabel: relabelRules.optional(),
  metricRelabel: relabelRules.optional(),
  honorLabels: z.boolean().optional(),
  sampleLimit: z.number().int().nonnegative().optional(),
  scrapeProtocols: z.array(z.enum(SCRAPE_PROTOCOLS)).min(1).optional(),
  ...auth,
}).superRefine((job, ctx) => {
  if (job.targets === undefined && job.kubernetes === undefined && job.fileSd === undefined && job.httpSd === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['targets'],
      message: withHint(
        `scrape job ${job.name} has no targets`,
        "give targets: ['host:port'], or discover them: kubernetes: { role: 'pod' }, fileSd: { files: [...] } or httpSd: { url }",
      ),
    });
  }
  const query = job.path !== undefined ? pathQueryIssue(job.name, job.path, job.params) : undefined;
  if (query) ctx.addIssue({ code: 'custom', path: ['path'], message: query });
  const auths = (['basicAuth', 'authorization', 'oauth2'] as const).filter((a) => job[a] !== undefined);
  if (auths.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: [auths[1]!],
      message: withHint(`scrape job ${job.name} sets ${auths.join(' and ')}; Prometheus takes at most one of basicAuth, authorization and oauth2`, 'keep the one the targets expect'),
    });
  }
});

/**
 * A `?query` or `#fragment` in a scrape path: Prometheus escapes metrics_path as a path
 * (`?` becomes %3F), so the target is asked for another path; the parameters belong in `params`.
 */
function pathQueryIssue(name: string, path: string, params: Readonly<Record<string, readonly string[]>> | undefined): string | undefined {
  const mark = path.search(/[?#]/);
  if (mark < 0) return undefined;
  const base = path.slice(0, mark);
  if (path[mark] === '#') {
    return withHint(`scrape job ${name}: path ${JSON.stringify(path)} holds a #fragment; Prometheus sends it escaped as part of the path (%23)`, `write path: ${JSON.stringify(base)}`);
  }
  const merged: Record<string, string[]> = Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, [...v]]));
  for (const [key, value] of new URLSearchParams(path.slice(mark + 1).replace(/#.*$/, ''))) (merged[key] ??= []).push(value);
  const written = Object.entries(merged).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: [${v.map((x) => JSON.stringify(x)).join(', ')}]`).join(', ');
  return withHint(
    `scrape job ${name}: path ${JSON.stringify(path)} holds a query string; Prometheus escapes metrics_path as a path (? becomes %3F), so the target is asked for another path`,
    `write the parameters as params: path: ${JSON.stringify(base)}, params: { ${written} }`,
  );
}

/** A scrape job: the raw definition is first scanned for literal secrets, then checked. */
export const scrapeJobSchema = z.unknown().superRefine(refuseLiteralScrapeSecrets).pipe(scrapeJobShape);

export const prometheusSchema = z.strictObject({
  global: z
    .strictObject({
      scrapeInterval: duration.optional(),
      scrapeTimeout: duration.optional(),
      evaluationInterval: duration.optional(),
      externalLabels: labelSet.optional(),
    })
    .optional(),
  scrapeJobs: z.array(scrapeJobSchema),
  alertmanagers: z.array(target).optional(),
  blackboxExporter: target.optional(),
}).superRefine((prometheus, ctx) => {
  // Prometheus refuses a timeout longer than its interval (config/config.go); left out, it is cut to the interval.
  const global = prometheus.global ?? {};
  const globalInterval = global.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL;
  if (global.scrapeTimeout !== undefined && durationMs(global.scrapeTimeout)! > durationMs(globalInterval)!) {
    ctx.addIssue({
      code: 'custom',
      path: ['global', 'scrapeTimeout'],
      message: withHint(
        `global scrapeTimeout ${global.scrapeTimeout} is longer than scrapeInterval ${globalInterval}${global.scrapeInterval === undefined ? " (Prometheus's default)" : ''}; Prometheus refuses the configuration`,
        `make scrapeTimeout at most ${globalInterval}, or leave it out (Prometheus then takes min(10s, scrapeInterval))`,
      ),
    });
  }
  prometheus.scrapeJobs.forEach((job, i) => {
    if (job.timeout === undefined) return;
    const interval = job.interval ?? globalInterval;
    if (durationMs(job.timeout)! <= durationMs(interval)!) return;
    const whose = job.interval !== undefined ? 'its interval' : global.scrapeInterval !== undefined ? 'the global scrapeInterval' : "Prometheus's default scrape interval";
    ctx.addIssue({
      code: 'custom',
      path: ['scrapeJobs', i, 'timeout'],
      message: withHint(
        `scrape job ${job.name}: timeout ${job.timeout} is longer than ${whose} ${interval}; Prometheus refuses the job`,
        `make timeout at most ${interval}, or leave it out (Prometheus then takes the global timeout, at most the interval)`,
      ),
    });
  });
});

export type ScrapeJobInput = z.infer<typeof scrapeJobSchema>;
export type { RelabelRuleInput } from './relabel.js';
export type PrometheusInput = z.infer<typeof prometheusSchema>;
