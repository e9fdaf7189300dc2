#!/usr/bin/env node
// `npm run bench`: generate / validate --offline / validate at three sizes, each run as users run
// it (a fresh `node bin/totem-mon.js` process), against the serialisation floor (bench/floor.mjs).
//   npm run bench                 prints the table
//   npm run bench -- --readme     also writes it into README.md between the bench markers
//   npm run bench -- --quick      one run per measurement (for trying changes)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { synthesize } from './synth.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, '.bench-tmp');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');

const SIZES = [
  { name: 'Totem', definitions: path.join(ROOT, 'definitions'), runs: 7 },
  { name: 'medium', runs: 3, size: { alerts: 1_000, groups: 10, dashboards: 50, panels: 20, metrics: 100, receivers: 10 } },
  { name: 'large', runs: 3, size: { alerts: 10_000, groups: 100, dashboards: 200, panels: 20, metrics: 500, receivers: 50 } },
];

function walk(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs a fresh process `runs` times; returns median wall ms and max peak RSS (MiB). */
function measure(label, argv, runs, { before, expectExit = [0] } = {}) {
  const walls = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    before?.();
    const rssFile = path.join(TMP, 'rss.txt');
    rmSync(rssFile, { force: true });
    const start = performance.now();
    const r = spawnSync(process.execPath, ['--import', path.join(ROOT, 'bench/rss.mjs'), ...argv], {
      cwd: ROOT,
      env: { ...process.env, TOTEM_MON_BENCH_RSS: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    });
    walls.push(performance.now() - start);
    if (!expectExit.includes(r.status)) {
      throw new Error(`${label}: exit ${r.status}\n${String(r.stderr).slice(0, 4000)}\n${String(r.stdout).slice(0, 4000)}`);
    }
    const rss = readFileSync(rssFile, 'utf8').trim().split('\n').map(Number);
    peak = Math.max(peak, ...rss.map((kib) => kib / 1024));
  }
  return { wall: median(walls), rss: peak };
}

const CLI = path.join(ROOT, 'bin/totem-mon.js');

/** The generated files as plain objects, for the floor process. */
function objectsOf(out) {
  return walk(out)
    .filter((f) => !f.endsWith('.totem-mon-manifest.json'))
    .map((f) => {
      const rel = path.relative(out, f);
      const text = readFileSync(f, 'utf8');
      if (f.endsWith('.json')) return { path: rel, kind: 'json', value: JSON.parse(text) };
      if (f.endsWith('.yml')) return { path: rel, kind: 'yaml', value: parseYaml(text) };
      return { path: rel, kind: 'text', value: text };
    });
}

function main() {
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
    console.error('bench: dist/ is missing; run `npm run build` (npm ci does it) first');
    process.exit(2);
  }
  mkdirSync(TMP, { recursive: true });
  const rows = [];
  for (const s of SIZES) {
    const runs = quick ? 1 : s.runs;
    const dir = path.join(TMP, s.name);
    const definitions = s.definitions ?? synthesize(dir, s.size);
    const out = path.join(TMP, `${s.name}-out`);
    const clean = () => rmSync(out, { recursive: true, force: true });
    process.stderr.write(`bench: ${s.name}…\n`);

    const generate = measure(`${s.name} generate`, [CLI, 'generate', '--definitions', definitions, '--out', out], runs, { before: clean });
    const files = walk(out);
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    const rules = readdirSync(path.join(out, 'prometheus/rules'))
      .map((f) => parseYaml(readFileSync(path.join(out, 'prometheus/rules', f), 'utf8')))
      .reduce((n, doc) => n + doc.groups.reduce((m, g) => m + g.rules.length, 0), 0);

    const objects = path.join(TMP, `${s.name}-objects.json`);
    writeFileSync(objects, JSON.stringify(objectsOf(out)));
    const floorOut = path.join(TMP, `${s.name}-floor`);
    const floor = measure(`${s.name} floor`, [path.join(ROOT, 'bench/floor.mjs'), objects, floorOut], runs, {
      before: () => rmSync(floorOut, { recursive: true, force: true }),
    });

    // validate exits 1 when it has findings; the synthetic sizes have none at error level.
    const offline = measure(`${s.name} validate --offline`, [CLI, 'validate', '--definitions', definitions, '--offline'], runs);
    const full = measure(`${s.name} validate`, [CLI, 'validate', '--definitions', definitions], runs);
    rows.push({ name: s.name, rules, files: files.length, bytes, generate, floor, offline, full });
  }
  const table = render(rows);
  process.stdout.write(`${table}\n`);
  if (args.has('--readme')) writeReadme(table);
}

function render(rows) {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const head = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), Node ${process.version}, ${os.platform()}; medians of fresh processes.`,
    '',
    '| size | rules | files | bytes | generate | peak RSS | floor | × floor | per 1,000 rules | validate --offline | validate | peak RSS (validate) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = rows.map(
    (r) =>
      `| ${r.name} | ${r.rules.toLocaleString('en')} | ${r.files.toLocaleString('en')} | ${(r.bytes / 1024 / 1024).toFixed(1)} MiB | ${s(r.generate.wall)} | ${Math.round(r.generate.rss)} MiB | ${s(r.floor.wall)} | ${(r.generate.wall / r.floor.wall).toFixed(1)} | ${r.rules >= 1000 ? s((r.generate.wall / r.rules) * 1000) : '–'} | ${s(r.offline.wall)} | ${s(r.full.wall)} | ${Math.round(Math.max(r.offline.rss, r.full.rss))} MiB |`,
  );
  return [...head, ...lines].join('\n');
}

function writeReadme(table) {
  const readme = path.join(ROOT, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < 0) throw new Error('README.md has no bench markers');
  writeFileSync(readme, `${text.slice(0, i + start.length)}\n${table}\n${text.slice(j)}`);
  process.stderr.write('bench: README.md updated\n');
}

main();
