/**
 * `npm run import-corpus`: the import round trip on real rule collections (issue #22). For each
 * collection under bench/corpus/rules/ (see bench/corpus/SOURCES.md; nothing is downloaded here):
 *
 *   1. `totem-mon import` of its files, with a prometheus.yml giving the scrape and evaluation
 *      interval the collection was written for, into a temporary definitions folder;
 *   2. `totem-mon generate` of those definitions (the real loader, as a user runs it);
 *   3. the rule groups read back from the generated rule files compared with the input's
 *      (src/import/round-trip.ts: names, for, keep_firing_for, labels, annotations, expressions as
 *      syntax trees, group intervals);
 *   4. `promtool check rules` on the generated rule files, when promtool is there.
 *
 * Prints the README's table; `--list` adds every difference and every check the input breaks.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { importFiles } from '../../src/app/import.js';
import { generate } from '../../src/app/generate.js';
import { readInputFiles } from '../../src/io/import-inputs.js';
import { detectDocuments } from '../../src/import/detect.js';
import { readRuleGroups, type ImportedGroup } from '../../src/import/rule-groups.js';
import { compareRuleGroups, type RoundTrip } from '../../src/import/round-trip.js';
import { countByStatus } from '../../src/import/report.js';
import { findTool } from '../../src/validate/tools.js';
import { COLLECTIONS } from '../corpus/lint-corpus.js';

export interface CorpusRoundTrip {
  collection: string;
  files: number;
  alerts: number;
  records: number;
  roundTrip: RoundTrip;
  /** Items the import kept raw or could not read. */
  raw: number;
  /** Error-level checks the input breaks (each written as an ignore), by check id. */
  ignored: Map<string, number>;
  warnings: number;
  /** promtool check rules on the generated files: undefined without promtool. */
  promtool?: { ok: boolean; output: string };
}

function groupsOf(inputs: string[]): ImportedGroup[] {
  return readRuleGroups(readInputFiles(inputs).flatMap((f) => detectDocuments(f.file, f.text).documents)).groups;
}

export async function roundTrip(dir: string, scrapeInterval: string): Promise<CorpusRoundTrip> {
  const root = mkdtempSync(path.join(tmpdir(), 'totem-mon-import-corpus-'));
  try {
    const collection = path.join(root, path.basename(dir));
    const into = path.join(collection, 'definitions');
    const prometheusYml = path.join(root, 'prometheus.yml');
    writeFileSync(prometheusYml, `global:\n  scrape_interval: ${scrapeInterval}\n  evaluation_interval: ${scrapeInterval}\nrule_files: []\n`);
    const imported = await importFiles({ inputs: [dir, prometheusYml], into, name: path.basename(dir) });
    const counts = countByStatus(imported.items);
    const ignored = new Map<string, number>();
    for (const item of imported.items) if (item.check) ignored.set(item.check, (ignored.get(item.check) ?? 0) + 1);
    const out = path.join(collection, 'out');
    const generated = await generate({ definitions: into, out });
    const rulesDir = path.join(out, 'prometheus/rules');
    const regenerated = existsSync(rulesDir) ? groupsOf([rulesDir]) : [];
    const original = groupsOf([dir]);
    const promtool = findTool('promtool');
    let check: CorpusRoundTrip['promtool'];
    if (promtool && existsSync(rulesDir)) {
      const files = readdirSync(rulesDir).sort().map((f) => path.join(rulesDir, f));
      const r = await execa(promtool, ['check', 'rules', ...files], { reject: false, all: true });
      check = { ok: r.exitCode === 0, output: r.all ?? '' };
    }
    return {
      collection: path.basename(dir),
      files: readInputFiles([dir]).length,
      alerts: original.flatMap((g) => g.rules).filter((r) => r.kind === 'alert').length,
      records: original.flatMap((g) => g.rules).filter((r) => r.kind === 'record').length,
      roundTrip: compareRuleGroups(original, regenerated),
      raw: counts.raw + counts.error,
      ignored,
      warnings: generated.diagnostics.filter((d) => d.severity === 'warning').length,
      ...(check ? { promtool: check } : {}),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<number> {
  const base = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../corpus/rules');
  const results: CorpusRoundTrip[] = [];
  for (const c of COLLECTIONS) {
    const dir = path.join(base, c.dir);
    if (!existsSync(dir)) {
      console.error(`missing ${path.relative(process.cwd(), dir)}: see bench/corpus/SOURCES.md`);
      return 2;
    }
    results.push(await roundTrip(dir, c.scrapeInterval));
  }
  console.log('| collection | imported | round-trip equal | needed raw | findings: checks the input breaks (written as ignores) | warnings | promtool check rules |');
  console.log('|---|---|---:|---:|---|---:|---|');
  for (const r of results) {
    const findings = [...r.ignored].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, n]) => `\`${id}\` ${n}`).join(', ') || 'none';
    const promtool = r.promtool ? (r.promtool.ok ? 'passes' : 'FAILS') : 'not run';
    console.log(
      `| ${r.collection} | ${r.files} files, ${r.alerts} alerts, ${r.records} recording rules | ${r.roundTrip.equal} of ${r.roundTrip.rules} | ${r.raw} | ${findings} | ${r.warnings} | ${promtool} |`,
    );
  }
  if (argv.includes('--list')) {
    for (const r of results) {
      for (const d of r.roundTrip.differences) console.log(`\n[${r.collection}] ${d.group}${d.rule ? ` › ${d.rule}` : ''}: ${d.field}\n  input:       ${d.original ?? ''}\n  regenerated: ${d.regenerated ?? ''}`);
      if (r.promtool && !r.promtool.ok) console.log(`\n[${r.collection}] promtool check rules:\n${r.promtool.output}`);
    }
  }
  const failed = results.some((r) => r.roundTrip.differences.length > 0 || (r.promtool && !r.promtool.ok));
  return failed ? 1 : 0;
}
