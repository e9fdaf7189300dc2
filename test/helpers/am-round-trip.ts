import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StagesResult } from '../../src/app/stages.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { testRoutes } from '../../src/validate/routing-tests.js';
import { requireTool } from '../../src/validate/tools.js';
import { tempDir } from './cli.js';

/**
 * The routing round trip: the routing tests of the imported definitions (derived from the
 * original's routes), run by `amtool config routes test` on the original configuration and on
 * the one generated from the definitions. Both must pass.
 */
export async function amtoolRoutingRoundTrip(
  original: string,
  stages: StagesResult,
): Promise<{ tests: number; original: Diagnostic[]; regenerated: Diagnostic[] }> {
  const tests = stages.model?.alertmanager?.tests ?? [];
  const regenerated = stages.files?.find((f) => f.path === 'alertmanager/alertmanager.yml')?.content;
  if (regenerated === undefined) throw new Error('no alertmanager/alertmanager.yml generated');
  const dir = tempDir('totem-mon-am-round-trip-');
  writeFileSync(path.join(dir, 'original.yml'), original);
  writeFileSync(path.join(dir, 'regenerated.yml'), regenerated);
  const amtool = await requireTool('amtool');
  return {
    tests: tests.length,
    original: await testRoutes(amtool, dir, path.join(dir, 'original.yml'), tests),
    regenerated: await testRoutes(amtool, dir, path.join(dir, 'regenerated.yml'), tests),
  };
}
