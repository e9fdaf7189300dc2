// The pieces of the end-to-end chain (test/e2e/*.test.ts): a Totem-like exporter, a webhook
// server, and the real Prometheus and Alertmanager run on the generated files, all on loopback
// with ports chosen at run time.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { Registry } from 'prom-client';
import { promClientMetrics } from '../../src/instrument/prom-client.js';
import { catalogue } from '../../definitions/metrics/index.js';
import { errors, queueLength, requestDuration, requests } from '../../definitions/metrics/application.js';

const HOST = '127.0.0.1';

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** A free loopback port for a process we start (bind port 0, read it, release it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return port;
}

// ── the exporter ─────────────────────────────────────────────────────────────────────────────

export interface Exporter {
  address: string;
  /** From now on every request fails (true) or none does (false). */
  setBurst(on: boolean): void;
  stop(): Promise<void>;
}

/** Serves /metrics with the catalogue's metrics (through promClientMetrics) and steady fake traffic. */
export async function startExporter(): Promise<Exporter> {
  const registry = new Registry();
  const metrics = promClientMetrics(catalogue, { registry });
  let burst = false;
  const traffic = setInterval(() => {
    metrics.get(requests).inc(5);
    if (burst) metrics.get(errors).inc(5);
    metrics.get(requestDuration).observe(0.08);
    metrics.get(queueLength).set(3);
  }, 50);
  const server = createServer(async (req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': registry.contentType }).end(await registry.metrics());
  });
  const port = await listen(server);
  return {
    address: `${HOST}:${port}`,
    setBurst: (on) => void (burst = on),
    stop: async () => {
      clearInterval(traffic);
      await close(server);
    },
  };
}

// ── the webhook server ───────────────────────────────────────────────────────────────────────

/** Alertmanager's webhook payload (version 4), the fields the test reads. */
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export interface WebhookPayload {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: WebhookAlert[];
  groupLabels: Record<string, string>;
}
export interface Notification {
  at: number;
  payload: WebhookPayload;
}

export interface Webhook {
  address: string;
  received: Notification[];
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export async function startWebhook(): Promise<Webhook> {
  const received: Notification[] = [];
  const server = createServer(async (req, res) => {
    const text = await body(req);
    if (req.method === 'POST') received.push({ at: Date.now(), payload: JSON.parse(text) as WebhookPayload });
    res.writeHead(200).end();
  });
  const port = await listen(server);
  return { address: `${HOST}:${port}`, received, stop: () => close(server) };
}

// ── Prometheus and Alertmanager ─────────────────────────────────────────────────────────────

export interface Service {
  name: string;
  url: string;
  process: ResultPromise;
  /** What the process printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

async function startService(name: string, binary: string, args: (address: string) => string[], port?: number): Promise<Service> {
  port ??= await freePort();
  const address = `${HOST}:${port}`;
  const child = execa(binary, args(address), { reject: false, all: true, buffer: false, forceKillAfterDelay: 3_000 });
  let log = '';
  child.all?.on('data', (chunk: Buffer) => void (log = (log + String(chunk)).slice(-20_000)));
  const service: Service = {
    name,
    url: `http://${address}`,
    process: child,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await child;
    },
  };
  try {
    await waitFor(`${name} ready`, 15_000, async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}:\n${log}`);
      const res = await fetch(`${service.url}/-/ready`).catch(() => undefined);
      return res?.ok ? true : undefined;
    });
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

export function startPrometheus(binary: string, outDir: string, dataDir: string): Promise<Service> {
  const storage = path.join(dataDir, 'prometheus');
  mkdirSync(storage, { recursive: true });
  return startService('prometheus', binary, (address) => [
    `--config.file=${path.join(outDir, 'prometheus/prometheus.yml')}`,
    `--storage.tsdb.path=${storage}`,
    `--web.listen-address=${address}`,
    '--log.level=warn',
  ]);
}

/** `port`: Alertmanager's port is chosen before generating, since prometheus.yml names it. */
export function startAlertmanager(binary: string, outDir: string, dataDir: string, port: number): Promise<Service> {
  const storage = path.join(dataDir, 'alertmanager');
  mkdirSync(storage, { recursive: true });
  return startService('alertmanager', binary, (address) => [
    `--config.file=${path.join(outDir, 'alertmanager/alertmanager.yml')}`,
    `--storage.path=${storage}`,
    `--web.listen-address=${address}`,
    '--cluster.listen-address=', // no clustering (and no gossip port)
    '--log.level=warn',
  ], port);
}

/** The blackbox exporter on the generated modules (out/blackbox/blackbox.yml). */
export function startBlackboxExporter(binary: string, outDir: string, port?: number): Promise<Service> {
  return startService('blackbox exporter', binary, (address) => [
    `--config.file=${path.join(outDir, 'blackbox/blackbox.yml')}`,
    `--web.listen-address=${address}`,
    '--log.level=warn',
  ], port);
}

// ── a /health endpoint ──────────────────────────────────────────────────────────────────────

export interface HealthEndpoint {
  url: string;
  /** What /health answers from now on. */
  answer(status: number, body: unknown): void;
  stop(): Promise<void>;
}

/** Serves /health with the status and JSON body last given to `answer` (200 `{}` at first). */
export async function startHealthEndpoint(): Promise<HealthEndpoint> {
  let status = 200;
  let body: unknown = {};
  const server = createServer((req, res) => {
    if (req.url !== '/health') return void res.writeHead(404).end();
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  const port = await listen(server);
  return {
    url: `http://${HOST}:${port}/health`,
    answer: (s, b) => void ((status = s), (body = b)),
    stop: () => close(server),
  };
}

// ── waiting ──────────────────────────────────────────────────────────────────────────────────

/**
 * Polls `probe` until it returns a value (not undefined). On timeout, throws `diagnose()`'s error
 * when given (it explains why), else a plain timeout error. Errors thrown by `probe` end the wait.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  diagnose?: () => Promise<Error>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      if (diagnose) throw await diagnose();
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}
