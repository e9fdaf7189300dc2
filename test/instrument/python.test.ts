// The generated Python module (out/instrument/python/<project>_metrics.py) run by the real
// prometheus_client: its exposition is parsed and compared with the catalogue (check-metrics).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it as plainIt } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { findPythonWithClient, itWithPythonClient, pythonCandidates } from '../helpers/python.js';
import { freePort, waitFor } from '../e2e/stack.js';

const { it, python } = itWithPythonClient();
const SHOP = path.join(FIXTURES, 'instrument/shop');

async function generated(definitions: string): Promise<string> {
  const out = path.join(tempDir('totem-mon-python-'), 'out');
  const result = await runCli(['generate', '--definitions', definitions, '--out', out]);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return out;
}

/** Runs `script` with the generated module importable; serves the default registry on `port` until killed. */
function serve(out: string, script: string, port: number) {
  const child = spawn(python!, ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(path.join(out, 'instrument/python'))})\n${script}\nfrom prometheus_client import start_http_server\nstart_http_server(${port}, addr="127.0.0.1")\nimport time\nprint("ready", flush=True)\ntime.sleep(120)`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += String(c)));
  child.stderr.on('data', (c) => (output += String(c)));
  return { child, output: () => output };
}

describe('the generated Python module', () => {
  plainIt('finds an interpreter with prometheus_client whatever python3 comes first on PATH', () => {
    const dir = tempDir('totem-mon-fake-python-');
    // A python3 first on PATH that cannot import prometheus_client (like a pyenv one): not chosen.
    const candidates = pythonCandidates({ PATH: `${dir}:/usr/bin` });
    expect(candidates[0]).toBe('/usr/bin/python3');
    expect(findPythonWithClient({ PATH: dir, TOTEM_MON_TEST_PYTHON: '/nonexistent/python' }, (p) => p === '/usr/bin/python3')).toBe('/usr/bin/python3');
    expect(findPythonWithClient({ PATH: dir }, () => false)).toBeUndefined();
  });

  it('declares every application metric with prometheus_client: names, help, labels and buckets as catalogued', async () => {
    const out = await generated(SHOP);
    const module = readFileSync(path.join(out, 'instrument/python/shop_metrics.py'), 'utf8');
    expect(module).not.toContain('node_load1');
    // It compiles (and type annotations are valid Python).
    execFileSync(python!, ['-c', `import ast,sys; ast.parse(open(${JSON.stringify(path.join(out, 'instrument/python/shop_metrics.py'))}).read())`]);

    const port = await freePort();
    const server = serve(
      out,
      [
        'import shop_metrics as m',
        'm.inc_shop_orders(status="paid", from_="web")',
        'm.inc_shop_orders(2, status="failed", from_="app")',
        'm.set_shop_queue_length(3)',
        'm.set_shop_stock_items(7, value_="apples")',
        'm.observe_shop_latency_seconds(0.2)',
        'm.observe_shop_basket_items(4, shop="a")',
      ].join('\n'),
      port,
    );
    try {
      await waitFor('the Python exporter', 20_000, async () => (server.output().includes('ready') ? true : server.child.exitCode !== null ? Promise.reject(new Error(server.output())) : undefined));
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).toContain('# HELP shop_orders_total Orders "placed" at the shop');
      expect(text).toContain('shop_orders_total{from="app",status="failed"} 2.0');
      expect(text).toContain('shop_stock_items{value="apples"} 7.0');
      expect(text).toMatch(/shop_latency_seconds_bucket\{le="0.25"\} 1.0/);

      // The whole exposition against the catalogue, as check-metrics sees it: no error, and the
      // only unexpected metrics are prometheus_client's own (process_*, python_*).
      const checked = await runCli(['check-metrics', `http://127.0.0.1:${port}/metrics`, '--definitions', SHOP, '--format', 'json']);
      const report = JSON.parse(checked.stdout) as { diagnostics: { id: string; severity: string; message: string }[] };
      expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const unexpected = report.diagnostics.filter((d) => d.id === 'metrics/unexpected').map((d) => /metric (\S+)/.exec(d.message)![1]!);
      expect(unexpected.length).toBeGreaterThan(0);
      expect(unexpected.filter((n) => !/^(process|python)_/.test(n))).toEqual([]);
      expect(checked.code).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('is generated for Totem from its catalogue', () => {
    const module = readFileSync(path.join(FIXTURES, '../../out/instrument/python/totem_metrics.py'), 'utf8');
    for (const name of ['totem_ticket_created_total', 'totem_ticket_wait_time_seconds', 'totem_payment_processed_total', 'totem_request_duration_seconds']) {
      expect(module).toContain(`"${name}"`);
    }
    expect(module).toContain('buckets=(30, 60, 120, 300, 600)');
    expect(module).toContain('labelnames=("status", "method")');
    expect(module).not.toContain('node_cpu_seconds_total');
  });
});
