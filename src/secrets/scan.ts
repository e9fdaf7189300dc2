/**
 * Secrets by value, everywhere: every string of the model (receivers, scrape jobs, rules' labels and
 * annotations, dashboards' titles, descriptions, links and queries, …), every notification template
 * and, as a safety net, every generated file. A secret is refused where it was defined, with the
 * file-based form as hint; a value that only looks like a secret is let through by a reasoned
 * `notSecret(value, reason)` in `defineProject({ secrets: { allow: [...] } })`.
 */
import type { Diagnostic, SourceRef } from '../diagnostic.js';
import type { Located, Model, NotSecretModel } from '../model/types.js';
import type { OutputFile } from '../compile/output.js';
import { PROMETHEUS_SECRETS_DIR } from '../model/schema/scrape-secrets.js';
import { findingsOf, findSecrets, hideMatches, findSecretsInText, redactSecrets, secretByName, type SecretMatch } from './detect.js';

export const SECRETS_ID = 'secrets';
const SECRETS_DIR = '/etc/alertmanager/secrets';
/** Longer values are shown around the match only. */
const SHOW_WHOLE = 120;

/** Line and column (from 1) of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The value as a report may show it: redacted, and cut around the match when long. `all`: every
 * match in the text, whose secrets are hidden too (one may overlap this one's span).
 */
function shown(text: string, match: SecretMatch, all: readonly SecretMatch[]): string {
  if (text.length > SHOW_WHOLE || text.includes('\n')) return match.redacted.replace(/\s+/g, ' ');
  // The matches' own redaction first (a secret known by its field is no secret to redactSecrets).
  return redactSecrets(hideMatches(text, all));
}

const ALLOW_HINT = "if it is not a secret, say so: defineProject({ secrets: { allow: [notSecret('<the value>', '<why it is not a secret>')] } })";

/** The file-based alternative, by where the value is. */
function hintFor(path: readonly string[]): string {
  const [area, , third] = path;
  if (area === 'alertmanager' && third !== undefined && path[1] === 'receivers') {
    return (
      `keep it in a file on the Alertmanager host and point at it: webhook authorization: { credentials: secretFile('${SECRETS_DIR}/webhook_token') }, ` +
      `slack apiUrl: secretFile('${SECRETS_DIR}/slack_webhook_url'), pagerduty routingKey: secretFile('${SECRETS_DIR}/pagerduty_routing_key'); ${ALLOW_HINT}`
    );
  }
  if (area === 'prometheus') {
    const field = path[3];
    // kubernetes_sd/http_sd credentials: the definitions have no field for them (the SD's own auth is not generated).
    if (field === 'kubernetes' || field === 'httpSd') {
      return (
        "a service discovery URL is in prometheus.yml as written, and totem-mon's kubernetes and httpSd take no credentials: " +
        `leave apiServer out to use Prometheus's in-cluster service account, or serve the discovery without credentials in the URL; ${ALLOW_HINT}`
      );
    }
    return (
      'a scrape target, path, parameter or label is in prometheus.yml as written (labels on every series): Prometheus reads scrape credentials from a file on its host: ' +
      `scrapeJob({ authorization: { credentials: secretFile('${PROMETHEUS_SECRETS_DIR}/<job>_token') } }), basicAuth: { username, password: secretFile(…) } or oauth2: { clientSecret: secretFile(…) }; ${ALLOW_HINT}`
    );
  }
  return (
    'alerts, notifications and dashboards are read by everyone they reach: link to a page that asks for its own login, ' +
    `and keep credentials in files the tools read (secretFile(…) for Alertmanager receivers and scrape jobs); ${ALLOW_HINT}`
  );
}

function appendField(field: string[], step: string | number): string[] {
  if (typeof step === 'string') return [...field, step];
  const last = field.at(-1) ?? '';
  return [...field.slice(0, -1), `${last}[${step}]`];
}

function isLocated(value: object): value is Located {
  const path = (value as { path?: unknown }).path;
  return Array.isArray(path) && path.every((p) => typeof p === 'string');
}

/** What the model scans see: every string of the model but the metric catalogue (help texts are in no output), the allow list and the templates (scanned as files). */
function modelRoot(model: Model): object {
  return {
    ...model,
    entry: undefined,
    metrics: undefined,
    notSecrets: undefined,
    ...(model.alertmanager ? { alertmanager: { ...model.alertmanager, templates: [] } } : {}),
  };
}

/** The name a string is the value of: its key, or a matcher's label for its `value` (`{ label: 'api_token', op: '=', value: '…' }`). */
function fieldName(node: object, key: string): string {
  if (key !== 'value') return key;
  const label = (node as { label?: unknown }).label;
  return typeof label === 'string' ? label : key;
}

/** Objects the cheap pass visits at most; past this (a model sharing objects a lot, or cyclic) the full scan decides. */
const NAME_PASS_BUDGET = 5_000_000;

/**
 * Whether any string of the model is a secret by its field's name alone (`db_password: '…'` in a
 * label, `api_token` in a route's matchers): the pass the pipeline always runs besides the output
 * scan, which cannot tell a value by its name once `Pa;ssw0rd` is in a YAML line. Only a name per
 * string is looked at (cached), and no set of visited objects is kept (it took half the time; the
 * budget stands for it): ~10–40 ms on a 10,000-alert model, where the full scan takes ~300 ms.
 */
export function holdsSecretByName(model: Model): boolean {
  const stack: object[] = [modelRoot(model)];
  for (let visits = 0; stack.length > 0; visits++) {
    if (visits > NAME_PASS_BUDGET) return true;
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (const value of node) if (typeof value === 'object' && value !== null) stack.push(value);
      continue;
    }
    const keys = Object.keys(node);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === 'string') {
        if (secretByName(value, fieldName(node, key))) return true;
      } else if (Array.isArray(value)) {
        // A list under a secret-looking name (`tokens: ['…']`): each item is its value.
        for (const item of value) {
          if (typeof item === 'string') {
            if (secretByName(item, key)) return true;
          } else if (typeof item === 'object' && item !== null) stack.push(item);
        }
      } else if (typeof value === 'object' && value !== null && key !== 'source') stack.push(value);
    }
  }
  return false;
}

/** One scan: what it found, which allow entries it used, which secret texts it saw. */
export class SecretScan {
  readonly diagnostics: Diagnostic[] = [];
  /** Texts of every secret seen in the definitions (reported or allowed): the output scan skips them. */
  private readonly seen = new Set<string>();
  private readonly used = new Set<NotSecretModel>();

  constructor(private readonly allow: readonly NotSecretModel[]) {}

  private allowedSecret(text: string, secret: string): boolean {
    const entry = this.allow.find((a) => a.value.includes(secret) && text.includes(a.value));
    if (entry) this.used.add(entry);
    return entry !== undefined;
  }

  /** Whether every secret of a finding is allowed (each allow entry it uses counted as used). */
  private allowed(text: string, secrets: readonly string[]): boolean {
    return secrets.map((s) => this.allowedSecret(text, s)).every(Boolean);
  }

  /** One report per finding: overlapping matches (two detectors, a token inside a password) are one. */
  private check(text: string, field: string | undefined, report: (match: SecretMatch, all: readonly SecretMatch[]) => void): void {
    const all = findSecrets(text, field);
    for (const { match, secrets } of findingsOf(all)) {
      for (const s of secrets) this.seen.add(s);
      if (!this.allowed(text, secrets)) report(match, all);
    }
  }

  /** Every string of the model (the allow list and the templates aside), located at its definition. */
  scanModel(model: Model): void {
    const root = modelRoot(model);
    // Iterative, with a guard against shared or cyclic objects: the model can be large and deep.
    // A frame knows its parent; the path is only built for a finding.
    type Frame = { node: unknown; at: Located; parent?: Frame; step?: string | number; key?: string };
    const fieldOf = (frame: Frame): string[] => {
      const steps: Array<string | number> = [];
      for (let f: Frame | undefined = frame; f && f.step !== undefined; f = f.parent) steps.push(f.step);
      return steps.reverse().reduce<string[]>(appendField, []);
    };
    const seen = new Set<object>();
    const stack: Frame[] = [{ node: root, at: { path: [] } }];
    while (stack.length > 0) {
      const frame = stack.pop()!;
      const { node, at, key } = frame;
      if (typeof node === 'string') {
        this.check(node, key, (match, all) => {
          const field = fieldOf(frame);
          const path = [...at.path, ...field];
          this.diagnostics.push({
            id: SECRETS_ID,
            severity: 'error',
            message: `${field.length > 0 ? field.join('.') : 'this value'} holds a literal ${match.what}: "${shown(node, match, all)}"; generated files never hold a secret`,
            hint: hintFor(path),
            path,
            ...(at.source ? { source: at.source } : {}),
          });
        });
        continue;
      }
      if (typeof node !== 'object' || node === null || seen.has(node)) continue;
      seen.add(node);
      if (Array.isArray(node)) {
        for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], at, parent: frame, step: i, ...(key ? { key } : {}) });
        continue;
      }
      // A located element starts its own path; its fields are relative to it.
      const located = isLocated(node);
      const here = located ? node : at;
      const parent = located ? undefined : frame;
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        if (k === 'path' || k === 'source') continue;
        const value = (node as Record<string, unknown>)[k];
        if (typeof value === 'string' || (typeof value === 'object' && value !== null)) {
          stack.push({ node: value, at: here, ...(parent ? { parent } : {}), step: k, key: fieldName(node, k) });
        }
      }
    }
    for (const template of model.alertmanager?.templates ?? []) {
      this.check(template.content, undefined, (match, all) => {
        const source: SourceRef = { file: template.source, ...lineColumn(template.content, match.from) };
        this.diagnostics.push({
          id: SECRETS_ID,
          severity: 'error',
          message: `notification template ${template.name} holds a literal ${match.what}: "${shown(template.content, match, all)}"; generated files never hold a secret`,
          hint:
            'a template is copied to the Alertmanager host and rendered into every notification: reference what the secret protects ' +
            `by a page that asks for its own login, keep credentials in receivers' secretFile(…) fields; ${ALLOW_HINT}`,
          path: ['templates', template.name],
          source,
        });
      });
    }
  }

  /** The generated files: anything the model scan did not see (a safety net), at the file and line. */
  scanOutput(files: readonly OutputFile[]): void {
    for (const file of files) {
      for (const { match, secrets } of findingsOf(findSecretsInText(file.content))) {
        const unseen = secrets.filter((s) => !this.seen.has(s));
        if (unseen.length === 0 || this.allowed(file.content, unseen)) continue;
        for (const s of secrets) this.seen.add(s);
        const { line, column } = lineColumn(file.content, match.from);
        this.diagnostics.push({
          id: SECRETS_ID,
          severity: 'error',
          message: `generated file ${file.path} would hold a literal ${match.what} at line ${line}, column ${column}: "${match.redacted}"`,
          hint: `find the definition value that writes it; ${hintFor([])}`,
          file: `${file.path}:${line}:${column}`,
        });
      }
    }
  }

  /** Allow entries that matched nothing: stale, and a reviewer would not know what they excuse. */
  unusedAllowEntries(): Diagnostic[] {
    return this.allow
      .filter((a) => !this.used.has(a))
      .map((a) => ({
        id: SECRETS_ID,
        severity: 'warning' as const,
        message: `notSecret("${redactSecrets(a.value)}") matches no value that looks like a secret`,
        hint: 'remove it from secrets.allow (the value changed, or it never needed allowing)',
        path: a.path,
        ...(a.source ? { source: a.source } : {}),
      }));
  }
}

/**
 * The pipeline's secret stage. Without files (the definitions have errors, nothing is compiled):
 * the definitions and templates are scanned. With the generated files: those are scanned first
 * (one fast pass), and the model's values under secret-looking names (a cheap pass: a value is
 * known by its name, whatever its output looks like); only when either holds something is the
 * whole model scanned, to name the definition it came from; what no definition explains is
 * reported at the generated file.
 */
export function scanSecrets(model: Model, files?: readonly OutputFile[]): Diagnostic[] {
  const scan = new SecretScan(model.notSecrets);
  if (files === undefined) {
    scan.scanModel(model);
    return [...scan.diagnostics, ...scan.unusedAllowEntries()];
  }
  scan.scanOutput(files);
  if (scan.diagnostics.length === 0 && !holdsSecretByName(model)) return scan.unusedAllowEntries();
  const located = new SecretScan(model.notSecrets);
  located.scanModel(model);
  located.scanOutput(files);
  return [...located.diagnostics, ...located.unusedAllowEntries()];
}
