// End to end: the generated configuration drives a real Prometheus and Alertmanager on loopback.
// scrape → rule → alert → route → receiver (docs/e2e.md).
import { afterAll, describe, expect } from 'vitest';
import path from 'node:path';
import { FIXTURES } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { startChain, waitForNotification, waitForRulesHealthy, waitForTargetsUp, type Chain } from './chain.js';
import { WEBHOOK_RECEIVER } from '../fixtures/e2e/index.js';

const ALERT = 'HighErrorRate';

describe('e2e: generated configs drive Prometheus and Alertmanager', () => {
  let chain: Chain | undefined;
  afterAll(async () => {
    await chain?.stop();
  });

  itWithBinaries(['prometheus', 'prometheus-alertmanager'])(
    'scrapes the exporter, evaluates every rule, and delivers HighErrorRate to the webhook, then its resolution',
    async () => {
      chain = await startChain(path.join(FIXTURES, 'e2e'));
      try {
        // 4. every generated rule is loaded and evaluates cleanly; every job is up.
        const rules = await waitForRulesHealthy(chain);
        expect(rules.map((r) => r.id).sort()).toEqual(chain.rules.map((r) => `${r.group}/${r.name}`).sort());
        expect(rules.every((r) => r.health === 'ok')).toBe(true);
        const targets = await waitForTargetsUp(chain);
        expect(targets.map((t) => t.labels['job'])).toEqual(expect.arrayContaining(chain.jobs));

        // 5. an error burst: the alert reaches the webhook through the critical route.
        const generated = chain.rules.find((r) => r.name === ALERT)!;
        const burstAt = Date.now();
        chain.exporter.setBurst(true);
        const firing = await waitForNotification(chain, ALERT, WEBHOOK_RECEIVER, 'firing', 30_000);
        const deliveredIn = (firing.at - burstAt) / 1000;
        console.log(`e2e: ${ALERT} delivered to receiver ${firing.payload.receiver} ${deliveredIn.toFixed(1)}s after the burst`);

        expect(firing.payload.receiver).toBe(WEBHOOK_RECEIVER);
        const alert = firing.payload.alerts.find((a) => a.labels['alertname'] === ALERT)!;
        expect(alert.labels).toEqual({ alertname: ALERT, job: 'totem-api', ...generated.labels });
        const { value, ...fixedAnnotations } = generated.annotations;
        expect(value).toBeDefined();
        expect(alert.annotations).toMatchObject(fixedAnnotations);
        expect(alert.annotations['value']).toMatch(/^Taxa de erros de [\d.]+% no job totem-api$/);

        // … and its resolution after recovery.
        const recoveredAt = Date.now();
        chain.exporter.setBurst(false);
        const resolved = await waitForNotification(chain, ALERT, WEBHOOK_RECEIVER, 'resolved', 30_000);
        console.log(`e2e: ${ALERT} resolved at receiver ${resolved.payload.receiver} ${((resolved.at - recoveredAt) / 1000).toFixed(1)}s after recovery`);
        expect(resolved.payload.alerts.find((a) => a.labels['alertname'] === ALERT)!.labels).toEqual(alert.labels);
      } finally {
        await chain.stop();
        chain = undefined;
      }
    },
    60_000,
  );
});
