// #12 item 4, proven against the real Alertmanager: the orders routing tests (inhibition by a
// same-cluster alert, a mute time interval) that totem-mon's simulation judges offline hold on
// prometheus-alertmanager 0.25 too. Alerts are posted to its API v2; every receiver is a webhook
// on loopback. The mute window is chosen relative to "now", so the test is deterministic.
import { afterEach, describe, expect } from 'vitest';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { freePort, getJson, startAlertmanager, startWebhook, waitFor, type Service, type Webhook } from './stack.js';
import { fromDefinitions } from '../../src/app/stages.js';
import { notify } from '../../src/model/notify.js';
import type { FiringAlertModel, RoutingTestModel } from '../../src/model/alertmanager.js';

const FIXTURE = path.join(FIXTURES, 'routing/orders-e2e');
const VARIABLES = ['ORDERS_E2E_WEBHOOK', 'ORDERS_E2E_ALERTMANAGER', 'ORDERS_E2E_AT', 'ORDERS_E2E_OFF_HOURS', 'ORDERS_E2E_MUTED_NOW'];

/**
 * A fixed-offset zone where it is between 06:00 and 18:00 now, and a window of hours in it that
 * holds now (from two hours before to three after) or does not (six to nine hours after).
 */
function offHoursWindow(now: Date, holdsNow: boolean) {
  for (let offset = -12; offset <= 12; offset++) {
    const zone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset < 0 ? '+' : '-'}${Math.abs(offset)}`; // Etc/GMT+3 is UTC−3
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(now));
    if (hour < 6 || hour >= 12) continue;
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const times = holdsNow ? [{ start: hh(hour - 2), end: hh(hour + 3) }] : [{ start: hh(hour + 6), end: hh(hour + 9) }];
    return [{ times, location: zone }];
  }
  throw new Error('no fixed-offset zone has a morning now');
}

interface Running {
  alertmanager: Service;
  webhook: Webhook;
  tests: RoutingTestModel[];
  stop(): Promise<void>;
}

/** Validates the fixture (the simulation must agree), generates it, starts Alertmanager on it. */
async function start(mutedNow: boolean): Promise<Running> {
  const work = tempDir('totem-mon-e2e-routing-');
  const webhook = await startWebhook();
  const port = await freePort();
  const now = new Date();
  Object.assign(process.env, {
    ORDERS_E2E_WEBHOOK: webhook.address,
    ORDERS_E2E_ALERTMANAGER: `127.0.0.1:${port}`,
    ORDERS_E2E_AT: now.toISOString(),
    ORDERS_E2E_OFF_HOURS: JSON.stringify(offHoursWindow(now, mutedNow)),
    ORDERS_E2E_MUTED_NOW: mutedNow ? '1' : '0',
  });
  let alertmanager: Service | undefined;
  try {
    const validated = await runCli(['validate', '--definitions', FIXTURE]);
    expect(validated.stdout).toContain("routing tests with at/alsoFiring judged by totem-mon's simulation");
    expect(validated.stdout).not.toMatch(/^error/m);
    expect(validated.code, validated.stdout).toBe(0);
    const out = path.join(work, 'out');
    const generated = await runCli(['generate', '--definitions', FIXTURE, '--out', out]);
    expect(generated.code, generated.stderr).toBe(0);
    const { model } = await fromDefinitions({ definitions: FIXTURE });
    alertmanager = await startAlertmanager(findBinary('prometheus-alertmanager')!, out, work, port);
    const started = alertmanager;
    return {
      alertmanager: started,
      webhook,
      tests: model!.alertmanager!.tests,
      stop: async () => {
        await started.stop();
        await webhook.stop();
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await alertmanager?.stop();
    await webhook.stop();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

const key = (labels: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

/** Every alert of the routing tests (and their company), once: they all fire together. */
function world(tests: readonly RoutingTestModel[]): FiringAlertModel[] {
  const all = new Map<string, FiringAlertModel>();
  for (const t of tests) for (const a of [t, ...t.alsoFiring]) all.set(key(a.labels), { labels: a.labels });
  return [...all.values()];
}

async function post(am: Service, alerts: readonly FiringAlertModel[]) {
  const startsAt = new Date().toISOString();
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const res = await fetch(`${am.url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(alerts.map((a) => ({ labels: a.labels, annotations: {}, startsAt, endsAt }))),
  });
  if (!res.ok) throw new Error(`POST /api/v2/alerts: HTTP ${res.status} ${await res.text()}`);
}

/** Receivers that got a firing notification for an alert with exactly these labels. */
function notified(webhook: Webhook, labels: Readonly<Record<string, string>>): string[] {
  const wanted = key(labels);
  return [...new Set(webhook.received.filter((n) => n.payload.alerts.some((a) => key(a.labels) === wanted)).map((n) => n.payload.receiver))].sort();
}

/** Posts the world (sources first, as they would fire first), waits for what must come, then for what must not. */
async function runWorld(r: Running) {
  const everyone = world(r.tests);
  const sources = everyone.filter((a) => a.labels['alertname'] === 'PostgresDown');
  await post(r.alertmanager, sources);
  await new Promise((resolve) => setTimeout(resolve, 500));
  await post(r.alertmanager, everyone.filter((a) => !sources.includes(a)));
  const expected = r.tests.filter((t) => t.receivers.length > 0);
  await waitFor(
    'the expected notifications',
    20_000,
    async () => (expected.every((t) => t.receivers.every((rc) => notified(r.webhook, t.labels).includes(rc))) ? true : undefined),
    async () => new Error(`missing notifications; the webhook got ${JSON.stringify(r.webhook.received.map((n) => [n.payload.receiver, n.payload.alerts.map((a) => a.labels['alertname'])]))}`),
  );
  // group_wait and group_interval are 1s: what was held back would have arrived by now.
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  return everyone;
}

describe('e2e: routing tests against the real Alertmanager', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    for (const v of VARIABLES) delete process.env[v];
  });

  itWithBinaries(['prometheus-alertmanager', 'promtool', 'amtool'])(
    'inhibition mutes the same-cluster alert and not another cluster\'s; the off-hours interval holds the backlog warning back',
    async () => {
      running = await start(true);
      const everyone = await runWorld(running);
      const now = new Date(process.env['ORDERS_E2E_AT']!);
      for (const t of running.tests) {
        // The simulation in the world where all fire together agrees with each test's own company…
        expect(notify((await fromDefinitions({ definitions: FIXTURE })).model!.alertmanager!, t.labels, everyone, now).receivers, t.name).toEqual(t.receivers);
        // …and so does Alertmanager.
        expect(notified(running.webhook, t.labels), t.name).toEqual([...t.receivers].sort());
      }
      const inhibited = await getJson<Array<{ labels: Record<string, string>; status: { inhibitedBy: string[] } }>>(
        `${running.alertmanager.url}/api/v2/alerts?filter=${encodeURIComponent('alertname="OrdersApiErrors"')}`,
      );
      const byCluster = Object.fromEntries(inhibited.map((a) => [a.labels['cluster'], a.status.inhibitedBy.length > 0]));
      expect(byCluster).toEqual({ sp1: true, rj1: false });
    },
    60_000,
  );

  itWithBinaries(['prometheus-alertmanager', 'promtool', 'amtool'])(
    'outside the off-hours window the same backlog warning is delivered (the interval, not the route, held it back)',
    async () => {
      running = await start(false);
      await runWorld(running);
      const backlog = running.tests.find((t) => t.labels['alertname'] === 'JobQueueBacklog')!;
      expect(backlog.receivers).toEqual(['orders-slack']);
      expect(notified(running.webhook, backlog.labels)).toEqual(['orders-slack']);
    },
    60_000,
  );
});
