// The JSON body checks of the generated blackbox modules, run by the real blackbox exporter (0.23:
// regexp body checks only): each case is a health check on its own loopback path, probed through
// the exporter's /probe, and probe_success must say what the JSON says. Expected fields are
// top-level only; components are members at any depth; encoders' escapes (Python's ensure_ascii,
// Go's HTML-safe `\u0026`, PHP's `\/`) and Python floats (`1.0`) still match.
import { afterAll, describe, expect } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { defineProject, healthCheck, type HealthCheckOptions } from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { compileAll } from '../../src/compile/index.js';
import { tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { execa } from 'execa';

interface Case {
  name: string;
  check: Pick<HealthCheckOptions, 'expectJson' | 'components' | 'componentHealthy'>;
  /** The body exactly as the service sends it. */
  body: string;
  up: boolean;
}

const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

const CASES: Case[] = [
  // The audit's body: the top-level status is DOWN, a nested one is UP.
  { name: 'nested-status', check: { expectJson: { status: 'UP' }, components: ['db'] }, body: '{"status":"DOWN","details":{"db":true,"cache":{"status":"UP"}}}', up: false },
  { name: 'nested-status-first', check: { expectJson: { status: 'UP' } }, body: '{"details":{"cache":{"status":"UP"}},"status":"DOWN"}', up: false },
  { name: 'nested-array', check: { expectJson: { status: 'UP' } }, body: '{"items":[{"status":"UP"}],"status":"DOWN"}', up: false },
  { name: 'top-after-nested', check: { expectJson: { status: 'UP' }, components: ['db'] }, body: '{"details":{"cache":{"status":"DOWN"},"db":true},"status":"UP"}', up: true },
  { name: 'top-after-deep', check: { expectJson: { status: 'UP' } }, body: `{"x":${deep(8)}, "status" : "UP" }`, up: true },
  { name: 'in-a-string', check: { expectJson: { status: 'UP' } }, body: '{"message":"{\\"status\\": \\"UP\\"}","status":"DOWN"}', up: false },
  { name: 'top-level-array', check: { expectJson: { status: 'UP' } }, body: '[{"status":"UP"}]', up: false },
  { name: 'pretty', check: { expectJson: { status: 'UP', ready: true } }, body: '{\n  "status": "UP",\n  "ready": true\n}\n', up: true },
  // Python's json.dumps (ensure_ascii) and a raw UTF-8 body, for a non-ASCII expected string.
  { name: 'ensure-ascii', check: { expectJson: { estado: 'saudável' } }, body: '{"estado": "saud\\u00e1vel"}', up: true },
  { name: 'ensure-ascii-upper', check: { expectJson: { estado: 'saudável' } }, body: '{"estado": "saud\\u00E1vel"}', up: true },
  { name: 'utf8', check: { expectJson: { estado: 'saudável' } }, body: '{"estado": "saudável"}', up: true },
  { name: 'other-accent', check: { expectJson: { estado: 'saudável' } }, body: '{"estado": "saud\\u00e0vel"}', up: false },
  { name: 'astral', check: { expectJson: { mood: 'ok 😀' } }, body: '{"mood": "ok \\ud83d\\ude00"}', up: true },
  { name: 'go-html-escape', check: { expectJson: { owner: 'a&b <ops>' } }, body: '{"owner":"a\\u0026b \\u003cops\\u003e"}', up: true },
  { name: 'php-slashes', check: { expectJson: { url: 'http://api/health' } }, body: '{"url":"http:\\/\\/api\\/health"}', up: true },
  { name: 'quote-escaped', check: { expectJson: { msg: 'say "hi"' } }, body: '{"msg":"say \\"hi\\""}', up: true },
  { name: 'non-ascii-key', check: { expectJson: { 'situação': 'ok' } }, body: '{"situa\\u00e7\\u00e3o":"ok"}', up: true },
  // Numbers as Python writes floats; a different number does not match.
  { name: 'python-float', check: { expectJson: { ready: 1 } }, body: '{"ready": 1.0}', up: true },
  { name: 'float-other', check: { expectJson: { ready: 1 } }, body: '{"ready": 1.5}', up: false },
  { name: 'float-zeros', check: { expectJson: { ratio: 0.5 } }, body: '{"ratio": 0.50}', up: true },
  // Components: members at any depth, with their healthy value, never text in a string.
  { name: 'component-nested', check: { components: ['database'] }, body: '{"checks":{"database":true}}', up: true },
  { name: 'component-failed', check: { components: ['database'] }, body: '{"checks":{"database":false}}', up: false },
  { name: 'component-in-string', check: { components: ['database'] }, body: '{"log":"\\"database\\": true,","checks":{"database":false}}', up: false },
  { name: 'component-value', check: { components: ['db'], componentHealthy: 'UP' }, body: '{"components":{"db":"UP"}}', up: true },
];

function serve(bodies: Map<string, string>): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    const body = bodies.get(req.url ?? '');
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(Buffer.from(body, 'utf8'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, server })));
}

/** The exporter on the generated modules, on a free loopback port, once it answers /-/ready. */
async function startExporter(config: string) {
  const { port, server } = await serve(new Map());
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const child = execa(findBinary('prometheus-blackbox-exporter')!, [`--config.file=${config}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { reject: false, all: true, buffer: false });
  let log = '';
  child.all?.on('data', (chunk: Buffer) => void (log += String(chunk)));
  const stop = async () => {
    child.kill('SIGTERM');
    await child;
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 150) {
      await stop();
      throw new Error(`the blackbox exporter did not start:\n${log}`);
    }
    if ((await fetch(`${url}/-/ready`).catch(() => undefined))?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop, output: () => log };
}

describe('JSON body checks on the real blackbox exporter', () => {
  const stoppers: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const stop of stoppers.reverse()) await stop();
  });

  itWithBinaries(['prometheus-blackbox-exporter'])('probe_success says what the JSON says', async () => {
    const bodies = new Map(CASES.map((c) => [`/${c.name}`, c.body]));
    const { port, server } = await serve(bodies);
    stoppers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const project = defineProject({
      name: 'bodies',
      metrics: [],
      prometheus: { scrapeJobs: [] },
      healthChecks: CASES.map((c) => healthCheck({ name: c.name, url: `http://127.0.0.1:${port}/${c.name}`, timeout: '5s', ...c.check })),
    });
    const parsed = parseProject(project);
    if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('; '));
    const model = buildModel(parsed.project, 'test/index.ts');
    const blackbox = compileAll(model).find((f) => f.path === 'blackbox/blackbox.yml')!;
    const out = tempDir('totem-mon-body-checks-');
    stoppers.push(() => rmSync(out, { recursive: true, force: true }));
    mkdirSync(path.join(out, 'blackbox'));
    writeFileSync(path.join(out, 'blackbox/blackbox.yml'), blackbox.content);

    const exporter = await startExporter(path.join(out, 'blackbox/blackbox.yml'));
    stoppers.push(exporter.stop);

    const results: Record<string, boolean> = {};
    for (const c of CASES) {
      const check = model.healthChecks.find((h) => h.name === c.name)!;
      const url = `${exporter.url}/probe?module=${encodeURIComponent(check.module)}&target=${encodeURIComponent(check.url)}`;
      const text = await (await fetch(url)).text();
      const success = /^probe_success (\d)$/m.exec(text)?.[1];
      expect(success, `${c.name}: ${text}\n${exporter.output()}`).toBeDefined();
      results[c.name] = success === '1';
    }
    expect(results).toEqual(Object.fromEntries(CASES.map((c) => [c.name, c.up])));
  }, 60_000);
});
