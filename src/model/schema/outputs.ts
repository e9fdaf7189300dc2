import { z } from 'zod';
import { source } from './common.js';
import { withHint } from './hint.js';
import { OPERATOR_PROMETHEUS_SECRETS_DIR, OPERATOR_SECRETS_DIR, secretKeyOf } from '../outputs.js';
import { isSecretKey } from '../kubernetes-names.js';
import { kubernetesLabels, kubernetesName } from './kubernetes-name.js';

const namespace = kubernetesName('namespace');
const keyed = kubernetesLabels;
const labelValue = kubernetesName('label value');

/** What every Kubernetes profile takes: the namespace, labels and annotations of its resources. */
export const kubernetesMetadata = {
  namespace,
  labels: keyed(labelValue).optional(),
  annotations: keyed(z.string()).optional(),
};

const secretName = kubernetesName('resource name');
const secretKey = z.string().refine(isSecretKey, {
  message: withHint('invalid Kubernetes Secret key', 'letters, digits, -, _ and ., e.g. password'),
});
const absolutePath = z.string().regex(/^\//, { message: withHint('a secretFile path must be absolute', "write the path secretFile() was given, e.g. '/etc/alertmanager/secrets/smtp_password'") });

const operatorAlertmanager = z.strictObject({
  configSecret: secretName.optional(),
  secrets: z.record(absolutePath, z.strictObject({ name: secretName, key: secretKey })).optional(),
});

const files = z.strictObject({ kind: z.literal('output'), profile: z.literal('files'), source });
const prometheusOperator = z.strictObject({ kind: z.literal('output'), profile: z.literal('prometheus-operator'), ...kubernetesMetadata, alertmanager: operatorAlertmanager.optional(), kubernetesJobsAs: z.enum(['ScrapeConfig', 'ServiceMonitor']).optional(), source });

const grafanaOperator = z.strictObject({
  kind: z.literal('output'),
  profile: z.literal('grafana-operator'),
  ...kubernetesMetadata,
  instanceSelector: keyed(labelValue).refine((m) => Object.keys(m).length > 0, { message: withHint('instanceSelector is empty: it would match no Grafana', "give the labels of your Grafana resource, e.g. { dashboards: 'grafana' }") }),
  source,
});
const grafanaSidecar = z.strictObject({
  kind: z.literal('output'),
  profile: z.literal('grafana-sidecar'),
  ...kubernetesMetadata,
  folderAnnotation: kubernetesName('label or annotation key').optional(),
  source,
});

// mimirtool takes any non-empty namespace; it becomes a file name here, so path separators are refused.
const rulerNamespace = z.string().regex(/^[^/\\\0]+$/, { message: withHint('invalid rule namespace', 'a name without / or \\, e.g. shop') }).refine((n) => n !== '.' && n !== '..', { message: 'invalid rule namespace' });
const mimir = z.strictObject({ kind: z.literal('output'), profile: z.literal('mimir'), namespace: rulerNamespace.optional(), source });
const thanos = z.strictObject({ kind: z.literal('output'), profile: z.literal('thanos'), source });

export const outputSchema = z.discriminatedUnion('profile', [files, prometheusOperator, grafanaOperator, grafanaSidecar, mimir, thanos]);

/** `outputs: [files(), prometheusOperator({ … }), …]`: each profile at most once (they write to the same folders). */
export const outputsSchema = z
  .array(outputSchema)
  .superRefine((outputs, ctx) => {
    const seen = new Set<string>();
    outputs.forEach((o, i) => {
      if (seen.has(o.profile)) {
        ctx.addIssue({ code: 'custom', path: [i], message: withHint(`the ${o.profile} profile is listed twice`, 'list each profile once: both would write the same files') });
      }
      seen.add(o.profile);
    });
    if (outputs.length === 0) ctx.addIssue({ code: 'custom', message: withHint('outputs is empty: nothing would be generated', 'list at least one profile, e.g. outputs: [files()], or leave outputs out') });
  })
  .optional();

export type OutputInput = z.infer<typeof outputSchema>;

type Path = (string | number)[];

/** Every `secretFile()` inside a definition, with its path. */
function secretFiles(node: unknown, path: Path, found: (path: Path, file: string) => void): void {
  if (Array.isArray(node)) return node.forEach((item, i) => secretFiles(item, [...path, i], found));
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (record['kind'] === 'secretFile' && typeof record['path'] === 'string') return found(path, record['path']);
  for (const [key, value] of Object.entries(record)) if (key !== 'source') secretFiles(value, [...path, key], found);
}

/**
 * With the Prometheus Operator, a secretFile is a key of a Secret the Alertmanager resource mounts:
 * each one must say which (by its path, or in the profile's `alertmanager.secrets`). The issue is
 * at the secretFile, where the user wrote it.
 */
export function refuseUnmountedSecrets(project: { alertmanager?: unknown; prometheus?: unknown; teams?: readonly unknown[] | undefined; outputs?: readonly OutputInput[] | undefined }, ctx: z.RefinementCtx): void {
  const operator = project.outputs?.find((o) => o.profile === 'prometheus-operator');
  if (!operator) return;
  const mapping = operator.alertmanager?.secrets ?? {};
  // Scrape credentials: ScrapeConfig resources name a Secret key (the Prometheus resource mounts spec.secrets at /etc/prometheus/secrets/<secret>/<key>).
  const scrapeJobs = (project.prometheus as { scrapeJobs?: unknown } | undefined)?.scrapeJobs;
  // The CA and client certificate are files too: a ScrapeConfig reads them from a Secret key.
  const certificates = Array.isArray(scrapeJobs)
    ? scrapeJobs.map((job) => {
        const tls = (job as { tls?: { caFile?: unknown; certFile?: unknown } }).tls;
        return { tls: { caFile: typeof tls?.caFile === 'string' ? { kind: 'secretFile', path: tls.caFile } : undefined, certFile: typeof tls?.certFile === 'string' ? { kind: 'secretFile', path: tls.certFile } : undefined } };
      })
    : [];
  secretFiles([scrapeJobs, certificates], [], (whole, file) => {
    const path = whole.slice(1);
    if (secretKeyOf(file, mapping, OPERATOR_PROMETHEUS_SECRETS_DIR)) return;
    ctx.addIssue({
      code: 'custom',
      path: ['prometheus', 'scrapeJobs', ...path],
      message: withHint(
        `secretFile('${file}') has no Kubernetes Secret for the prometheus-operator profile: a ScrapeConfig names a Secret key, which the Prometheus resource mounts at ${OPERATOR_PROMETHEUS_SECRETS_DIR}/<secret>/<key>`,
        `write secretFile('${OPERATOR_PROMETHEUS_SECRETS_DIR}/<secret>/<key>'), or map it: prometheusOperator({ alertmanager: { secrets: { '${file}': { name: '<secret>', key: '<key>' } } } })`,
      ),
    });
  });
  if (project.alertmanager === undefined) return;
  const report = (base: Path) => (path: Path, file: string) => {
    if (secretKeyOf(file, mapping)) return;
    ctx.addIssue({
      code: 'custom',
      path: [...base, ...path],
      message: withHint(
        `secretFile('${file}') has no Kubernetes Secret for the prometheus-operator profile: the operator mounts Secrets at ${OPERATOR_SECRETS_DIR}/<secret>/<key> only`,
        `write secretFile('${OPERATOR_SECRETS_DIR}/<secret>/<key>'), or map it: prometheusOperator({ alertmanager: { secrets: { '${file}': { name: '<secret>', key: '<key>' } } } })`,
      ),
    });
  };
  secretFiles(project.alertmanager, [], report(['alertmanager']));
  project.teams?.forEach((team, i) => secretFiles((team as { receivers?: unknown }).receivers, [], report(['teams', i, 'receivers'])));
}

/**
 * Rule group fields only a ruler's profile writes: without one of those profiles they would be
 * dropped silently (plain Prometheus files have no place for them), so they are refused at the group.
 */
type Groups = readonly { sourceTenants?: readonly string[] | undefined; partialResponseStrategy?: string | undefined }[] | undefined;

const RULER_FIELDS = [
  {
    field: 'sourceTenants',
    profiles: ['mimir'],
    message: withHint('sourceTenants (a federated rule group) is written by the mimir profile only, and the project has none', 'add mimir() to outputs, or leave sourceTenants out'),
  },
  {
    field: 'partialResponseStrategy',
    profiles: ['thanos', 'prometheus-operator'],
    message: withHint(
      'partialResponseStrategy (a Thanos ruler setting) is written by the thanos and prometheus-operator profiles only, and the project has neither',
      'add thanos() (or prometheusOperator() for a ThanosRuler) to outputs, or leave partialResponseStrategy out',
    ),
  },
] as const;

export function refuseUnusedRulerFields(project: { ruleGroups?: Groups; teams?: readonly { ruleGroups?: Groups }[] | undefined; outputs?: readonly OutputInput[] | undefined }, ctx: z.RefinementCtx): void {
  const groups: [Path, NonNullable<Groups>[number]][] = [
    ...(project.ruleGroups ?? []).map((g, i): [Path, typeof g] => [['ruleGroups', i], g]),
    ...(project.teams ?? []).flatMap((t, ti) => (t.ruleGroups ?? []).map((g, i): [Path, typeof g] => [['teams', ti, 'ruleGroups', i], g])),
  ];
  for (const { field, profiles, message } of RULER_FIELDS) {
    // No outputs is [files()].
    if (project.outputs?.some((o) => (profiles as readonly string[]).includes(o.profile))) continue;
    for (const [path, group] of groups) {
      if (group[field] === undefined) continue;
      ctx.addIssue({ code: 'custom', path: [...path, field], message });
    }
  }
}
