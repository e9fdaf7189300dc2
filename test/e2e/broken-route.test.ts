// The chain test must fail usefully: with the critical route sent to the wrong receiver, the wait
// ends with an error saying where the alert went, not a bare timeout (docs/e2e.md).
import { afterAll, describe, expect } from 'vitest';
import path from 'node:path';
import { FIXTURES } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { startChain, waitForNotification, waitForRulesHealthy, waitForTargetsUp, type Chain } from './chain.js';
import { FALLBACK_RECEIVER, WEBHOOK_RECEIVER } from '../fixtures/e2e/index.js';

describe('e2e: a broken route', () => {
  let chain: Chain | undefined;
  afterAll(async () => {
    await chain?.stop();
  });

  itWithBinaries(['prometheus', 'prometheus-alertmanager'])(
    'fails saying the alert reached Alertmanager but went to another receiver',
    async () => {
      chain = await startChain(path.join(FIXTURES, 'e2e-broken-route'));
      try {
        await waitForRulesHealthy(chain);
        await waitForTargetsUp(chain);
        chain.exporter.setBurst(true);
        // Short wait: the alert fires in ~5 s; by 12 s it has long been routed.
        const error = await waitForNotification(chain, 'HighErrorRate', WEBHOOK_RECEIVER, 'firing', 12_000).then(
          () => new Error('the alert reached the webhook through a broken route'),
          (e: Error) => e,
        );
        console.log(`e2e (broken route) fails with: ${error.message}`);
        expect(error.message).toBe(
          `HighErrorRate fired in Prometheus and reached Alertmanager, but was routed to receiver ${FALLBACK_RECEIVER}, not webhook ${WEBHOOK_RECEIVER}`,
        );
        expect(chain.webhook.received).toEqual([]);
      } finally {
        await chain.stop();
        chain = undefined;
      }
    },
    60_000,
  );
});
