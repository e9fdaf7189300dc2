// The whole chain a Totem operator relies on, assembled for the e2e tests:
// exporter → (scrape) Prometheus → (rule) alert → Alertmanager → (route) receiver → webhook.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runCli, tempDir } from '../helpers/cli.js';
import { findBinary } from '../helpers/tools.js';
import {
  freePort,
  getJson,
  startAlertmanager,
  startExporter,
  startPrometheus,
  startWebhook,
  waitFor,
  type Exporter,
  type Notification,
  type Service,
  type Webhook,
} from './stack.js';

export interface GeneratedRule {
  group: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface Chain {
  out: string;
  exporter: Exporter;
  webhook: Webhook;
  prometheus: Service;
  alertmanager: Service;
  /** Every rule of the generated rule files. */
  rules: GeneratedRule[];
  /** Jobs of the generated prometheus.yml. */
  jobs: string[];
  stop(): Promise<void>;
}

/** Stops what was started, in reverse order; never throws (it runs in finally/afterAll). */
async function stopAll(stoppers: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
}

/**
 * Starts the exporter and the webhook, generates the fixture's configuration pointed at them
 * (ports through TOTEM_E2E_* variables, read by the fixture), then starts Alertmanager and
 * Prometheus on it. Whatever fails half-way, what was started is stopped.
 */
export async function startChain(fixture: string): Promise<Chain> {
  const stoppers: (() => Promise<void>)[] = [];
  const work = tempDir('totem-mon-e2e-');
  stoppers.push(async () => rmSync(work, { recursive: true, force: true }));
  try {
    const exporter = await startExporter();
    stoppers.push(exporter.stop);
    const webhook = await startWebhook();
    stoppers.push(webhook.stop);

    // Alertmanager's port must be known before generating (prometheus.yml names it).
    const alertmanagerPort = await freePort();
    process.env['TOTEM_E2E_EXPORTER'] = exporter.address;
    process.env['TOTEM_E2E_WEBHOOK'] = webhook.address;
    process.env['TOTEM_E2E_ALERTMANAGER'] = `127.0.0.1:${alertmanagerPort}`;
    const out = path.join(work, 'out');
    const generated = await runCli(['generate', '--definitions', fixture, '--out', out]);
    if (generated.code !== 0) throw new Error(`generate failed (exit ${generated.code}):\n${generated.stdout}${generated.stderr}`);

    const alertmanager = await startAlertmanager(findBinary('prometheus-alertmanager')!, out, work, alertmanagerPort);
    stoppers.push(alertmanager.stop);
    const prometheus = await startPrometheus(findBinary('prometheus')!, out, work);
    stoppers.push(prometheus.stop);

    return {
      out,
      exporter,
      webhook,
      prometheus,
      alertmanager,
      rules: readGeneratedRules(out),
      jobs: readGeneratedJobs(out),
      stop: () => stopAll(stoppers),
    };
  } catch (error) {
    await stopAll(stoppers);
    throw error;
  }
}

function readGeneratedRules(out: string): GeneratedRule[] {
  const dir = path.join(out, 'prometheus/rules');
  const rules: GeneratedRule[] = [];
  for (const file of readdirSync(dir).sort()) {
    const doc = parse(readFileSync(path.join(dir, file), 'utf8')) as {
      groups: { name: string; rules: { alert?: string; record?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
    };
    for (const group of doc.groups) {
      for (const rule of group.rules) {
        rules.push({ group: group.name, name: rule.alert ?? rule.record!, labels: rule.labels ?? {}, annotations: rule.annotations ?? {} });
      }
    }
  }
  return rules;
}

function readGeneratedJobs(out: string): string[] {
  const doc = parse(readFileSync(path.join(out, 'prometheus/prometheus.yml'), 'utf8')) as { scrape_configs: { job_name: string }[] };
  return doc.scrape_configs.map((c) => c.job_name);
}

// ── what Prometheus says ─────────────────────────────────────────────────────────────────────

interface RulesResponse {
  data: { groups: { name: string; rules: { name: string; health: string; lastError?: string; lastEvaluation: string }[] }[] };
}
interface TargetsResponse {
  data: { activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] };
}

/** Waits until Prometheus evaluated every generated rule without error; returns what it reports. */
export async function waitForRulesHealthy(chain: Chain, timeoutMs = 10_000) {
  const wanted = chain.rules.map((r) => `${r.group}/${r.name}`).sort();
  const listed = async () =>
    (await getJson<RulesResponse>(`${chain.prometheus.url}/api/v1/rules`)).data.groups.flatMap((g) =>
      g.rules.map((r) => ({ id: `${g.name}/${r.name}`, health: r.health, lastError: r.lastError ?? '' })),
    );
  return waitFor(
    'every generated rule evaluated',
    timeoutMs,
    async () => {
      const rules = await listed();
      const ok = rules.filter((r) => r.health === 'ok').map((r) => r.id).sort();
      return JSON.stringify(ok) === JSON.stringify(wanted) && rules.length === wanted.length ? rules : undefined;
    },
    async () => new Error(`Prometheus rules are not all healthy: want ${wanted.join(', ')}, got ${JSON.stringify(await listed())}`),
  );
}

/** Waits until every generated scrape job has its targets up. */
export async function waitForTargetsUp(chain: Chain, timeoutMs = 10_000) {
  const targets = async () => (await getJson<TargetsResponse>(`${chain.prometheus.url}/api/v1/targets`)).data.activeTargets;
  return waitFor(
    'every scrape job up',
    timeoutMs,
    async () => {
      const active = await targets();
      const allUp = chain.jobs.every((job) => {
        const ofJob = active.filter((t) => t.labels['job'] === job);
        return ofJob.length > 0 && ofJob.every((t) => t.health === 'up');
      });
      return allUp ? active : undefined;
    },
    async () => new Error(`scrape jobs not up: ${JSON.stringify(await targets())}`),
  );
}

// ── following an alert to the webhook ────────────────────────────────────────────────────────

interface PrometheusAlertsResponse {
  data: { alerts: { labels: Record<string, string>; state: string }[] };
}
interface AlertmanagerAlert {
  labels: Record<string, string>;
  receivers: { name: string }[];
  status: { state: string; silencedBy: string[]; inhibitedBy: string[] };
}

/**
 * Why the webhook got no `status` notification for `alertname` via `receiver`, asked of Prometheus
 * (/api/v1/alerts) and Alertmanager (/api/v2/alerts): an error that says where the alert stopped.
 */
export async function whereDidItGo(chain: Chain, alertname: string, receiver: string, status: 'firing' | 'resolved'): Promise<Error> {
  const inPrometheus = (await getJson<PrometheusAlertsResponse>(`${chain.prometheus.url}/api/v1/alerts`)).data.alerts.filter(
    (a) => a.labels['alertname'] === alertname,
  );
  const filter = encodeURIComponent(`alertname="${alertname}"`);
  const inAlertmanager = await getJson<AlertmanagerAlert[]>(`${chain.alertmanager.url}/api/v2/alerts?filter=${filter}`);
  const webhookSaw = chain.webhook.received.map((n) => `${n.payload.receiver}:${n.payload.status}`).join(', ') || 'nothing';

  if (status === 'resolved') {
    const firing = inPrometheus.filter((a) => a.state === 'firing');
    if (firing.length > 0) return new Error(`${alertname} is still firing in Prometheus: it never resolved`);
    return new Error(
      `${alertname} resolved in Prometheus, but webhook ${receiver} got no resolved notification ` +
        `(Alertmanager holds ${JSON.stringify(inAlertmanager.map((a) => a.status))}; the webhook received ${webhookSaw})`,
    );
  }
  if (!inPrometheus.some((a) => a.state === 'firing')) {
    const states = inPrometheus.map((a) => a.state).join(', ') || 'inactive';
    return new Error(`${alertname} never fired in Prometheus (state: ${states})`);
  }
  if (inAlertmanager.length === 0) {
    return new Error(`${alertname} fired in Prometheus but never reached Alertmanager (check prometheus.yml alerting)`);
  }
  const receivers = [...new Set(inAlertmanager.flatMap((a) => a.receivers.map((r) => r.name)))];
  if (!receivers.includes(receiver)) {
    return new Error(
      `${alertname} fired in Prometheus and reached Alertmanager, but was routed to receiver ${receivers.join(', ')}, not webhook ${receiver}`,
    );
  }
  const states = inAlertmanager.map((a) => a.status.state).join(', ');
  return new Error(
    `${alertname} fired and was routed to ${receiver} in Alertmanager (state: ${states}), but the webhook received ${webhookSaw}`,
  );
}

/** Waits for the webhook to receive `alertname` with `status` through `receiver`; explains a timeout. */
export function waitForNotification(
  chain: Chain,
  alertname: string,
  receiver: string,
  status: 'firing' | 'resolved',
  timeoutMs: number,
): Promise<Notification> {
  return waitFor(
    `${alertname} ${status} at webhook ${receiver}`,
    timeoutMs,
    async () =>
      chain.webhook.received.find(
        (n) => n.payload.receiver === receiver && n.payload.alerts.some((a) => a.labels['alertname'] === alertname && a.status === status),
      ),
    () => whereDidItGo(chain, alertname, receiver, status),
  );
}
