// End to end: a health check's generated blackbox module and probe job, run by the real
// prometheus-blackbox-exporter and Prometheus against a loopback /health: healthy, then unhealthy
// (a 200 whose body says a component failed, so only the body checks can tell) → the alert fires;
// healthy again → it resolves.
import { afterAll, describe, expect } from 'vitest';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { freePort, getJson, startBlackboxExporter, startHealthEndpoint, startPrometheus, waitFor, type HealthEndpoint, type Service } from './stack.js';

const ALERT = 'ShopApiUnhealthy';
const JOB = 'shop-api-health';
const HEALTHY = { status: 'healthy', version: '1.0.0', checks: { database: true, cache: true } };

interface QueryResponse {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}
interface AlertsResponse {
  data: { alerts: { labels: Record<string, string>; state: string }[] };
}

describe('e2e: a health check on the real blackbox exporter and Prometheus', () => {
  const stoppers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  });

  itWithBinaries(['prometheus', 'prometheus-blackbox-exporter'])(
    'probes /health through the exporter: healthy, then a failed component fires the alert, then it resolves',
    async () => {
      const work = tempDir('totem-mon-e2e-health-');
      stoppers.push(async () => rmSync(work, { recursive: true, force: true }));
      const health: HealthEndpoint = await startHealthEndpoint();
      stoppers.push(health.stop);
      health.answer(200, HEALTHY);

      const blackboxPort = await freePort();
      process.env['TOTEM_E2E_HEALTH_URL'] = health.url;
      process.env['TOTEM_E2E_BLACKBOX'] = `127.0.0.1:${blackboxPort}`;
      const out = path.join(work, 'out');
      const generated = await runCli(['generate', '--definitions', path.join(FIXTURES, 'e2e-health'), '--out', out]);
      expect(generated.code, generated.stdout + generated.stderr).toBe(0);

      const blackbox: Service = await startBlackboxExporter(findBinary('prometheus-blackbox-exporter')!, out, blackboxPort);
      stoppers.push(blackbox.stop);
      const prometheus: Service = await startPrometheus(findBinary('prometheus')!, out, work);
      stoppers.push(prometheus.stop);

      const probeSuccess = async () => {
        const q = encodeURIComponent(`probe_success{job="${JOB}"}`);
        const result = (await getJson<QueryResponse>(`${prometheus.url}/api/v1/query?query=${q}`)).data.result;
        return result.map((r) => ({ instance: r.metric['instance'], value: r.value[1] }));
      };
      const alertState = async () =>
        (await getJson<AlertsResponse>(`${prometheus.url}/api/v1/alerts`)).data.alerts.find((a) => a.labels['alertname'] === ALERT)?.state ?? 'inactive';

      // Healthy: the probe succeeds (the instance is the probed URL) and the alert stays quiet.
      const up = await waitFor('probe_success 1', 15_000, async () => {
        const samples = await probeSuccess();
        return samples.length === 1 && samples[0]!.value === '1' ? samples : undefined;
      }, async () => new Error(`probe_success never 1: ${JSON.stringify(await probeSuccess())}\n${blackbox.output()}`));
      expect(up).toEqual([{ instance: health.url, value: '1' }]);
      expect(await alertState()).toBe('inactive');

      // Unhealthy: still HTTP 200, but the database check fails and the status says so.
      health.answer(200, { ...HEALTHY, status: 'unhealthy', checks: { database: false, cache: true } });
      await waitFor('probe_success 0', 15_000, async () => ((await probeSuccess())[0]?.value === '0' ? true : undefined));
      const firing = await waitFor('alert firing', 20_000, async () => ((await alertState()) === 'firing' ? true : undefined),
        async () => new Error(`${ALERT} not firing: ${await alertState()}`));
      expect(firing).toBe(true);
      const alerts = (await getJson<AlertsResponse>(`${prometheus.url}/api/v1/alerts`)).data.alerts.filter((a) => a.labels['alertname'] === ALERT);
      expect(alerts.map((a) => a.labels)).toEqual([{ alertname: ALERT, job: JOB, instance: health.url, severity: 'critical' }]);

      // Healthy again: the alert resolves.
      health.answer(200, HEALTHY);
      await waitFor('alert resolved', 20_000, async () => ((await alertState()) === 'inactive' ? true : undefined),
        async () => new Error(`${ALERT} still ${await alertState()}`));
    },
    90_000,
  );
});
