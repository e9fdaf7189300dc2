/**
 * prometheus.yml as `promtool check config` is given it in validate's temporary tree. promtool
 * insists that the files a scrape job reads its credentials and certificates from exist (they live
 * on the Prometheus host, not here): each such path is pointed at an empty placeholder beside the
 * config, line for line, so that the findings keep their line numbers. Its `rule_files` are left
 * out, line for line too, when `check rules` checks them (`withoutRuleFiles`). Debian's promtool is built without Kubernetes service
 * discovery: `withoutKubernetesSd` gives the config it can read.
 */
import path from 'node:path';
import { parse, parseDocument, isMap, isSeq } from 'yaml';
import type { OutputFile } from '../compile/output.js';
import { PROMETHEUS_CONFIG } from '../compile/prometheus/config.js';

const FILE_SETTING = /^(\s*(?:-\s+)?(?:password_file|credentials_file|client_secret_file|key_file|cert_file|ca_file|bearer_token_file):\s+)(.+)$/;
const PLACEHOLDERS = '.promtool-placeholders';

/** prometheus.yml's lines, each credential or certificate path pointed at a placeholder; `originals`: placeholder (as written in the config) → the path it stands for. */
function placed(config: OutputFile): { content: string; originals: Map<string, string> } {
  const originals = new Map<string, string>();
  const content = config.content
    .split('\n')
    .map((line) => {
      const m = FILE_SETTING.exec(line);
      if (!m) return line;
      const placeholder = `${PLACEHOLDERS}/${originals.size + 1}`;
      originals.set(placeholder, m[2]!);
      return `${m[1]}${placeholder}`;
    })
    .join('\n');
  return { content, originals };
}

/** The generated files with prometheus.yml's credential and certificate paths pointed at placeholders (added to the files). */
export function withPlaceholderFiles(files: readonly OutputFile[]): OutputFile[] {
  const config = files.find((f) => f.path === PROMETHEUS_CONFIG);
  if (!config) return [...files];
  const { content, originals } = placed(config);
  const placeholders = [...originals.keys()].map((p): OutputFile => ({ ...config, path: `${path.posix.dirname(PROMETHEUS_CONFIG)}/${p}`, content: '' }));
  return [...files.map((f) => (f === config ? { ...f, content } : f)), ...placeholders];
}

/** prometheus.yml names a credential or certificate file (validate points each at a placeholder). */
export function namesCredentialFiles(files: readonly OutputFile[]): boolean {
  const config = files.find((f) => f.path === PROMETHEUS_CONFIG);
  return config !== undefined && placed(config).originals.size > 0;
}

/**
 * Each placeholder's paths as promtool may name it (relative to prometheus.yml, or to the tree) →
 * the path prometheus.yml gives (the file on the Prometheus host), as YAML wrote it.
 */
export function placeholderOriginals(files: readonly OutputFile[]): Map<string, string> {
  const config = files.find((f) => f.path === PROMETHEUS_CONFIG);
  const found = new Map<string, string>();
  if (!config) return found;
  for (const [placeholder, original] of placed(config).originals) {
    const unquoted = /^(["']).*\1$/.test(original) ? original.slice(1, -1) : original;
    found.set(`${path.posix.dirname(PROMETHEUS_CONFIG)}/${placeholder}`, unquoted);
    found.set(placeholder, unquoted);
  }
  return found;
}

/** What promtool says when it was built without Kubernetes service discovery. */
export function lacksKubernetesSd(output: string): boolean {
  return /field kubernetes_sd_configs not found/.test(output);
}

/** The config with each job's kubernetes_sd_configs left out (a job left without targets gets an empty static list). */
export function withoutKubernetesSd(content: string): { content: string; jobs: string[] } {
  const doc = parseDocument(content);
  const jobs: string[] = [];
  const scrapeConfigs = doc.get('scrape_configs');
  if (isSeq(scrapeConfigs)) {
    for (const job of scrapeConfigs.items) {
      if (!isMap(job) || !job.has('kubernetes_sd_configs')) continue;
      jobs.push(String(job.get('job_name')));
      job.delete('kubernetes_sd_configs');
    }
  }
  return { content: doc.toString(), jobs };
}

/**
 * The generated files with prometheus.yml's `rule_files` left out: `rule_files: []`, each entry a
 * comment (the lines keep their numbers). promtool check config loads and checks every rule file a
 * config names, which is exactly what `promtool check rules` does on every rule file (in parallel
 * batches, where validate reports their findings): on the large benchmark set the same ~1.8 s of
 * CPU twice. Where one `check rules` process would check them all, check config is given them
 * instead and no `check rules` runs (src/validate/run-tools.ts checkedWithConfig).
 */
export function withoutRuleFiles(files: readonly OutputFile[]): OutputFile[] {
  return files.map((f) => (f.path === PROMETHEUS_CONFIG ? { ...f, content: ruleFilesLeftOut(f.content) } : f));
}

/** `rule_files:` and its entries (`  - rules/x.yml`) as `rule_files: []` and comments. */
export function ruleFilesLeftOut(content: string): string {
  const lines = content.split('\n');
  const at = lines.indexOf('rule_files:');
  if (at < 0) return content;
  lines[at] = 'rule_files: []';
  for (let i = at + 1; i < lines.length && /^\s+- /.test(lines[i]!); i++) lines[i] = lines[i]!.replace(/^(\s+)- /, '$1# - ');
  return lines.join('\n');
}

/**
 * The rule files prometheus.yml names, as paths of the output (`prometheus/rules/x.yml`); none when
 * there is no prometheus.yml, when it does not read, or when it names any by a pattern (promtool
 * would glob it) or by an absolute path.
 */
export function ruleFilesNamed(files: readonly OutputFile[]): string[] {
  const config = files.find((f) => f.path === PROMETHEUS_CONFIG);
  let entries: unknown;
  try {
    entries = config ? ((parse(config.content) as { rule_files?: unknown } | null)?.rule_files ?? []) : [];
  } catch {
    return [];
  }
  if (!Array.isArray(entries) || !entries.every((e): e is string => typeof e === 'string' && !/[*?[\\]/.test(e) && !path.posix.isAbsolute(e))) return [];
  return entries.map((e) => path.posix.join(path.posix.dirname(PROMETHEUS_CONFIG), e));
}
