// #17: promtool check config accepts every scrape configuration totem-mon generates (validate's own
// tool run, on the output of every service discovery case), and refuses one Prometheus refuses.
import { describe, expect } from 'vitest';
import { scrapeJob } from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import { compileAll } from '../../src/compile/index.js';
import { runTools } from '../../src/validate/run-tools.js';
import { resolveTool } from '../../src/validate/tools.js';
import { itWithBinaries } from '../helpers/tools.js';
import { scrapeProject } from './helpers.js';
import { sdCases } from './sd-cases.js';

const withPromtool = itWithBinaries(['promtool']);

async function checkConfig(jobs: Parameters<typeof scrapeProject>[0]) {
  const { model } = lint(scrapeProject(jobs));
  if (!model) throw new Error('fixture does not pass the schema');
  const promtool = await resolveTool('promtool');
  const result = await runTools({ model, files: compileAll(model), promtool: promtool! });
  return result.diagnostics.filter((d) => d.id === 'promtool/check-config');
}

describe('promtool check config on the generated scrape configuration', () => {
  withPromtool('accepts every service discovery case (credential files are placeholders, as in validate)', async () => {
    const found = await checkConfig(sdCases.map((c) => c.job));
    expect(found.filter((d) => d.severity !== 'info')).toEqual([]);
    // Debian's promtool has no Kubernetes SD: the rest of those jobs is still checked, and the report says what was not.
    for (const note of found) expect(note.message).toMatch(/built without Kubernetes service discovery .*: the kubernetes_sd_configs of orders-pods, services, apiserver, orders-endpoints, kubelet were checked by totem-mon only/);
  }, 30_000);

  withPromtool('refuses what Prometheus refuses, at the scrape job (a lookahead is not RE2)', async () => {
    const found = await checkConfig([scrapeJob({ name: 'api', targets: ['api:8000'], relabel: [{ action: 'keep', sourceLabels: ['__address__'], regex: 'api(?=:)' }] })]);
    expect(found.map((d) => [d.severity, d.message])).toEqual([['error', expect.stringMatching(/invalid or unsupported Perl syntax: `\(\?=`/)]]);
  }, 30_000);
});
