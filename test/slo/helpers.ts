import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { compileAll } from '../../src/compile/index.js';
import type { Model } from '../../src/model/types.js';
import type { OutputFile } from '../../src/compile/output.js';
import { counter, defineProject, re, scrapeJob, type AnyMetric, type Project, type Slo, type SloOptions } from '../../src/index.js';
import { tempDir } from '../helpers/cli.js';
import { findBinary } from '../helpers/tools.js';

/** Schema, model and compilers in memory (no loader, no checks). */
export function compileProject(project: Project): { model: Model; files: OutputFile[] } {
  const parsed = parseProject(project);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => `${d.path?.join('.')}: ${d.message}`).join('; '));
  const model = buildModel(parsed.project, 'test/index.ts');
  return { model, files: compileAll(model) };
}

export const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['code'] });

// The availability SLO both the check and the generation tests vary.
export const base: SloOptions = {
  name: 'availability',
  service: 'app',
  objective: 99.9,
  sli: { errors: requests.select({ code: re('5..') }), total: requests },
  alerting: { name: 'AppBudgetBurn', annotations: { runbook_url: 'https://runbooks.example.com/AppBudgetBurn' } },
};

export function sloProject(slos: Slo[], metrics: readonly AnyMetric[] = [requests], evaluationInterval = '15s'): Project {
  return defineProject({
    name: 'slo-test',
    metrics,
    prometheus: { global: { scrapeInterval: '15s', evaluationInterval }, scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:80'] })] },
    slos,
  });
}

/** Writes the files to a temp out/ and returns its prometheus folder. */
export function writeOut(files: OutputFile[]): string {
  const out = tempDir();
  for (const f of files) {
    mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
    writeFileSync(path.join(out, f.path), f.content);
  }
  return path.join(out, 'prometheus');
}

/** `promtool test rules` on every test file of the output (paths relative to out/prometheus). */
export async function promtoolTests(dir: string, files: string[]) {
  return execa(findBinary('promtool')!, ['test', 'rules', ...files], { cwd: dir, reject: false, all: true });
}
