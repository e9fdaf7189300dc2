/**
 * The Alertmanager import's round trip on public configurations: Alertmanager's own examples and
 * test configurations, and kube-prometheus's (its alertmanager Secret). For each one Alertmanager
 * 0.25 accepts (`amtool check-config`): import → definitions → every stage of `generate` → the
 * regenerated alertmanager.yml, which amtool must accept too; the routing tests the import derived
 * from the original's routes must pass with amtool on both.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { fromDefinitions } from '../../src/app/stages.js';
import { importAlertmanager } from '../../src/import/alertmanager.js';
import { testRoutes } from '../../src/validate/routing-tests.js';
import { requireTool, runTool, type Tool } from '../../src/validate/tools.js';
import { ALERTMANAGER, ALERTMANAGER_025, KUBE_PROMETHEUS, listFiles, localCopy, readAt } from './mirrors.js';

export interface CorpusInput {
  /** `<repo>:<path>`. */
  name: string;
  text: string;
}

/** The configurations of the pinned commits, from the local copies there are (none: empty). */
export function alertmanagerInputs(env: NodeJS.ProcessEnv = process.env): CorpusInput[] {
  const inputs: CorpusInput[] = [];
  const seen = new Set<string>();
  for (const pinned of [ALERTMANAGER_025, ALERTMANAGER]) {
    const am = localCopy(pinned, env);
    if (!am) continue;
    const files = listFiles(am, pinned, (f) => /^(doc\/examples|config\/testdata|cli\/testdata)\/[^/]+\.ya?ml$/.test(f));
    for (const file of files) {
      const text = readAt(am, pinned, file);
      // The same file at both commits is one input.
      if (seen.has(text)) continue;
      seen.add(text);
      inputs.push({ name: `${pinned.repo}@${pinned.commit.slice(0, 7)}:${file}`, text });
    }
  }
  const kp = localCopy(KUBE_PROMETHEUS, env);
  if (kp) {
    const file = 'manifests/alertmanager-secret.yaml';
    const secret = parse(readAt(kp, KUBE_PROMETHEUS, file)) as { stringData?: Record<string, string> };
    const text = secret.stringData?.['alertmanager.yaml'];
    if (text !== undefined) inputs.push({ name: `${KUBE_PROMETHEUS.repo}@${KUBE_PROMETHEUS.commit.slice(0, 7)}:${file} (stringData alertmanager.yaml)`, text });
  }
  return inputs;
}

export interface AlertmanagerRoundTrip {
  name: string;
  /** Why the input was left out (Alertmanager 0.25 refuses it: a later version's or a deliberately bad config). */
  skipped?: string;
  /** Errors of the imported definitions (schema, checks), if any. */
  errors: string[];
  /** amtool's verdict on the regenerated configuration ('' = accepted). */
  regeneratedCheck: string;
  tests: number;
  failedOnOriginal: number;
  failedOnRegenerated: number;
  secrets: number;
  notConverted: number;
}

const INDEX = (name: string) =>
  `import { defineProject } from 'totem-mon';\nimport { ${name} } from './alertmanager.js';\n\nexport default defineProject({ name: 'imported', metrics: [], prometheus: { scrapeJobs: [] }, alertmanager: ${name} });\n`;

async function checkConfig(amtool: Tool, dir: string, file: string): Promise<string> {
  const run = await runTool(amtool, ['check-config', file], { cwd: dir });
  return run.exitCode === 0 ? '' : run.output.split('\n').filter((l) => /FAILED|error/i.test(l)).join(' ').trim() || `exit ${run.exitCode}`;
}

export async function roundTrip(input: CorpusInput, amtool: Tool): Promise<AlertmanagerRoundTrip> {
  const dir = mkdtempSync(path.join(tmpdir(), 'totem-mon-am-corpus-'));
  const row: AlertmanagerRoundTrip = { name: input.name, errors: [], regeneratedCheck: '', tests: 0, failedOnOriginal: 0, failedOnRegenerated: 0, secrets: 0, notConverted: 0 };
  try {
    const original = path.join(dir, 'original.yml');
    writeFileSync(original, input.text);
    const verdict = await checkConfig(amtool, dir, original);
    if (verdict !== '') return { ...row, skipped: `Alertmanager 0.25 refuses it: ${verdict}` };

    const imported = importAlertmanager(input.text, { file: input.name });
    row.secrets = imported.notes.filter((n) => n.status === 'secret').length;
    row.notConverted = imported.notes.filter((n) => n.status === 'not-converted').length;
    if (imported.source === undefined) return { ...row, errors: imported.notes.map((n) => n.message) };
    const definitions = path.join(dir, 'definitions');
    mkdirSync(definitions);
    writeFileSync(path.join(definitions, 'alertmanager.ts'), imported.source);
    writeFileSync(path.join(definitions, 'index.ts'), INDEX(imported.exportName));
    const stages = await fromDefinitions({ definitions });
    row.errors = stages.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.id}: ${d.message}`);
    const regenerated = stages.files?.find((f) => f.path === 'alertmanager/alertmanager.yml');
    if (!regenerated || !stages.model?.alertmanager) return row;
    const regeneratedFile = path.join(dir, 'regenerated.yml');
    writeFileSync(regeneratedFile, regenerated.content);
    row.regeneratedCheck = await checkConfig(amtool, dir, regeneratedFile);
    const tests = stages.model.alertmanager.tests;
    row.tests = tests.length;
    row.failedOnOriginal = (await testRoutes(amtool, dir, original, tests)).length;
    row.failedOnRegenerated = (await testRoutes(amtool, dir, regeneratedFile, tests)).length;
    return row;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function alertmanagerCorpus(inputs: readonly CorpusInput[]): Promise<AlertmanagerRoundTrip[]> {
  const amtool = await requireTool('amtool');
  const rows: AlertmanagerRoundTrip[] = [];
  for (const input of inputs) rows.push(await roundTrip(input, amtool));
  return rows;
}

/** The README's summary (one row per repository), and with `list` one row per configuration. */
export function corpusTable(rows: readonly AlertmanagerRoundTrip[], list = false): string {
  const repoOf = (name: string) => name.slice(0, name.indexOf(':'));
  const groups = new Map<string, AlertmanagerRoundTrip[]>();
  for (const row of rows) groups.set(repoOf(row.name), [...(groups.get(repoOf(row.name)) ?? []), row]);
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  const out = [
    line(['source', 'configs', 'refused by 0.25', 'imported', 'regenerated valid', 'routing tests', 'pass on both', 'secrets → files', 'not converted']),
    line(Array(9).fill('---')),
  ];
  const summary = (name: string, rs: readonly AlertmanagerRoundTrip[]) => {
    const ok = rs.filter((r) => r.skipped === undefined);
    const tests = ok.reduce((n, r) => n + r.tests, 0);
    const failed = ok.reduce((n, r) => n + Math.max(r.failedOnOriginal, r.failedOnRegenerated), 0);
    return line([
      name, rs.length, rs.length - ok.length, ok.filter((r) => r.errors.length === 0).length, ok.filter((r) => r.errors.length === 0 && r.regeneratedCheck === '').length,
      tests, tests - failed, ok.reduce((n, r) => n + r.secrets, 0), ok.reduce((n, r) => n + r.notConverted, 0),
    ]);
  };
  for (const [name, rs] of groups) out.push(summary(name, rs));
  if (list) for (const row of rows) out.push(summary(row.name, [row]) + (row.skipped ? ` ${row.skipped}` : ''));
  return out.join('\n');
}
