/**
 * The compile worker scans the files it compiles for secrets (src/secrets/file-scan.ts), and the
 * output's secrets scan takes what it found instead of scanning them again on the main thread:
 * the same findings, and nothing taken for bytes it did not scan.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { alert, counter, defineProject, notSecret, ruleGroup, scrapeJob, type ProjectOptions } from '../../src/index.js';
import { startCompiling } from '../../src/app/compile-thread.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { findSecretsInText } from '../../src/secrets/detect.js';
import { noteScanned, scanFiles, secretsInFile } from '../../src/secrets/file-scan.js';
import { scanSecrets } from '../../src/secrets/scan.js';
import { ensureBuilt } from '../helpers/built.js';
import { REPO } from '../helpers/cli.js';
import { modelOf } from '../helpers/model.js';

const BUILT_WORKER = pathToFileURL(path.join(REPO, 'bin/run-compile-worker.cjs'));
// Assembled, so that no scanner takes this file for a leak.
const TOKEN_URL = ['https://grafana.example.com/d/x?', 'token=', 'public-demo-0123456789'].join('');

const requests = counter({ name: 'app_requests_total', help: 'Requests.' });

/** A project whose generated rule file holds a token in a URL (an alert's annotation). */
function withToken(secrets?: ProjectOptions['secrets']) {
  return defineProject({
    name: 'fixture',
    metrics: [requests],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    ruleGroups: [
      ruleGroup({
        name: 'g',
        rules: [alert({ name: 'Errors', expr: `rate(${requests.select()}[5m]) > 1`, labels: { severity: 'critical' }, annotations: { summary: 'Erros', dashboard: TOKEN_URL } })],
      }),
    ],
    ...(secrets ? { secrets } : {}),
  });
}

describe("the output's secrets, scanned where the files were compiled", () => {
  beforeAll(ensureBuilt, 180_000);

  it('what was noted for a file is taken for those very bytes; other bytes, or a file never noted, are scanned', () => {
    const files = compileOutputs(modelOf(withToken()));
    const holding = files.filter((f) => findSecretsInText(f.content).length > 0);
    expect(holding.map((f) => f.path)).toEqual(['prometheus/rules/g.yml']);
    expect(scanFiles(files)).toEqual(files.flatMap((f, i) => (holding.includes(f) ? [[i, findSecretsInText(f.content)]] : [])));
    const file = holding[0]!;
    expect(secretsInFile(file)).toEqual(findSecretsInText(file.content));
    // Noted as clean (what no real scan says of it): taken as noted, which shows it is not scanned again.
    noteScanned([file], []);
    expect(secretsInFile(file)).toEqual([]);
    // The same object with other bytes: scanned again.
    const changed = Object.assign(file, { content: `${file.content}# ${TOKEN_URL}\n` });
    expect(secretsInFile(changed)).toHaveLength(2);
  });

  it("the build's worker answers what its scan found, and the stage's findings are the main thread's", async () => {
    for (const project of [withToken(), withToken({ allow: [notSecret('public-demo-0123456789', 'the demo dashboard is public')] })]) {
      const model = modelOf(project);
      const here = compileOutputs(model);
      // Its reply: the files and its scan of them, the main thread's byte for byte.
      const worker = new Worker(BUILT_WORKER);
      const reply = await new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(model);
      });
      await worker.terminate();
      expect(reply).toEqual({ files: here, secrets: scanFiles(here) });
      expect(scanFiles(here)).not.toEqual([]);
      const compiling = startCompiling(model, BUILT_WORKER, 0);
      expect(compiling.inWorker).toBe(true);
      const files = await compiling.files();
      expect(files).toEqual(here);
      expect(files.map((f) => secretsInFile(f))).toEqual(here.map((f) => findSecretsInText(f.content)));
      expect(scanSecrets(model, files)).toEqual(scanSecrets(model, here));
    }
    expect(scanSecrets(modelOf(withToken()), compileOutputs(modelOf(withToken()))).map((d) => d.id)).toContain('secrets');
  });
});
